/**
 * Filtered, paginated reads of the alert store for the API, through a read-only connection of its own
 * (WAL mode: it never blocks the monitor writing) and the store's own filter (`alertFilter`). The cursor is the row's `seq` (newest first), opaque to
 * clients.
 */
import Database from 'better-sqlite3';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { SEVERITIES, type Severity } from '../core/finding.js';
import { alertFilter, toAlert, type AlertRow, type StoredAlert } from '../store/alerts.js';
import type { AlertPage, AlertSummary } from './api-types.js';

export interface AlertPageQuery {
  chainId?: number;
  detector?: string;
  severity?: string;
  /** Only alerts at this block or later. */
  sinceBlock?: number;
  includeRetracted?: boolean;
  limit: number;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
}

declare const jsonOf: unique symbol;
/** JSON text of a `T`: made only by `jsonText`, `jsonArray` and `jsonObject`, or a cast where it is read back as stored. */
export type JsonText<T> = string & { readonly [jsonOf]: T };

export const jsonText = <T>(value: T): JsonText<T> => JSON.stringify(value) as JsonText<T>;
export const jsonArray = <T>(items: readonly JsonText<T>[]): JsonText<T[]> => `[${items.join(',')}]` as JsonText<T[]>;
/** An object's JSON from its members' JSON, in the order given: every property of `T`, none else. */
export function jsonObject<T extends object>(members: { [K in keyof T]-?: JsonText<T[K]> }): JsonText<T> {
  return `{${Object.entries(members).map(([k, v]) => `${JSON.stringify(k)}:${v as string}`).join(',')}}` as JsonText<T>;
}

interface Row extends AlertRow {
  seq: number;
}

export const encodeCursor = (seq: number) => Buffer.from(`s:${seq}`).toString('base64url');

/** The seq in a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  const m = /^s:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

/** The seq a page starts below: none without a cursor, a 400 (ARGUS_USAGE) for a cursor we did not give out. */
export function cursorSeq(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const seq = decodeCursor(cursor);
  if (seq === null) throw new ArgusError(ERROR_CODES.USAGE, 'cursor is not one this server gave out', { cursor });
  return seq;
}

export class AlertReader {
  private readonly db: Database.Database;

  /** The file must already hold the schema (open a `SqliteAlertStore` on it first). */
  constructor(file: string) {
    try {
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      this.db.pragma('busy_timeout = 5000');
    } catch (error) {
      throw new ArgusError(ERROR_CODES.STORE, `cannot read the alert store ${file}: ${(error as Error).message}`, { file }, { cause: error });
    }
  }

  /**
   * A page as JSON text (`{ alerts, nextCursor }`), built from the stored JSON without parsing it (a retracted alert is parsed
   * to add its retraction): a page of 100 alerts is ~160 KB, and parsing and re-serialising it was most of
   * a request's cost.
   */
  pageJson(q: AlertPageQuery): { json: JsonText<AlertPage>; count: number } {
    const { rows, nextCursor } = this.pageRows(q);
    // A live row's data is the JSON the store wrote of the alert, as it is.
    const alerts = rows.map((row) => (row.retracted_at === null ? (row.data as JsonText<StoredAlert>) : jsonText<StoredAlert>(toAlert(row))));
    return { json: jsonObject<AlertPage>({ alerts: jsonArray(alerts), nextCursor: jsonText(nextCursor) }), count: rows.length };
  }

  private pageRows(q: AlertPageQuery): { rows: Row[]; nextCursor: string | null } {
    const beforeSeq = cursorSeq(q.cursor);
    const { where, args } = alertFilter({
      ...(q.chainId !== undefined ? { chainId: q.chainId } : {}),
      ...(q.detector !== undefined ? { detector: q.detector } : {}),
      ...(q.severity !== undefined ? { severity: q.severity } : {}),
      ...(q.sinceBlock !== undefined ? { fromBlock: q.sinceBlock } : {}),
      ...(beforeSeq !== undefined ? { beforeSeq } : {}),
      ...(q.includeRetracted ? { includeRetracted: true } : {}),
    });
    // One row more than asked tells whether there is a next page.
    const rows = this.db.prepare<(string | number)[], Row>(`SELECT seq, data, retracted_at, retract_reason FROM alerts ${where} ORDER BY seq DESC LIMIT ?`).all(...args, q.limit + 1);
    const more = rows.length > q.limit;
    const shown = more ? rows.slice(0, q.limit) : rows;
    const last = shown[shown.length - 1];
    return { rows: shown, nextCursor: more && last ? encodeCursor(last.seq) : null };
  }

  /** The newest row's seq (0 for an empty store): where tailing starts. */
  latestSeq(): number {
    return this.db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM alerts').get()?.seq ?? 0;
  }

