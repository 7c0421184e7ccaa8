/**
 * `AlertStore`, `AlertQueries` and `IncidentQueries` on SQLite: the `alerts` table and the `incidents`
 * index. The `incidents` table points at each incident's newest alert that no reorg retracted (kept up to
 * date by `saveAlert` and `retractAlert`, in the same transaction), so the API lists and opens incidents
 * by index however long the watch has run.
 */
import { SEVERITIES, type Severity } from '../../core/finding.js';
import { toJson } from '../../core/json.js';
import type { Alert } from '../../core/alert.js';
import { incidentIdOf } from '../alerts.js';
import type { AlertCountQuery, AlertCounts, AlertPageQuery, AlertQueries, AlertQuery, AlertStore, AlertSummary, IncidentQueries, SeqAlert, StoredAlert, TriageStatus } from '../store.js';
import type { SqliteDatabase } from './database.js';
import { triageStatusClause } from './triage.js';

export const TRIAGE_STATUSES: readonly TriageStatus[] = ['open', 'acknowledged', 'resolved', 'muted'];

export interface AlertRow {
  data: string;
  retracted_at: string | null;
  retract_reason: string | null;
}

interface SeqRow extends AlertRow {
  seq: number;
}

interface PageRow extends SeqRow {
  id: string;
}

/** A stored row as the alert it holds, with its retraction when there is one. */
export function toAlert(row: AlertRow): StoredAlert {
  const alert = JSON.parse(row.data) as StoredAlert;
  if (row.retracted_at !== null) {
    alert.retractedAt = row.retracted_at;
    if (row.retract_reason !== null) alert.retractReason = row.retract_reason;
  }
  return alert;
}

/** Every filter the alerts table is read with (the store's own queries and the API's pages). */
export interface AlertFilter extends Omit<AlertQuery, 'limit'> {
  detector?: string;
  severity?: string;
  /** Only rows stored before this one (a page cursor). */
  beforeSeq?: number;
  /** Only alerts of this triage status as of `now` (ISO 8601; default: the time of the call). */
  status?: TriageStatus;
  now?: string;
  /** Only alerts raised at or after this time (ISO 8601, as `created_at` is written). */
  since?: string;
  /** Only alerts whose stored JSON contains every word (case-insensitive: the words are lower-cased here). */
  words?: readonly string[];
}

/** The WHERE clause (empty when nothing filters) and its arguments for `filter`. */
export function alertFilter(filter: AlertFilter): { where: string; args: (string | number)[] } {
  const clauses: string[] = [];
  const args: (string | number)[] = [];
  const add = (clause: string, value: string | number | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    args.push(value);
  };
  add('chain_id = ?', filter.chainId);
  add('detector = ?', filter.detector);
  add('severity = ?', filter.severity);
  add('block_number >= ?', filter.fromBlock);
  add('block_number <= ?', filter.toBlock);
  add('lower(block_hash) = lower(?)', filter.blockHash);
  add('seq < ?', filter.beforeSeq);
  add('created_at >= ?', filter.since);
  if (!filter.includeRetracted) clauses.push('retracted_at IS NULL');
  // A plain substring test over the stored JSON (title, explanation, detector, addresses, hashes, evidence):
  // no index, so a search reads every row its other filters leave; 50k alerts take tens of ms.
  for (const word of filter.words ?? []) {
    clauses.push('instr(lower(data), ?) > 0');
    args.push(word.toLowerCase());
  }
  if (filter.status !== undefined) {
    const t = triageStatusClause('alert', 'alerts.id', filter.status, filter.now ?? new Date().toISOString());
    clauses.push(t.clause);
    args.push(...t.args);
  }
  return { where: clauses.length ? 'WHERE ' + clauses.join(' AND ') : '', args };
}

