/**
 * `TriageStore` on SQLite: the `triage` table (one row per alert or incident someone triaged) and
 * `triage_events` (every change, with who and when). A change and its history rows are one transaction.
 *
 * A mute with an end (a snooze) is stored as it was set; reads turn it back to open once its end has passed
 * (`effectiveStatus`, and the same test in SQL in `triageStatusClause`), so nothing has to wake up to
 * unmute it.
 */
import type { TriageChange, TriageEvent, TriageKind, TriageState, TriageStatus, TriageStore } from '../store.js';
import type { SqliteDatabase } from './database.js';

/** A `triage` row (the same columns on PostgreSQL). */
export interface TriageRow {
  id: string;
  status: TriageStatus;
  muted_until: string | null;
  assignee: string | null;
  notes: number;
  updated_at: string;
  updated_by: string;
}

/** The status as of `now`: a mute whose end has passed is open again. */
export function effectiveStatus(status: TriageStatus, mutedUntil: string | null, now: string): TriageStatus {
  return status === 'muted' && mutedUntil !== null && mutedUntil <= now ? 'open' : status;
}

export function toState(row: TriageRow, now: string): TriageState {
  const status = effectiveStatus(row.status, row.muted_until, now);
  return { status, assignee: row.assignee, mutedUntil: status === 'muted' ? row.muted_until : null, updatedAt: row.updated_at, updatedBy: row.updated_by, notes: row.notes };
}

/**
 * The SQL condition "the item `idColumn` of `kind` has triage status `status` as of `now`" (ISO text):
 * an item without a row is open, a mute whose end has passed is open.
 */
export function triageStatusClause(kind: TriageKind, idColumn: string, status: TriageStatus, now: string): { clause: string; args: string[] } {
  const lapsed = "(t.status = 'muted' AND t.muted_until IS NOT NULL AND t.muted_until <= ?)";
  if (status === 'open') {
    return { clause: `NOT EXISTS (SELECT 1 FROM triage t WHERE t.kind = ? AND t.id = ${idColumn} AND t.status <> 'open' AND NOT ${lapsed})`, args: [kind, now] };
  }
  return { clause: `EXISTS (SELECT 1 FROM triage t WHERE t.kind = ? AND t.id = ${idColumn} AND t.status = ? AND NOT ${lapsed})`, args: [kind, status, now] };
}

const statusText = (status: TriageStatus, until: string | null) => (status === 'muted' && until !== null ? `muted until ${until}` : status);

/**
 * What `change` does to an item whose stored row is `row` (none: open) at `at`: the history rows to record
 * and the row to store, or null when nothing changed (the same status again is not a change, and not
 * audited). Both stores apply it inside their own transaction.
 */
export function planTriage(row: TriageRow | undefined, change: TriageChange, at: string): { events: Array<{ action: TriageEvent['action']; value: string | null; previous: string | null }>; next: { status: TriageStatus; until: string | null; assignee: string | null; notes: number } | null } {
  const before = row ? { status: effectiveStatus(row.status, row.muted_until, at), until: row.muted_until, assignee: row.assignee, notes: row.notes } : { status: 'open' as TriageStatus, until: null as string | null, assignee: null as string | null, notes: 0 };
  const next = { ...before };
  const events: Array<{ action: TriageEvent['action']; value: string | null; previous: string | null }> = [];
  if (change.status !== undefined) {
    const until = change.status === 'muted' ? (change.mutedUntil ?? null) : null;
    const was = statusText(before.status, before.status === 'muted' ? before.until : null);
    const now = statusText(change.status, until);
    if (was !== now) events.push({ action: 'status', value: now, previous: was });
    next.status = change.status;
    next.until = until;
  }
  if (change.assignee !== undefined && change.assignee !== before.assignee) {
    events.push({ action: 'assignee', value: change.assignee, previous: before.assignee });
    next.assignee = change.assignee;
  }
  if (change.note !== undefined) {
    events.push({ action: 'note', value: change.note, previous: null });
    next.notes = before.notes + 1;
  }
  return { events, next: events.length > 0 ? next : null };
}

export class SqliteTriage implements TriageStore {
  private readonly stmts;
  private readonly apply: (kind: TriageKind, ids: readonly string[], change: TriageChange, actor: string, at: string) => void;

  constructor(db: SqliteDatabase) {
    const cols = 'id, status, muted_until, assignee, notes, updated_at, updated_by';
    this.stmts = {
      // One statement for any number of ids (a bulk action, a page of 500): the ids as a JSON array.
      of: db.prepare<[string, string], TriageRow>(`SELECT ${cols} FROM triage WHERE kind = ? AND id IN (SELECT value FROM json_each(?))`),
      get: db.prepare<[string, string], TriageRow>(`SELECT ${cols} FROM triage WHERE kind = ? AND id = ?`),
      upsert: db.prepare(
        'INSERT INTO triage (kind, id, status, muted_until, assignee, notes, updated_at, updated_by) VALUES (@kind, @id, @status, @muted_until, @assignee, @notes, @updated_at, @updated_by) ' +
          'ON CONFLICT (kind, id) DO UPDATE SET status = excluded.status, muted_until = excluded.muted_until, assignee = excluded.assignee, notes = excluded.notes, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
      ),
      event: db.prepare('INSERT INTO triage_events (kind, id, action, value, previous, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      history: db.prepare<[string, string], { at: string; actor: string; action: TriageEvent['action']; value: string | null; previous: string | null }>(
        'SELECT at, actor, action, value, previous FROM triage_events WHERE kind = ? AND id = ? ORDER BY seq',
      ),
    };
    this.apply = db.transaction((kind: TriageKind, ids: readonly string[], change: TriageChange, actor: string, at: string) => {
      for (const id of ids) {
        const { events, next } = planTriage(this.stmts.get.get(kind, id), change, at);
        for (const e of events) this.stmts.event.run(kind, id, e.action, e.value, e.previous, actor, at);
        if (next) this.stmts.upsert.run({ kind, id, status: next.status, muted_until: next.until, assignee: next.assignee, notes: next.notes, updated_at: at, updated_by: actor });
      }
    });
  }

  async triageOf(kind: TriageKind, ids: readonly string[], now: Date = new Date()): Promise<Map<string, TriageState>> {
    const out = new Map<string, TriageState>();
    if (ids.length === 0) return out;
    const at = now.toISOString();
    for (const row of this.stmts.of.all(kind, JSON.stringify(ids))) out.set(row.id, toState(row, at));
    return out;
  }

  async applyTriage(kind: TriageKind, ids: readonly string[], change: TriageChange, actor: string, at: Date = new Date()): Promise<Map<string, TriageState>> {
    this.apply(kind, ids, change, actor, at.toISOString());
    return this.triageOf(kind, ids, at);
  }

  async triageHistory(kind: TriageKind, id: string): Promise<TriageEvent[]> {
    return this.stmts.history.all(kind, id).map((r) => ({ at: r.at, actor: r.actor, action: r.action, value: r.value, previous: r.previous }));
  }
}
