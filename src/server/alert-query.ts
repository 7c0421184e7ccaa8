/**
 * Filtered, paginated reads of the alert store for the API, through a read-only connection of its own
 * (WAL mode: it never blocks the monitor writing) and the store's own filter (`alertFilter`). The cursor is the row's `seq` (newest first), opaque to
 * clients.
 */
import Database from 'better-sqlite3';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { alertFilter, toAlert, type AlertRow, type StoredAlert } from '../store/alerts.js';

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

export interface AlertPage {
  alerts: StoredAlert[];
  nextCursor: string | null;
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

  page(q: AlertPageQuery): AlertPage {
    let beforeSeq: number | undefined;
    if (q.cursor !== undefined) {
      const seq = decodeCursor(q.cursor);
      if (seq === null) throw new ArgusError(ERROR_CODES.USAGE, 'cursor is not one this server gave out', { cursor: q.cursor });
      beforeSeq = seq;
    }
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
    return { alerts: shown.map(toAlert), nextCursor: more && last ? encodeCursor(last.seq) : null };
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

  close(): void {
    if (this.db.open) this.db.close();
  }
}