/** The filter of a `GET /alerts` page. */
export function pageFilter(q: AlertPageQuery): AlertFilter {
  return {
    ...(q.chainId !== undefined ? { chainId: q.chainId } : {}),
    ...(q.detector !== undefined ? { detector: q.detector } : {}),
    ...(q.severity !== undefined ? { severity: q.severity } : {}),
    ...(q.fromBlock !== undefined ? { fromBlock: q.fromBlock } : {}),
    ...(q.beforeSeq !== undefined ? { beforeSeq: q.beforeSeq } : {}),
    ...(q.includeRetracted ? { includeRetracted: true } : {}),
    ...(q.status !== undefined ? { status: q.status } : {}),
    ...(q.words && q.words.length > 0 ? { words: q.words } : {}),
  };
}

/** The page query of `GET /alerts` for `where` (one row more than the page: it tells whether there is a next one). */
export const PAGE_SQL = (where: string) => `SELECT seq, id, data, retracted_at, retract_reason FROM alerts ${where} ORDER BY seq DESC LIMIT ?`;

export const zeroCounts = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

export class SqliteAlerts implements AlertStore, AlertQueries, IncidentQueries {
  private readonly db: SqliteDatabase;
  private readonly stmts;

  constructor(db: SqliteDatabase) {
    this.db = db;
    const alertCols = 'data, retracted_at, retract_reason';
    this.stmts = {
      insertAlert: db.prepare(
        'INSERT OR IGNORE INTO alerts (id, chain_id, block_number, block_hash, tx_hash, detector, severity, created_at, data, dispatched, incident_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
      ),
      // The incident's newest live alert, or none (its row goes) when every one was retracted.
      newestOfIncident: db.prepare<[string], { seq: number; chain_id: number; severity: string }>(
        'SELECT seq, chain_id, severity FROM alerts WHERE incident_id = ? AND retracted_at IS NULL ORDER BY seq DESC LIMIT 1',
      ),
      upsertIncident: db.prepare(
        'INSERT INTO incidents (id, chain_id, alert_seq, severity) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET chain_id = excluded.chain_id, alert_seq = excluded.alert_seq, severity = excluded.severity',
      ),
      deleteIncident: db.prepare('DELETE FROM incidents WHERE id = ?'),
      incidentOfAlert: db.prepare<[string], { incident_id: string | null }>('SELECT incident_id FROM alerts WHERE id = ?'),
      dispatched: db.prepare('UPDATE alerts SET dispatched = 1 WHERE id = ?'),
      isDispatched: db.prepare<[string], { dispatched: number }>('SELECT dispatched FROM alerts WHERE id = ?'),
      getAlert: db.prepare<[string], AlertRow>(`SELECT ${alertCols} FROM alerts WHERE id = ?`),
      retract: db.prepare('UPDATE alerts SET retracted_at = ?, retract_reason = ? WHERE id = ? AND retracted_at IS NULL'),
      latestSeq: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM alerts'),
      after: db.prepare<[number, number], SeqRow>('SELECT seq, data, retracted_at, retract_reason FROM alerts WHERE seq > ? ORDER BY seq LIMIT ?'),
      newestIncidentAlert: db.prepare<[string], SeqRow>('SELECT a.seq, a.data, a.retracted_at, a.retract_reason FROM incidents i JOIN alerts a ON a.seq = i.alert_seq WHERE i.id = ?'),
      incidentAlertsFrom: db.prepare<[number, number, number], SeqRow>(
        'SELECT seq, data, retracted_at, retract_reason FROM alerts WHERE incident_id IS NOT NULL AND chain_id = ? AND block_number >= ? AND retracted_at IS NULL ORDER BY block_number, seq LIMIT ?',
      ),
    };
  }

  /** Prepared once per distinct SQL text (the filtered queries have a handful of shapes). */
  private readonly cache = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  private prepared<R>(sql: string) {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt as unknown as { all(...args: (string | number)[]): R[]; get(...args: (string | number)[]): R | undefined };
  }

  async saveAlert(alert: Alert): Promise<boolean> {
    const incident = incidentIdOf(alert);
    const save = () => {
      const r = this.stmts.insertAlert.run(
        alert.id,
        alert.chainId,
        alert.blockNumber,
        alert.blockHash,
        alert.txHash ?? null,
        alert.finding.detector,
        alert.finding.severity,
        alert.createdAt,
        toJson(alert),
        incident,
      );
      if (r.changes > 0 && incident !== null) this.refreshIncident(incident);
      return r.changes > 0;
    };
    // One transaction only when there is an incident to keep in step: most alerts are one plain insert.
    return incident === null ? save() : this.db.transaction(save)();
  }

