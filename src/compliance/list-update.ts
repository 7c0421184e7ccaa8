/**
 * A new version of a sanctions list: what changed against what Argus held, and what it means for history
 * already stored. A newly listed address that already paid you (or that you paid) is not a breach for the
 * transfers before the listing — but those funds now come from a sanctioned party, and every later
 * transfer would be one. The findings say which is which, with amounts and dates.
 */
import { formatEth, formatToken } from '../core/amounts.js';
import type { Finding, Severity } from '../core/finding.js';
import { toDay, type Day, type SanctionsHistory } from './sanctions/history.js';
import type { Snapshot } from './sanctions/snapshots.js';
import type { TransferRecord } from './transfers.js';

export interface ListChange {
  source: string;
  date: Day;
  /** Addresses the new list holds that were not listed on its date by any list Argus held. */
  added: Array<{ address: string; name?: string }>;
  /** Addresses the previous version of the same list held and the new one does not. */
  removed: Array<{ address: string; name?: string }>;
}

/** The change `next` brings: against the history's screening on its date, and the last snapshot of its series. */
export function diffList(history: SanctionsHistory, previous: Snapshot[], next: Snapshot): ListChange {
  const nextAddresses = new Map(next.entries.map((e) => [e.address.toLowerCase(), e]));
  const added = [...nextAddresses.values()]
    .filter((e) => /^0x[0-9a-f]{40}$/u.test(e.address.toLowerCase()) && history.screen(e.address, next.date).status !== 'listed')
    .map((e) => ({ address: e.address.toLowerCase(), ...(e.name ? { name: e.name } : {}) }));
  const before = previous.filter((s) => s.series === next.series && s.date <= next.date).sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  const removed = (before?.entries ?? []).filter((e) => !nextAddresses.has(e.address.toLowerCase())).map((e) => ({ address: e.address.toLowerCase(), ...(e.name ? { name: e.name } : {}) }));
  return { source: next.source, date: next.date, added, removed };
}

export interface RescreenOptions {
  /** Your addresses: only transfers with one of them are reported. Empty: every stored transfer. */
  own?: ReadonlySet<string>;
  /** The day each newly listed address took effect (default: the list's date). */
  listedOn?: (address: string) => Day | undefined;
}

function amountText(asset: string, raw: bigint): string {
  return asset === 'ETH' ? formatEth(raw) : formatToken(raw, asset, undefined);
}

/** Findings for stored transfers between a newly listed address and you (or anyone, without `own`). */
export function rescreenTransfers(change: ListChange, records: readonly TransferRecord[], options: RescreenOptions = {}): Finding[] {
  const listed = new Map(change.added.map((a) => [a.address, a]));
  if (listed.size === 0) return [];
  type Group = { listed: string; counterparty: string; direction: 'received-from' | 'sent-to'; chainId: number; before: Map<string, bigint>; after: Map<string, bigint>; first: number; last: number; txs: string[] };
  const groups = new Map<string, Group>();
  for (const r of records) {
    for (const [side, other, direction] of [[r.from, r.to, 'received-from'], [r.to, r.from, 'sent-to']] as const) {
      if (!listed.has(side)) continue;
      if (options.own && options.own.size > 0 && !options.own.has(other)) continue;
      const key = `${side}:${other}:${direction}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { listed: side, counterparty: other, direction, chainId: r.chainId, before: new Map(), after: new Map(), first: r.time, last: r.time, txs: [] }));
      const effective = options.listedOn?.(side) ?? change.date;
      const bucket = toDay(r.time) < effective ? g.before : g.after;
      bucket.set(r.asset, (bucket.get(r.asset) ?? 0n) + BigInt(r.raw));
      g.first = Math.min(g.first, r.time);
      g.last = Math.max(g.last, r.time);
      if (g.txs.length < 20) g.txs.push(r.tx);
    }
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const entity = listed.get(g.listed);
    const effective = options.listedOn?.(g.listed) ?? change.date;
    const sum = (m: Map<string, bigint>) => [...m].map(([asset, raw]) => amountText(asset, raw)).join(', ');
    const afterListing = g.after.size > 0;
    const severity: Severity = afterListing ? 'critical' : g.direction === 'received-from' ? 'high' : 'medium';
    const who = `${g.listed}${entity?.name ? ` (${entity.name})` : ''}`;
    const verb = g.direction === 'received-from' ? `${g.counterparty} received` : `${g.counterparty} sent`;
    const prep = g.direction === 'received-from' ? 'from' : 'to';
    const parts = [
      g.before.size ? `${sum(g.before)} before the listing, which predates it` : '',
      g.after.size ? `${sum(g.after)} on or after the listing day ${effective}` : '',
    ].filter(Boolean);
    out.push({
      detector: 'compliance/newly-listed-counterparty',
      title: afterListing ? 'Transfers with an address after it was sanctioned' : 'A counterparty has been newly sanctioned',
      severity,
      confidence: 0.99,
      tags: ['compliance', 'sanctions', `list:${change.source}`],
      subject: { kind: 'address', chainId: g.chainId, address: g.counterparty, role: 'counterparty' },
      explanation: `${verb} ${parts.join(' and ')} ${prep} ${who}, newly listed by ${change.source} (${change.date}); transfers from ${toDay(g.first)} to ${toDay(g.last)}.`,
      evidence: {
        listed: g.listed,
        ...(entity?.name ? { listedAs: entity.name } : {}),
        listedOn: effective,
        list: change.source,
        direction: g.direction,
        beforeListing: Object.fromEntries([...g.before].map(([a, v]) => [a, v.toString()])),
        afterListing: Object.fromEntries([...g.after].map(([a, v]) => [a, v.toString()])),
        firstTransfer: toDay(g.first),
        lastTransfer: toDay(g.last),
        transactions: g.txs,
      },
      recommendation: afterListing
        ? 'Stop dealing with the address, block or hold the funds and report the transfers as your sanctions policy requires.'
        : 'No breach for transfers before the listing; record the exposure, hold any of these funds still held, and block further dealings.',
    });
  }
  return out.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
}