  /** Alerts stored after `seq`, oldest first, with their seq (for tailing the store into the live stream). */
  after(seq: number, limit = 1000): { seq: number; alert: StoredAlert }[] {
    return this.db
      .prepare<[number, number], Row>('SELECT seq, data, retracted_at, retract_reason FROM alerts WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(seq, limit)
      .map((row) => ({ seq: row.seq, alert: JSON.parse(row.data) as StoredAlert }));
  }

  /**
   * Counts for the dashboard's charts, retracted alerts left out: per severity, per detector, and per block
   * bucket and severity over the whole range (at most `buckets` buckets of equal width).
   */
  summary(q: { chainId?: number; buckets: number }): AlertSummary {
    const { where, args } = alertFilter(q.chainId !== undefined ? { chainId: q.chainId } : {});
    const range = this.db.prepare<(string | number)[], { lo: number | null; hi: number | null; n: number }>(`SELECT min(block_number) AS lo, max(block_number) AS hi, count(*) AS n FROM alerts ${where}`).get(...args);
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    if (!range || range.lo === null || range.hi === null) return { total: 0, bySeverity, byDetector: [], overTime: [] };
    const { lo, hi } = range;
    for (const row of this.db.prepare<(string | number)[], { severity: Severity; n: number }>(`SELECT severity, count(*) AS n FROM alerts ${where} GROUP BY severity`).all(...args)) bySeverity[row.severity] = row.n;
    const byDetector = this.db.prepare<(string | number)[], { detector: string; count: number }>(`SELECT detector, count(*) AS count FROM alerts ${where} GROUP BY detector ORDER BY count DESC, detector`).all(...args);
    const width = Math.max(1, Math.ceil((hi - lo + 1) / q.buckets));
    const overTime: AlertSummary['overTime'] = [];
    for (let from = lo; from <= hi; from += width) overTime.push({ fromBlock: from, toBlock: Math.min(hi, from + width - 1), counts: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number> });
    const rows = this.db
      .prepare<(string | number)[], { bucket: number; severity: Severity; n: number }>(`SELECT CAST((block_number - ?) / ? AS INTEGER) AS bucket, severity, count(*) AS n FROM alerts ${where} GROUP BY bucket, severity`)
      .all(lo, width, ...args);
    for (const row of rows) {
      const b = overTime[row.bucket];
      if (b) b.counts[row.severity] = row.n;
    }
    return { total: range.n, bySeverity, byDetector, overTime };
  }

  /** Non-retracted alerts of one detector, newest first; with `fromBlock`, only at that block or later. */
  ofDetector(detector: string, q: { chainId?: number; fromBlock?: number; limit: number }): StoredAlert[] {
    const { where, args } = alertFilter({ detector, ...(q.chainId !== undefined ? { chainId: q.chainId } : {}), ...(q.fromBlock !== undefined ? { fromBlock: q.fromBlock } : {}) });
    return this.db.prepare<(string | number)[], Row>(`SELECT seq, data, retracted_at, retract_reason FROM alerts ${where} ORDER BY seq DESC LIMIT ?`).all(...args, q.limit).map(toAlert);
  }

  /** Each incident's newest live alert, most recently grown first (the store's `incidents` table). */
  newestIncidentAlerts(q: { chainId?: number; severity?: string; beforeSeq?: number; limit: number }): { seq: number; alert: StoredAlert }[] {
    const filters = [
      ['i.chain_id = ?', q.chainId],
      ['i.severity = ?', q.severity],
      ['i.alert_seq < ?', q.beforeSeq],
    ] as const;
    const used = filters.filter(([, v]) => v !== undefined);
    const where = used.length ? `WHERE ${used.map(([c]) => c).join(' AND ')}` : '';
    const args = used.map(([, v]) => v as string | number);
    return this.db
      .prepare<(string | number)[], Row>(`SELECT a.seq, a.data, a.retracted_at, a.retract_reason FROM incidents i JOIN alerts a ON a.seq = i.alert_seq ${where} ORDER BY i.alert_seq DESC LIMIT ?`)
      .all(...args, q.limit)
      .map((row) => ({ seq: row.seq, alert: toAlert(row) }));
  }

  /** The newest live alert of one incident, or null. */
  newestIncidentAlert(incidentId: string): StoredAlert | null {
    const row = this.db.prepare<[string], Row>('SELECT a.seq, a.data, a.retracted_at, a.retract_reason FROM incidents i JOIN alerts a ON a.seq = i.alert_seq WHERE i.id = ?').get(incidentId);
    return row ? toAlert(row) : null;
  }

  /** Live incident alerts of a chain from a block on, oldest first (to find the incident an alert joined). */
  incidentAlertsFrom(chainId: number, fromBlock: number, limit: number): StoredAlert[] {
    return this.db
      .prepare<[number, number, number], Row>(
        'SELECT seq, data, retracted_at, retract_reason FROM alerts WHERE incident_id IS NOT NULL AND chain_id = ? AND block_number >= ? AND retracted_at IS NULL ORDER BY block_number, seq LIMIT ?',
      )
      .all(chainId, fromBlock, limit)
      .map(toAlert);
  }

  /** Non-retracted alerts of a detector at one block (the members of an incident are found this way). */
  atBlock(chainId: number, detector: string, block: number): StoredAlert[] {
    const { where, args } = alertFilter({ chainId, detector, fromBlock: block, toBlock: block });
    return this.db.prepare<(string | number)[], Row>(`SELECT seq, data, retracted_at, retract_reason FROM alerts ${where} ORDER BY seq`).all(...args).map(toAlert);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