  /** Points the incident's row at its newest live alert, or drops it when there is none. */
  private refreshIncident(id: string): void {
    const newest = this.stmts.newestOfIncident.get(id);
    if (newest) this.stmts.upsertIncident.run(id, newest.chain_id, newest.seq, newest.severity);
    else this.stmts.deleteIncident.run(id);
  }

  async markDispatched(id: string): Promise<void> {
    this.stmts.dispatched.run(id);
  }

  async isDispatched(id: string): Promise<boolean> {
    return this.stmts.isDispatched.get(id)?.dispatched === 1;
  }

  async getAlert(id: string): Promise<StoredAlert | null> {
    const row = this.stmts.getAlert.get(id);
    return row ? toAlert(row) : null;
  }

  async alerts(query: AlertQuery = {}): Promise<StoredAlert[]> {
    const { where, args } = alertFilter(query);
    const sql = `SELECT data, retracted_at, retract_reason FROM alerts ${where} ORDER BY block_number, seq${query.limit !== undefined ? ' LIMIT ' + Math.max(0, Math.floor(query.limit)) : ''}`;
    return this.db
      .prepare<(string | number)[], AlertRow>(sql)
      .all(...args)
      .map(toAlert);
  }

  async retractAlert(id: string, reason: string, at: Date = new Date()): Promise<{ alert: StoredAlert; changed: boolean } | null> {
    const changed = this.db.transaction(() => {
      const done = this.stmts.retract.run(at.toISOString(), reason, id).changes > 0;
      const incident = done ? this.stmts.incidentOfAlert.get(id)?.incident_id : null;
      // An incident that grew on a dropped block falls back to its state before.
      if (incident) this.refreshIncident(incident);
      return done;
    })();
    const alert = await this.getAlert(id);
    return alert ? { alert, changed } : null;
  }

  // --- AlertQueries

  async alertPageJson(q: AlertPageQuery): Promise<{ alerts: string[]; ids: string[]; nextSeq: number | null }> {
    const { where, args } = alertFilter(pageFilter(q));
    const rows = this.prepared<PageRow>(PAGE_SQL(where)).all(...args, q.limit + 1);
    const more = rows.length > q.limit;
    const shown = more ? rows.slice(0, q.limit) : rows;
    const last = shown[shown.length - 1];
    return {
      alerts: shown.map((row) => (row.retracted_at === null ? row.data : JSON.stringify(toAlert(row)))),
      ids: shown.map((row) => row.id),
      nextSeq: more && last ? last.seq : null,
    };
  }

  async alertCounts(q: AlertCountQuery): Promise<AlertCounts> {
    const now = new Date().toISOString();
    const { severity, status, ...rest } = pageFilter({ ...q, limit: 0 });
    const bySeverity = zeroCounts();
    const withStatus = alertFilter({ ...rest, ...(status !== undefined ? { status } : {}), now });
    for (const row of this.prepared<{ severity: Severity; n: number }>(`SELECT severity, count(*) AS n FROM alerts ${withStatus.where} GROUP BY severity`).all(...withStatus.args)) bySeverity[row.severity] = row.n;
    const byStatus = Object.fromEntries(TRIAGE_STATUSES.map((s) => [s, 0])) as Record<TriageStatus, number>;
    // Per status: the triaged rows grouped (few), open is what is left of the total.
    const withSeverity = alertFilter({ ...rest, ...(severity !== undefined ? { severity } : {}) });
    const all = this.prepared<{ n: number }>(`SELECT count(*) AS n FROM alerts ${withSeverity.where}`).get(...withSeverity.args)?.n ?? 0;
    let triaged = 0;
    for (const s of TRIAGE_STATUSES) {
      if (s === 'open') continue;
      const f = alertFilter({ ...rest, ...(severity !== undefined ? { severity } : {}), status: s, now });
      byStatus[s] = this.prepared<{ n: number }>(`SELECT count(*) AS n FROM alerts ${f.where}`).get(...f.args)?.n ?? 0;
      triaged += byStatus[s];
    }
    byStatus.open = all - triaged;
    const total = status !== undefined ? byStatus[status] : all;
    return { total: severity !== undefined ? bySeverity[severity as Severity] ?? 0 : total, bySeverity, byStatus };
  }

