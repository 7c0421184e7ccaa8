/**
 * Building the dated history from list snapshots. Public sanctions lists of addresses come as snapshots: a
 * list as a compiler saw it on some day, sometimes with the day each entry was added, never with the day
 * one was removed. Two snapshots of the same series (the same compiler, so the same scope) show removals:
 * an address present in the earlier one and absent from the later one was delisted in between. Snapshots
 * of different series are never diffed against each other: one compiler leaves out what another keeps
 * (0xB10C lists addresses per asset, ultrasoundmoney every Ethereum address), and that is not a delisting.
 *
 * Known delistings with a published day (OFAC's notice that lifted the Tornado Cash designations took
 * effect on 2025-03-21) narrow the window a snapshot diff leaves.
 */
import { splitCsv } from '../../fraud/intel/store.js';
import { SanctionsHistory, type DateBound, type Day, type Listing } from './history.js';

export interface SnapshotEntry {
  address: string;
  name?: string;
  /** The day the source says the address was added, when it says. */
  dateAdded?: Day;
  assets?: string[];
  programs?: string[];
}

export interface Snapshot {
  /** The compiler or feed; snapshots of one series are diffed against each other. */
  series: string;
  /** The day the list was taken. */
  date: Day;
  /** Name and version for reports. */
  source: string;
  entries: SnapshotEntry[];
}

/** A removal whose day is published: applies to entries whose name matches. */
export interface KnownDelisting {
  name: RegExp;
  on: Day;
  source: string;
}

export const KNOWN_DELISTINGS: KnownDelisting[] = [
  // US Treasury press release sb0057 (2025-03-21): the Tornado Cash designations are lifted.
  { name: /^TORNADO CASH$/iu, on: '2025-03-21', source: 'US Treasury, Tornado Cash delisting, 2025-03-21' },
];

const EVM = /^0x[0-9a-f]{40}$/u;

interface Seen {
  presence: Array<{ series: string; date: Day }>;
  dateAdded: Day[];
  names: Set<string>;
  assets: Set<string>;
  programs: Set<string>;
  sources: Set<string>;
}

/**
 * One listing per address from all snapshots: the most precise listing day any source gives; a delisting
 * when a later snapshot of a series that had the address lacks it (and no snapshot of any series has it
 * after that). Entries that are not EVM addresses (Bitcoin and Tron ones share the USDT list) are skipped.
 */
export function historyFromSnapshots(snapshots: Snapshot[], known: KnownDelisting[] = KNOWN_DELISTINGS): SanctionsHistory {
  const ordered = [...snapshots].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const seen = new Map<string, Seen>();
  const present = ordered.map((s) => new Set(s.entries.map((e) => e.address.toLowerCase())));
  for (const snap of ordered) {
    for (const e of snap.entries) {
      const address = e.address.toLowerCase();
      if (!EVM.test(address)) continue;
      let s = seen.get(address);
      if (!s) seen.set(address, (s = { presence: [], dateAdded: [], names: new Set(), assets: new Set(), programs: new Set(), sources: new Set() }));
      s.presence.push({ series: snap.series, date: snap.date });
      if (e.dateAdded) s.dateAdded.push(e.dateAdded);
      if (e.name) s.names.add(e.name);
      for (const a of e.assets ?? []) s.assets.add(a);
      for (const p of e.programs ?? []) s.programs.add(p);
      s.sources.add(snap.source);
    }
  }
  const listings: Listing[] = [];
  for (const [address, s] of seen) {
    const firstSeen = s.presence[0]?.date as Day;
    const lastSeen = s.presence[s.presence.length - 1]?.date as Day;
    const series = new Set(s.presence.map((p) => p.series));
    // The last snapshot of a series the address is in that predates its first sighting, and the first one
    // after its last sighting that lacks it.
    let absentBefore: Day | undefined;
    let absentAfter: Day | undefined;
    ordered.forEach((snap, i) => {
      if (!series.has(snap.series) || present[i]?.has(address)) return;
      if (snap.date < firstSeen && (!absentBefore || snap.date > absentBefore)) absentBefore = snap.date;
      if (snap.date > lastSeen && (!absentAfter || snap.date < absentAfter)) absentAfter = snap.date;
    });
    const added = s.dateAdded.sort()[0];
    const listed: DateBound = added ? { on: added } : { ...(absentBefore ? { after: absentBefore } : {}), by: firstSeen };
    const names = [...s.names];
    let delisted: DateBound | undefined;
    const sources = [...s.sources];
    if (absentAfter) {
      const event = known.find((k) => names.some((n) => k.name.test(n)) && k.on <= absentAfter! && (!added || k.on > added));
      delisted = event ? { on: event.on } : { after: lastSeen, by: absentAfter };
      if (event) sources.push(event.source);
    }
    listings.push({
      address,
      ...(names.length ? { name: names.join(' / ') } : {}),
      ...(s.programs.size ? { programs: [...s.programs] } : {}),
      ...(s.assets.size ? { assets: [...s.assets].sort() } : {}),
      listed,
      ...(delisted ? { delisted } : {}),
      sources,
    });
  }
  return new SanctionsHistory(listings, ordered.map((s) => `${s.source} (${s.date})`));
}

/** One CSV line into cells (the intel lists' reader: quoted entity names hold commas). */
export const splitCsvLine = splitCsv;

/**
 * A list file's entries: a JSON array of addresses (0xB10C's per-asset files) or of `{address, name}`, or
 * a CSV with an `address` column and optional `name` and `date_added` columns (ultrasoundmoney's files,
 * OFAC exports). `asset` tags every entry (the 0xB10C file names say which asset a list is for).
 */
export function parseListText(text: string, asset?: string): SnapshotEntry[] {
  const assets = asset ? [asset] : undefined;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const data = JSON.parse(text) as unknown;
    const items = Array.isArray(data) ? data : Array.isArray((data as { addresses?: unknown }).addresses) ? ((data as { addresses: unknown[] }).addresses) : [];
    return items.flatMap((item): SnapshotEntry[] => {
      if (typeof item === 'string') return [{ address: item, ...(assets ? { assets } : {}) }];
      const r = item as Record<string, unknown>;
      if (typeof r.address !== 'string') return [];
      return [{ address: r.address, ...(typeof r.name === 'string' ? { name: r.name } : {}), ...(typeof r.date_added === 'string' ? { dateAdded: r.date_added } : {}), ...(assets ? { assets } : {}) }];
    });
  }
  const lines = text.split(/\r?\n/u).filter((l) => l.trim());
  const header = splitCsvLine((lines[0] ?? '').toLowerCase());
  const col = (names: string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const addressCol = col(['address']);
  if (addressCol < 0) throw new Error("a sanctions CSV needs a header with an 'address' column");
  const nameCol = col(['name', 'entity', 'label']);
  const dateCol = col(['date_added', 'listed', 'date']);
  return lines.slice(1).flatMap((line): SnapshotEntry[] => {
    const cells = splitCsvLine(line);
    const address = cells[addressCol];
    if (!address) return [];
    const date = dateCol >= 0 ? cells[dateCol] : undefined;
    return [{ address, ...(nameCol >= 0 && cells[nameCol] ? { name: cells[nameCol] } : {}), ...(date && /^\d{4}-\d{2}-\d{2}$/u.test(date) ? { dateAdded: date } : {}), ...(assets ? { assets } : {}) }];
  });
}
