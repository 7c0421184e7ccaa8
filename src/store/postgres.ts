/**
 * The server `Store`: PostgreSQL through a `pg` pool (opened and migrated by `postgres/database.ts`), so
 * that detect workers on several machines write one store and `argus serve` reads it from anywhere. The
 * semantics are the SQLite store's, method for method (the same test suite runs against both):
 *
 * - every "atomically" is one transaction on one pooled client;
 * - alert writes are idempotent by the alert's deterministic id (`ON CONFLICT DO NOTHING`), so a block
 *   processed twice (a redelivery after a worker died) stores its alerts once;
 * - the incidents index is kept in step under a per-incident advisory lock, so two workers raising alerts
 *   of one incident at once cannot leave it pointing at the older one;
 * - the subscription cap is checked and the insert made under a table lock, so two servers creating at
 *   once cannot both pass it.
 *
 * Open it with `PostgresStore.open(url)` (async: it connects and migrates), or through `openStore`.
 */
import type { Hex } from 'viem';
import { toJson } from '../core/json.js';
import type { Severity } from '../core/finding.js';
import type { Alert } from '../core/alert.js';
import { incidentIdOf } from './alerts.js';
import { checkFence } from './engine-fence.js';
import { MAX_SUBSCRIPTIONS, newSubscription, tooManySubscriptions } from './webhooks.js';
import { alertFilter as sqliteAlertFilter, pageFilter, timeSpan, toAlert, TRIAGE_STATUSES, zeroCounts, type AlertFilter, type AlertRow } from './sqlite/alerts.js';
import { planTriage, toState, triageStatusClause, type TriageRow } from './sqlite/triage.js';
import { toEntry, type OutboxRow } from './sqlite/outbox.js';
import { toSubscription, type SubscriptionRow } from './sqlite/subscriptions.js';
import { inTransaction, openPostgres, redactPgUrl, type OpenPostgresOptions, type PgPool, type Queryable } from './postgres/database.js';
import type {
  AlertCountQuery,
  AlertCounts,
  AlertPageQuery,
  AlertQuery,
  AlertSummary,
  BlockRef,
  DeliveryStats,
  EngineStateParts,
  NewSubscription,
  OutboxEntry,
  SavedEngineState,
  SeqAlert,
  Store,
  StoredAlert,
  StoredBlock,
  StoredItem,
  StoreItem,
  TriageChange,
  TriageEvent,
  TriageKind,
  TriageState,
  TriageStatus,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from './store.js';

/**
 * The shared filter builder's WHERE clause in PostgreSQL's words: its one SQLite-only function, `instr`
 * (the word search), is `strpos` here; everything else is standard SQL.
 */
function alertFilter(filter: AlertFilter): { where: string; args: (string | number)[] } {
  const f = sqliteAlertFilter(filter);
  return { where: f.where.replaceAll('instr(lower(data), ?)', 'strpos(lower(data), ?)'), args: f.args };
}

/** `?` placeholders (the shared filter builders write them) as `$1, $2, …` from `start`. */
export function numbered(sql: string, start = 1): string {
  let n = start;
  return sql.replace(/\?/g, () => `$${n++}`);
}

interface SeqRow extends AlertRow {
  seq: number;
}

const SUB_COLS = 'id, url, secret, min_severity, detectors, description, created_at, format, target';

export class PostgresStore implements Store {
  /** The URL without its password. */
  readonly url: string;
  private readonly pool: PgPool;
  private closed = false;

  private constructor(url: string, pool: PgPool) {
    this.url = redactPgUrl(url);
    this.pool = pool;
  }

  /** Connects to `url` (`postgres://…`) and migrates the database. */
  static async open(url: string, options: OpenPostgresOptions = {}): Promise<PostgresStore> {
    return new PostgresStore(url, await openPostgres(url, options));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** A plain query on the pool (for tests and tools). */
  async query<R extends object>(sql: string, args: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, args)).rows;
  }

  private async rows<R extends object>(db: Queryable, sql: string, args: unknown[] = []): Promise<R[]> {
    return (await db.query<R>(sql, args)).rows;
  }

  // --- CheckpointStore

  async getCheckpoint(streamId: string): Promise<BlockRef | null> {
    const [row] = await this.rows<{ block_number: number; block_hash: string }>(this.pool, 'SELECT block_number, block_hash FROM checkpoints WHERE stream_id = $1', [streamId]);
    return row ? { number: BigInt(row.block_number), hash: row.block_hash as Hex } : null;
  }

  async recentBlocks(streamId: string, limit: number): Promise<StoredBlock[]> {
    const rows = await this.rows<{ block_number: number; block_hash: string; parent_hash: string }>(
      this.pool,
      'SELECT block_number, block_hash, parent_hash FROM blocks WHERE stream_id = $1 ORDER BY block_number DESC LIMIT $2',
      [streamId, limit],
    );
    return rows.map((r) => ({ number: BigInt(r.block_number), hash: r.block_hash as Hex, parentHash: r.parent_hash as Hex }));
  }

  async commitBlock(streamId: string, block: StoredBlock, items: readonly StoreItem[], keepBlocks: number): Promise<void> {
    // Serialised before the transaction: an item that cannot be written fails the block before anything is.
    const data = items.map((i) => toJson(i.data));
    const n = block.number.toString();
    await inTransaction(this.pool, async (c) => {
      for (const [i, item] of items.entries()) {
        await c.query('INSERT INTO items (stream_id, block_number, block_hash, kind, key, data) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING', [
          streamId,
          n,
          block.hash,
          item.kind,
          item.key,
          data[i],
        ]);
      }
      await c.query(
        'INSERT INTO blocks (stream_id, block_number, block_hash, parent_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (stream_id, block_number) DO UPDATE SET block_hash = excluded.block_hash, parent_hash = excluded.parent_hash',
        [streamId, n, block.hash, block.parentHash],
      );
      if (keepBlocks > 0) await c.query('DELETE FROM blocks WHERE stream_id = $1 AND block_number <= $2', [streamId, (block.number - BigInt(keepBlocks)).toString()]);
      await this.setCheckpoint(c, streamId, n, block.hash);
    });
  }

  private async setCheckpoint(c: Queryable, streamId: string, n: string, hash: string): Promise<void> {
    await c.query(
      'INSERT INTO checkpoints (stream_id, block_number, block_hash, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (stream_id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash, updated_at = excluded.updated_at',
      [streamId, n, hash, Date.now()],
    );
  }

  async rewind(streamId: string, ancestor: BlockRef | null): Promise<void> {
    const n = ancestor === null ? '-1' : ancestor.number.toString();
    await inTransaction(this.pool, async (c) => {
      await c.query('DELETE FROM items WHERE stream_id = $1 AND block_number > $2', [streamId, n]);
      await c.query('DELETE FROM blocks WHERE stream_id = $1 AND block_number > $2', [streamId, n]);
      if (ancestor === null) await c.query('DELETE FROM checkpoints WHERE stream_id = $1', [streamId]);
      else await this.setCheckpoint(c, streamId, n, ancestor.hash);
    });
  }

  async items(streamId: string, options: { kind?: string; fromBlock?: bigint; toBlock?: bigint } = {}): Promise<StoredItem[]> {
    const rows = await this.rows<{ block_number: number; block_hash: string; kind: string; key: string; data: string }>(
      this.pool,
      'SELECT block_number, block_hash, kind, key, data FROM items WHERE stream_id = $1 AND block_number >= $2 AND block_number <= $3 AND ($4::text IS NULL OR kind = $4) ORDER BY block_number, ord',
      [streamId, (options.fromBlock ?? 0n).toString(), (options.toBlock ?? BigInt(Number.MAX_SAFE_INTEGER)).toString(), options.kind ?? null],
    );
    return rows.map((r) => ({ blockNumber: BigInt(r.block_number), blockHash: r.block_hash as Hex, kind: r.kind, key: r.key, data: JSON.parse(r.data) as unknown }));
  }

  // --- AlertStore

  async saveAlert(alert: Alert): Promise<boolean> {
    const incident = incidentIdOf(alert);
    const args = [alert.id, alert.chainId, alert.blockNumber, alert.blockHash, alert.txHash ?? null, alert.finding.detector, alert.finding.severity, alert.createdAt, toJson(alert), incident];
    const sql =
      'INSERT INTO alerts (id, chain_id, block_number, block_hash, tx_hash, detector, severity, created_at, data, dispatched, incident_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, FALSE, $10) ON CONFLICT (id) DO NOTHING';
    // One transaction only when there is an incident to keep in step: most alerts are one plain insert.
    if (incident === null) return ((await this.pool.query(sql, args)).rowCount ?? 0) > 0;
    return inTransaction(this.pool, async (c) => {
      await this.lockIncident(c, incident);
      const inserted = ((await c.query(sql, args)).rowCount ?? 0) > 0;
      if (inserted) await this.refreshIncident(c, incident);
      return inserted;
    });
  }

  private async lockIncident(c: Queryable, id: string): Promise<void> {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`incident:${id}`]);
  }

  /** Points the incident's row at its newest live alert, or drops it when there is none. */
  private async refreshIncident(c: Queryable, id: string): Promise<void> {
    const [newest] = await this.rows<{ seq: number; chain_id: number; severity: string }>(
      c,
      'SELECT seq, chain_id, severity FROM alerts WHERE incident_id = $1 AND retracted_at IS NULL ORDER BY seq DESC LIMIT 1',
      [id],
    );
    if (newest) {
      await c.query(
        'INSERT INTO incidents (id, chain_id, alert_seq, severity) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET chain_id = excluded.chain_id, alert_seq = excluded.alert_seq, severity = excluded.severity',
        [id, newest.chain_id, newest.seq, newest.severity],
      );
    } else {
      await c.query('DELETE FROM incidents WHERE id = $1', [id]);
    }
  }

  async markDispatched(id: string): Promise<void> {
    await this.pool.query('UPDATE alerts SET dispatched = TRUE WHERE id = $1', [id]);
  }

  async isDispatched(id: string): Promise<boolean> {
    const [row] = await this.rows<{ dispatched: boolean }>(this.pool, 'SELECT dispatched FROM alerts WHERE id = $1', [id]);
    return row?.dispatched === true;
  }

  async getAlert(id: string): Promise<StoredAlert | null> {
    const [row] = await this.rows<AlertRow>(this.pool, 'SELECT data, retracted_at, retract_reason FROM alerts WHERE id = $1', [id]);
    return row ? toAlert(row) : null;
  }

  async alerts(query: AlertQuery = {}): Promise<StoredAlert[]> {
    const { where, args } = alertFilter(query);
    const limit = query.limit !== undefined ? ' LIMIT ' + Math.max(0, Math.floor(query.limit)) : '';
    return (await this.rows<AlertRow>(this.pool, numbered(`SELECT data, retracted_at, retract_reason FROM alerts ${where} ORDER BY block_number, seq${limit}`), args)).map(toAlert);
  }

  async retractAlert(id: string, reason: string, at: Date = new Date()): Promise<{ alert: StoredAlert; changed: boolean } | null> {
    const changed = await inTransaction(this.pool, async (c) => {
      const [row] = await this.rows<{ incident_id: string | null }>(c, 'SELECT incident_id FROM alerts WHERE id = $1', [id]);
      if (row?.incident_id) await this.lockIncident(c, row.incident_id);
      const done = ((await c.query('UPDATE alerts SET retracted_at = $1, retract_reason = $2 WHERE id = $3 AND retracted_at IS NULL', [at.toISOString(), reason, id])).rowCount ?? 0) > 0;
      // An incident that grew on a dropped block falls back to its state before.
      if (done && row?.incident_id) await this.refreshIncident(c, row.incident_id);
      return done;
    });
    const alert = await this.getAlert(id);
    return alert ? { alert, changed } : null;
  }

  // --- AlertQueries

  async alertPageJson(q: AlertPageQuery): Promise<{ alerts: string[]; ids: string[]; nextSeq: number | null }> {
    const { where, args } = alertFilter(pageFilter(q));
    const rows = await this.rows<SeqRow & { id: string }>(this.pool, numbered(`SELECT seq, id, data, retracted_at, retract_reason FROM alerts ${where} ORDER BY seq DESC LIMIT ?`), [...args, q.limit + 1]);
    const more = rows.length > q.limit;
    const shown = more ? rows.slice(0, q.limit) : rows;
    const last = shown[shown.length - 1];
    return { alerts: shown.map((row) => (row.retracted_at === null ? row.data : JSON.stringify(toAlert(row)))), ids: shown.map((row) => row.id), nextSeq: more && last ? last.seq : null };
  }

  async alertCounts(q: AlertCountQuery): Promise<AlertCounts> {
    // As on SQLite: per severity with the filter's own severity left out, per status with its status left out.
    const now = new Date().toISOString();
    const { severity, status, ...rest } = pageFilter({ ...q, limit: 0 });
    const count = async (f: AlertFilter) => {
      const { where, args } = alertFilter(f);
      const [row] = await this.rows<{ n: string }>(this.pool, numbered(`SELECT count(*) AS n FROM alerts ${where}`), args);
      return Number(row?.n ?? 0);
    };
    const bySeverity = zeroCounts();
    const withStatus = alertFilter({ ...rest, ...(status !== undefined ? { status } : {}), now });
    for (const row of await this.rows<{ severity: Severity; n: string }>(this.pool, numbered(`SELECT severity, count(*) AS n FROM alerts ${withStatus.where} GROUP BY severity`), withStatus.args)) bySeverity[row.severity] = Number(row.n);
    const byStatus = Object.fromEntries(TRIAGE_STATUSES.map((s) => [s, 0])) as Record<TriageStatus, number>;
    const all = await count({ ...rest, ...(severity !== undefined ? { severity } : {}) });
    let triaged = 0;
    for (const s of TRIAGE_STATUSES) {
      if (s === 'open') continue;
      byStatus[s] = await count({ ...rest, ...(severity !== undefined ? { severity } : {}), status: s, now });
      triaged += byStatus[s];
    }
    byStatus.open = all - triaged;
    const total = status !== undefined ? byStatus[status] : all;
    return { total: severity !== undefined ? (bySeverity[severity as Severity] ?? 0) : total, bySeverity, byStatus };
  }

  // --- TriageStore

  async triageOf(kind: TriageKind, ids: readonly string[], now: Date = new Date()): Promise<Map<string, TriageState>> {
    const out = new Map<string, TriageState>();
    if (ids.length === 0) return out;
    return this.triageRows(this.pool, kind, ids, now.toISOString());
  }

  private async triageRows(db: Queryable, kind: TriageKind, ids: readonly string[], at: string): Promise<Map<string, TriageState>> {
    const out = new Map<string, TriageState>();
    const rows = await this.rows<TriageRow>(db, 'SELECT id, status, muted_until, assignee, notes, updated_at, updated_by FROM triage WHERE kind = $1 AND id = ANY($2::text[])', [kind, [...ids]]);
    for (const row of rows) out.set(row.id, toState(row, at));
    return out;
  }

  async applyTriage(kind: TriageKind, ids: readonly string[], change: TriageChange, actor: string, at: Date = new Date()): Promise<Map<string, TriageState>> {
    const when = at.toISOString();
    await inTransaction(this.pool, async (c) => {
      for (const id of ids) {
        // The row is locked for the change, so two servers triaging one item at once both land in its history.
        const [row] = await this.rows<TriageRow>(c, 'SELECT id, status, muted_until, assignee, notes, updated_at, updated_by FROM triage WHERE kind = $1 AND id = $2 FOR UPDATE', [kind, id]);
        const { events, next } = planTriage(row, change, when);
        for (const e of events) {
          await c.query('INSERT INTO triage_events (kind, id, action, value, previous, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [kind, id, e.action, e.value, e.previous, actor, when]);
        }
        if (!next) continue;
        await c.query(
          'INSERT INTO triage (kind, id, status, muted_until, assignee, notes, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ' +
            'ON CONFLICT (kind, id) DO UPDATE SET status = EXCLUDED.status, muted_until = EXCLUDED.muted_until, assignee = EXCLUDED.assignee, notes = EXCLUDED.notes, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by',
          [kind, id, next.status, next.until, next.assignee, next.notes, when, actor],
        );
      }
    });
    return this.triageOf(kind, ids, at);
  }

  async triageHistory(kind: TriageKind, id: string): Promise<TriageEvent[]> {
    const rows = await this.rows<{ at: string; actor: string; action: TriageEvent['action']; value: string | null; previous: string | null }>(
      this.pool,
      'SELECT at, actor, action, value, previous FROM triage_events WHERE kind = $1 AND id = $2 ORDER BY seq',
      [kind, id],
    );
    return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, value: r.value, previous: r.previous }));
  }

  async latestAlertSeq(): Promise<number> {
    const [row] = await this.rows<{ seq: number | null }>(this.pool, 'SELECT max(seq) AS seq FROM alerts');
    return row?.seq ?? 0;
  }

  async alertsAfter(seq: number, limit = 1000): Promise<SeqAlert[]> {
    const rows = await this.rows<SeqRow>(this.pool, 'SELECT seq, data, retracted_at, retract_reason FROM alerts WHERE seq > $1 ORDER BY seq LIMIT $2', [seq, limit]);
    return rows.map((row) => ({ seq: row.seq, alert: JSON.parse(row.data) as StoredAlert }));
  }

  async alertSummary(q: { chainId?: number; buckets: number; since?: string }): Promise<AlertSummary> {
    const { where, args } = alertFilter({ ...(q.chainId !== undefined ? { chainId: q.chainId } : {}), ...(q.since !== undefined ? { since: q.since } : {}) });
    const [range] = await this.rows<{ lo: number | null; hi: number | null; n: number }>(this.pool, numbered(`SELECT min(block_number) AS lo, max(block_number) AS hi, count(*) AS n FROM alerts ${where}`), args);
    const bySeverity = zeroCounts();
    if (!range || range.lo === null || range.hi === null) return { total: 0, bySeverity, byDetector: [], overTime: [], overTimeByTime: [] };
    const { lo, hi } = range;
    const [times] = await this.rows<{ lo: string; hi: string }>(this.pool, numbered(`SELECT min(created_at) AS lo, max(created_at) AS hi FROM alerts ${where}`), args);
    const span = timeSpan(times?.lo ?? '', times?.hi ?? '', q.since, q.buckets);
    const overTimeByTime = span.buckets;
    const timeRows = await this.rows<{ bucket: number; severity: Severity; n: number }>(
      this.pool,
      numbered(`SELECT FLOOR((EXTRACT(EPOCH FROM created_at::timestamptz) * 1000 - ?::double precision) / ?::double precision)::int AS bucket, severity, count(*)::int AS n FROM alerts ${where} GROUP BY bucket, severity`),
      [span.startMs, span.widthMs, ...args],
    );
    for (const row of timeRows) {
      const b = overTimeByTime[Math.min(overTimeByTime.length - 1, Math.max(0, Number(row.bucket)))];
      if (b) b.counts[row.severity] += Number(row.n);
    }
    for (const row of await this.rows<{ severity: Severity; n: number }>(this.pool, numbered(`SELECT severity, count(*) AS n FROM alerts ${where} GROUP BY severity`), args)) bySeverity[row.severity] = row.n;
    const byDetector = await this.rows<{ detector: string; count: number }>(
      this.pool,
      numbered(`SELECT detector, count(*) AS count FROM alerts ${where} GROUP BY detector ORDER BY count DESC, detector`),
      args,
    );
    const width = Math.max(1, Math.ceil((hi - lo + 1) / q.buckets));
    const overTime: AlertSummary['overTime'] = [];
    for (let from = lo; from <= hi; from += width) overTime.push({ fromBlock: from, toBlock: Math.min(hi, from + width - 1), counts: zeroCounts() });
    const rows = await this.rows<{ bucket: number; severity: Severity; n: number }>(
      this.pool,
      numbered(`SELECT (block_number - ?::bigint) / ?::bigint AS bucket, severity, count(*) AS n FROM alerts ${where} GROUP BY bucket, severity`),
      [lo, width, ...args],
    );
    for (const row of rows) {
      const b = overTime[row.bucket];
      if (b) b.counts[row.severity] = row.n;
    }
    return { total: range.n, bySeverity, byDetector, overTime, overTimeByTime };
  }

  async alertsOfDetector(detector: string, q: { chainId?: number; fromBlock?: number; limit: number }): Promise<StoredAlert[]> {
    const { where, args } = alertFilter({ detector, ...(q.chainId !== undefined ? { chainId: q.chainId } : {}), ...(q.fromBlock !== undefined ? { fromBlock: q.fromBlock } : {}) });
    return (await this.rows<SeqRow>(this.pool, numbered(`SELECT seq, data, retracted_at, retract_reason FROM alerts ${where} ORDER BY seq DESC LIMIT ?`), [...args, q.limit])).map(toAlert);
  }

  async alertsAtBlock(chainId: number, detector: string, block: number): Promise<StoredAlert[]> {
    const { where, args } = alertFilter({ chainId, detector, fromBlock: block, toBlock: block });
    return (await this.rows<SeqRow>(this.pool, numbered(`SELECT seq, data, retracted_at, retract_reason FROM alerts ${where} ORDER BY seq`), args)).map(toAlert);
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
    const rows = await this.rows<SeqRow>(
      this.pool,
      numbered(`SELECT a.seq, a.data, a.retracted_at, a.retract_reason FROM incidents i JOIN alerts a ON a.seq = i.alert_seq ${where} ORDER BY i.alert_seq DESC LIMIT ?`),
      [...args, q.limit],
    );
    return rows.map((row) => ({ seq: row.seq, alert: toAlert(row) }));
  }

  async newestIncidentAlert(incidentId: string): Promise<StoredAlert | null> {
    const [row] = await this.rows<SeqRow>(this.pool, 'SELECT a.seq, a.data, a.retracted_at, a.retract_reason FROM incidents i JOIN alerts a ON a.seq = i.alert_seq WHERE i.id = $1', [incidentId]);
    return row ? toAlert(row) : null;
  }

  async incidentAlertsFrom(chainId: number, fromBlock: number, limit: number): Promise<StoredAlert[]> {
    const rows = await this.rows<SeqRow>(
      this.pool,
      'SELECT seq, data, retracted_at, retract_reason FROM alerts WHERE incident_id IS NOT NULL AND chain_id = $1 AND block_number >= $2 AND retracted_at IS NULL ORDER BY block_number, seq LIMIT $3',
      [chainId, fromBlock, limit],
    );
    return rows.map(toAlert);
  }

  // --- WebhookOutbox

  async enqueueDelivery(endpoint: string, key: string, body: string, now: number = Date.now()): Promise<boolean> {
    const r = await this.pool.query('INSERT INTO webhook_outbox (endpoint, key, body, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (endpoint, key) DO NOTHING', [endpoint, key, body, now]);
    return (r.rowCount ?? 0) > 0;
  }

  async nextDelivery(endpoint: string): Promise<OutboxEntry | null> {
    const [row] = await this.rows<OutboxRow>(this.pool, "SELECT * FROM webhook_outbox WHERE endpoint = $1 AND status = 'pending' ORDER BY seq LIMIT 1", [endpoint]);
    return row ? toEntry(row) : null;
  }

  async beginAttempt(seq: number): Promise<number> {
    const [row] = await this.rows<{ attempts: number }>(this.pool, 'UPDATE webhook_outbox SET attempts = attempts + 1, in_flight = 1 WHERE seq = $1 RETURNING attempts', [seq]);
    return row?.attempts ?? 0;
  }

  async markDelivered(seq: number, now: number = Date.now()): Promise<void> {
    await this.pool.query("UPDATE webhook_outbox SET status = 'delivered', attempts = attempts + 1 - in_flight, in_flight = 0, delivered_at = $1, last_error = NULL WHERE seq = $2", [now, seq]);
  }

  async markRetry(seq: number, error: string, nextAttemptAt: number): Promise<void> {
    await this.pool.query('UPDATE webhook_outbox SET attempts = attempts + 1 - in_flight, in_flight = 0, last_error = $1, next_attempt_at = $2 WHERE seq = $3', [error, nextAttemptAt, seq]);
  }

  async markDead(seq: number, error: string): Promise<void> {
    await this.pool.query("UPDATE webhook_outbox SET status = 'dead', attempts = attempts + 1 - in_flight, in_flight = 0, last_error = $1 WHERE seq = $2", [error, seq]);
  }

  async pendingCount(endpoint: string): Promise<number> {
    const [row] = await this.rows<{ n: number }>(this.pool, "SELECT count(*) AS n FROM webhook_outbox WHERE endpoint = $1 AND status = 'pending'", [endpoint]);
    return row?.n ?? 0;
  }

  async deliveries(endpoint: string): Promise<OutboxEntry[]> {
    return (await this.rows<OutboxRow>(this.pool, 'SELECT * FROM webhook_outbox WHERE endpoint = $1 ORDER BY seq', [endpoint])).map(toEntry);
  }

  async deliveryStats(endpoint: string): Promise<DeliveryStats> {
    const stats: DeliveryStats = { pending: 0, delivered: 0, dead: 0 };
    for (const { status, n } of await this.rows<{ status: string; n: number }>(this.pool, 'SELECT status, count(*) AS n FROM webhook_outbox WHERE endpoint = $1 GROUP BY status', [endpoint])) {
      if (status === 'pending' || status === 'delivered' || status === 'dead') stats[status] = n;
    }
    const [last] = await this.rows<{ last_error: string }>(
      this.pool,
      "SELECT last_error FROM webhook_outbox WHERE endpoint = $1 AND status != 'delivered' AND last_error IS NOT NULL ORDER BY seq DESC LIMIT 1",
      [endpoint],
    );
    if (last) stats.lastError = last.last_error;
    return stats;
  }

  async pruneDelivered(before: number): Promise<number> {
    return (await this.pool.query("DELETE FROM webhook_outbox WHERE status = 'delivered' AND delivered_at < $1", [before])).rowCount ?? 0;
  }

  // --- SubscriptionStore

  async createSubscription(input: NewSubscription): Promise<WebhookSubscriptionWithSecret> {
    const created = newSubscription(input);
    await inTransaction(this.pool, async (c) => {
      // The count and the insert under one lock: two servers creating at once cannot both pass the cap.
      await c.query('LOCK TABLE webhook_subscriptions IN SHARE ROW EXCLUSIVE MODE');
      const [row] = await this.rows<{ n: number }>(c, 'SELECT count(*) AS n FROM webhook_subscriptions WHERE deleted_at IS NULL');
      if ((row?.n ?? 0) >= MAX_SUBSCRIPTIONS) throw tooManySubscriptions();
      await c.query(`INSERT INTO webhook_subscriptions (${SUB_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        created.id,
        created.url,
        created.secret,
        created.minSeverity,
        JSON.stringify(created.detectors),
        created.description,
        created.createdAt,
        created.format,
        created.target,
      ]);
    });
    return created;
  }

  private async activeRows(): Promise<SubscriptionRow[]> {
    return this.rows<SubscriptionRow>(this.pool, `SELECT ${SUB_COLS} FROM webhook_subscriptions WHERE deleted_at IS NULL ORDER BY ord`);
  }

  async subscriptions(): Promise<WebhookSubscription[]> {
    return (await this.activeRows()).map(toSubscription);
  }

  async subscription(id: string): Promise<WebhookSubscription | null> {
    const [row] = await this.rows<SubscriptionRow>(this.pool, `SELECT ${SUB_COLS} FROM webhook_subscriptions WHERE id = $1 AND deleted_at IS NULL`, [id]);
    return row ? toSubscription(row) : null;
  }

  async activeSubscriptions(): Promise<WebhookSubscriptionWithSecret[]> {
    return (await this.activeRows()).map((row) => ({ ...toSubscription(row), secret: row.secret }));
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return ((await this.pool.query('UPDATE webhook_subscriptions SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL', [new Date().toISOString(), id])).rowCount ?? 0) > 0;
  }

  // --- EngineStateStore

  async saveEngineState(streamId: string, state: { blockNumber: bigint; blockHash?: string | null; json: string }): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await this.putEngineHead(c, streamId, state.blockNumber, state.blockHash ?? null, state.json);
      // A whole snapshot replaces any parts saved before.
      await c.query('DELETE FROM monitor_state_parts WHERE stream_id = $1', [streamId]);
    });
  }

  private async putEngineHead(c: Queryable, streamId: string, blockNumber: bigint, blockHash: string | null, json: string, updatedAt = Date.now()): Promise<void> {
    await c.query(
      'INSERT INTO monitor_state (stream_id, block_number, block_hash, data, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (stream_id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash, data = excluded.data, updated_at = excluded.updated_at',
      [streamId, blockNumber.toString(), blockHash, json, updatedAt],
    );
  }

  async loadEngineState(streamId: string): Promise<SavedEngineState | null> {
    const [row] = await this.rows<{ block_number: number; block_hash: string | null; data: string; updated_at: number }>(
      this.pool,
      'SELECT block_number, block_hash, data, updated_at FROM monitor_state WHERE stream_id = $1',
      [streamId],
    );
    return row ? { blockNumber: BigInt(row.block_number), blockHash: row.block_hash, json: row.data, updatedAt: row.updated_at } : null;
  }

  async deleteEngineState(streamId: string): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query('DELETE FROM monitor_state WHERE stream_id = $1', [streamId]);
      await c.query('DELETE FROM monitor_state_parts WHERE stream_id = $1', [streamId]);
    });
  }

  async saveEngineParts(streamId: string, state: EngineStateParts): Promise<void> {
    const put: string[] = [];
    const data: string[] = [];
    const gone: string[] = [];
    for (const [part, value] of state.parts) {
      if (value === null) gone.push(part);
      else {
        put.push(part);
        data.push(value);
      }
    }
    const now = state.updatedAt ?? Date.now();
    await inTransaction(this.pool, async (c) => {
      if (state.expect !== undefined) {
        // The head row locked until the commit: two owners' saves are serialised, the second one fenced out.
        const [row] = (await c.query<{ block_number: string; block_hash: string | null; updated_at: string }>('SELECT block_number, block_hash, updated_at FROM monitor_state WHERE stream_id = $1 FOR UPDATE', [streamId])).rows;
        checkFence(streamId, state.expect, row ? { blockNumber: BigInt(row.block_number), blockHash: row.block_hash, updatedAt: Number(row.updated_at) } : null);
      }
      // One statement for all the changed parts, however many (a busy block touches thousands of entries).
      if (put.length > 0) {
        await c.query(
          'INSERT INTO monitor_state_parts (stream_id, part, data, updated_at) SELECT $1, p, d, $4 FROM unnest($2::text[], $3::text[]) AS t(p, d) ON CONFLICT (stream_id, part) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
          [streamId, put, data, now],
        );
      }
      if (gone.length > 0) await c.query('DELETE FROM monitor_state_parts WHERE stream_id = $1 AND part = ANY($2::text[])', [streamId, gone]);
      await this.putEngineHead(c, streamId, state.blockNumber, state.blockHash ?? null, state.head, now);
    });
  }

  async loadEngineParts(streamId: string): Promise<Map<string, string>> {
    const rows = await this.rows<{ part: string; data: string }>(this.pool, 'SELECT part, data FROM monitor_state_parts WHERE stream_id = $1', [streamId]);
    return new Map(rows.map((r) => [r.part, r.data]));
  }
}