  async latestAlertSeq(): Promise<number> {
    return this.stmts.latestSeq.get()?.seq ?? 0;
  }

  async alertsAfter(seq: number, limit = 1000): Promise<SeqAlert[]> {
    return this.stmts.after.all(seq, limit).map((row) => ({ seq: row.seq, alert: JSON.parse(row.data) as StoredAlert }));
  }

  async alertSummary(q: { chainId?: number; buckets: number; since?: string }): Promise<AlertSummary> {
    const { where, args } = alertFilter({ ...(q.chainId !== undefined ? { chainId: q.chainId } : {}), ...(q.since !== undefined ? { since: q.since } : {}) });
    const range = this.prepared<{ lo: number | null; hi: number | null; n: number }>(`SELECT min(block_number) AS lo, max(block_number) AS hi, count(*) AS n FROM alerts ${where}`).get(...args);
    const bySeverity = zeroCounts();
    if (!range || range.lo === null || range.hi === null) return { total: 0, bySeverity, byDetector: [], overTime: [], overTimeByTime: [] };
    const { lo, hi } = range;
    const times = this.prepared<{ lo: string; hi: string }>(`SELECT min(created_at) AS lo, max(created_at) AS hi FROM alerts ${where}`).get(...args);
    const span = timeSpan(times?.lo ?? '', times?.hi ?? '', q.since, q.buckets);
    const overTimeByTime = span.buckets;
    // Milliseconds since the span's start, from SQLite's julian day (2440587.5 is the Unix epoch).
    const timeRows = this.prepared<{ bucket: number; severity: Severity; n: number }>(
      `SELECT CAST(((julianday(created_at) - 2440587.5) * 86400000.0 - ?) / ? AS INTEGER) AS bucket, severity, count(*) AS n FROM alerts ${where} GROUP BY bucket, severity`,
    ).all(span.startMs, span.widthMs, ...args);
    for (const row of timeRows) {
      const b = overTimeByTime[Math.min(overTimeByTime.length - 1, Math.max(0, row.bucket))];
      if (b) b.counts[row.severity] += row.n;
    }
    for (const row of this.prepared<{ severity: Severity; n: number }>(`SELECT severity, count(*) AS n FROM alerts ${where} GROUP BY severity`).all(...args)) bySeverity[row.severity] = row.n;
    const byDetector = this.prepared<{ detector: string; count: number }>(`SELECT detector, count(*) AS count FROM alerts ${where} GROUP BY detector ORDER BY count DESC, detector`).all(...args);
    const width = Math.max(1, Math.ceil((hi - lo + 1) / q.buckets));
    const overTime: AlertSummary['overTime'] = [];
    for (let from = lo; from <= hi; from += width) overTime.push({ fromBlock: from, toBlock: Math.min(hi, from + width - 1), counts: zeroCounts() });
    const rows = this.prepared<{ bucket: number; severity: Severity; n: number }>(`SELECT CAST((block_number - ?) / ? AS INTEGER) AS bucket, severity, count(*) AS n FROM alerts ${where} GROUP BY bucket, severity`).all(
      lo,
      width,
      ...args,
    );
    for (const row of rows) {
      const b = overTime[row.bucket];
      if (b) b.counts[row.severity] = row.n;
    }
    return { total: range.n, bySeverity, byDetector, overTime, overTimeByTime };
  }

