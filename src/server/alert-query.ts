/**
 * The API's view of the alert pages: opaque cursors (the row's `seq`, newest first) and the page as JSON
 * text, read through the store's `AlertQueries` (no SQL here: the store owns it).
 */
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import type { StoredAlert } from '../store/alerts.js';
import type { AlertQueries, TriageStore } from '../store/store.js';
import type { AlertPage, TriageState, TriageStatus } from './api-types.js';

export interface AlertPageQuery {
  chainId?: number;
  detector?: string;
  severity?: string;
  /** Only alerts at this block or later. */
  sinceBlock?: number;
  includeRetracted?: boolean;
  status?: TriageStatus;
  /** The search text: every word must be in the alert. */
  q?: string;
  limit: number;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
}

/** The words of a search text (at most 8, each at most 100 characters: a search is a scan per word). */
export function searchWords(q: string | undefined): string[] {
  if (q === undefined) return [];
  const words = q.trim().split(/\s+/).filter(Boolean);
  if (words.length > 8 || words.some((w) => w.length > 100)) throw new ArgusError(ERROR_CODES.USAGE, 'querystring/q: at most 8 words of at most 100 characters', { q });
  return words;
}

declare const jsonOf: unique symbol;
/** JSON text of a `T`: made only by `jsonText`, `jsonArray` and `jsonObject`, or a cast where it is read back as stored. */
export type JsonText<T> = string & { readonly [jsonOf]: T };

export const jsonText = <T>(value: T): JsonText<T> => JSON.stringify(value) as JsonText<T>;
export const jsonArray = <T>(items: readonly JsonText<T>[]): JsonText<T[]> => ('[' + items.join(',') + ']') as JsonText<T[]>;
/**
 * An object's JSON from its members' JSON, in the order given: every property of `T`, none else. Built by
 * concatenation, which V8 keeps as a rope: an alert page's members are ~160 KB, and joining them again
 * (`Object.entries(...).join`) copied the page twice, which cost more than the database query.
 */
export function jsonObject<T extends object>(members: { [K in keyof T]-?: JsonText<T[K]> }): JsonText<T> {
  let out = '{';
  let first = true;
  for (const key of Object.keys(members) as Array<keyof T>) {
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + members[key];
    first = false;
  }
  return (out + '}') as JsonText<T>;
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

/**
 * A page as JSON text (`{ alerts, nextCursor }`), built from the stored JSON without parsing it: a page of
 * 100 alerts is ~160 KB, and parsing and re-serialising it was most of a request's cost.
 */
export async function alertPageJson(store: AlertQueries & TriageStore, q: AlertPageQuery): Promise<{ json: JsonText<AlertPage>; count: number }> {
  const beforeSeq = cursorSeq(q.cursor);
  const words = searchWords(q.q);
  const page = await store.alertPageJson({
    limit: q.limit,
    ...(q.chainId !== undefined ? { chainId: q.chainId } : {}),
    ...(q.detector !== undefined ? { detector: q.detector } : {}),
    ...(q.severity !== undefined ? { severity: q.severity } : {}),
    ...(q.sinceBlock !== undefined ? { fromBlock: q.sinceBlock } : {}),
    ...(beforeSeq !== undefined ? { beforeSeq } : {}),
    ...(q.includeRetracted ? { includeRetracted: true } : {}),
    ...(q.status !== undefined ? { status: q.status } : {}),
    ...(words.length > 0 ? { words } : {}),
  });
  const triage = page.ids.length > 0 ? Object.fromEntries(await store.triageOf('alert', page.ids)) : {};
  const nextCursor = page.nextSeq === null ? null : encodeCursor(page.nextSeq);
  // The store gives each alert's stored JSON (a StoredAlert, retracted ones re-serialised with their mark).
  const alerts = page.alerts as JsonText<StoredAlert>[];
  return { json: jsonObject<AlertPage>({ alerts: jsonArray(alerts), nextCursor: jsonText(nextCursor), triage: jsonText<Record<string, TriageState>>(triage) }), count: alerts.length };
}