  async alertsOfDetector(detector: string, q: { chainId?: number; fromBlock?: number; limit: number }): Promise<StoredAlert[]> {
    const { where, args } = alertFilter({ detector, ...(q.chainId !== undefined ? { chainId: q.chainId } : {}), ...(q.fromBlock !== undefined ? { fromBlock: q.fromBlock } : {}) });
    return this.prepared<SeqRow>(`SELECT seq, data, retracted_at, retract_reason FROM alerts ${where} ORDER BY seq DESC LIMIT ?`)
      .all(...args, q.limit)
      .map(toAlert);
  }

  async alertsAtBlock(chainId: number, detector: string, block: number): Promise<StoredAlert[]> {
    const { where, args } = alertFilter({ chainId, detector, fromBlock: block, toBlock: block });
    return this.prepared<SeqRow>(`SELECT seq, data, retracted_at, retract_reason FROM alerts ${where} ORDER BY seq`)
      .all(...args)
      .map(toAlert);
  }

  /** `EXPLAIN QUERY PLAN` of the `alertPageJson` query for `q`, one line per step. */
  explainPage(q: AlertPageQuery): string[] {
    const { where, args } = alertFilter(pageFilter(q));
    return this.db
      .prepare<(string | number)[], { detail: string }>(`EXPLAIN QUERY PLAN ${PAGE_SQL(where)}`)
      .all(...args, q.limit + 1)
      .map((r) => r.detail);
  }

  // --- IncidentQueries

  async newestIncidentAlerts(q: { chainId?: number; severity?: string; status?: TriageStatus; beforeSeq?: number; limit: number }): Promise<SeqAlert[]> {
    const filters = [
      ['i.chain_id = ?', q.chainId],
      ['i.severity = ?', q.severity],
      ['i.alert_seq < ?', q.beforeSeq],
    ] as const;
    const used = filters.filter(([, v]) => v !== undefined);
    const clauses: string[] = used.map(([c]) => c);
    const args: (string | number)[] = used.map(([, v]) => v as string | number);
    if (q.status !== undefined) {
      const t = triageStatusClause('incident', 'i.id', q.status, new Date().toISOString());
      clauses.push(t.clause);
      args.push(...t.args);
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    return this.prepared<SeqRow>(`SELECT a.seq, a.data, a.retracted_at, a.retract_reason FROM incidents i JOIN alerts a ON a.seq = i.alert_seq ${where} ORDER BY i.alert_seq DESC LIMIT ?`)
      .all(...args, q.limit)
      .map((row) => ({ seq: row.seq, alert: toAlert(row) }));
  }

  async newestIncidentAlert(incidentId: string): Promise<StoredAlert | null> {
    const row = this.stmts.newestIncidentAlert.get(incidentId);
    return row ? toAlert(row) : null;
  }

  async incidentAlertsFrom(chainId: number, fromBlock: number, limit: number): Promise<StoredAlert[]> {
    return this.stmts.incidentAlertsFrom.all(chainId, fromBlock, limit).map(toAlert);
  }
}

/**
 * The time buckets of a summary: from `since` (or the oldest alert) to now (or the newest alert), in at
 * most `buckets` equal spans of whole seconds. Shared by both stores.
 */
export function timeSpan(oldest: string, newest: string, since: string | undefined, buckets: number, now = Date.now()): { startMs: number; widthMs: number; buckets: AlertSummary['overTimeByTime'] } {
  const startMs = since !== undefined ? Date.parse(since) : Date.parse(oldest);
  const endMs = since !== undefined ? Math.max(now, Date.parse(newest)) : Date.parse(newest);
  const n = Math.max(1, buckets);
  const widthMs = Math.max(1000, Math.ceil((Math.max(endMs, startMs) - startMs + 1) / n / 1000) * 1000);
  const out: AlertSummary['overTimeByTime'] = [];
  for (let from = startMs; from <= endMs && out.length < n; from += widthMs) out.push({ from: new Date(from).toISOString(), to: new Date(Math.min(endMs, from + widthMs - 1)).toISOString(), counts: zeroCounts() });
  if (out.length === 0) out.push({ from: new Date(startMs).toISOString(), to: new Date(startMs).toISOString(), counts: zeroCounts() });
  return { startMs, widthMs, buckets: out };
}
