/**
 * The sanctions history the product ships: two snapshots of ultrasoundmoney's compilation of OFAC's
 * Ethereum addresses (MIT), the copy saved on 2025-03-22 (with the day each address was added) and the
 * current one. Users add OFAC's own files or other compilations at run time (`--list`).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import current from '../../fraud/intel/ofac-eth.json' with { type: 'json' };
import beforeDelisting from './ofac-eth-2025-03-22.json' with { type: 'json' };
import type { SanctionsHistory } from './history.js';
import { historyFromSnapshots, parseListText, type Snapshot } from './snapshots.js';

export function bundledSnapshots(): Snapshot[] {
  return [
    {
      series: 'ultrasoundmoney',
      date: beforeDelisting.asOf,
      source: 'OFAC SDN via ultrasoundmoney',
      entries: beforeDelisting.addresses.map((e) => ({ address: e.address, name: e.name, dateAdded: e.date_added })),
    },
    { series: 'ultrasoundmoney', date: current.asOf, source: 'OFAC SDN via ultrasoundmoney', entries: current.addresses.map((e) => ({ address: e.address, name: e.name })) },
  ];
}

export function bundledSanctionsHistory(extra: Snapshot[] = []): SanctionsHistory {
  return historyFromSnapshots([...bundledSnapshots(), ...extra]);
}

/** A list is a list of addresses, not a database: refuse anything bigger than this. */
export const MAX_LIST_FILE = 64 * 1024 * 1024;

/**
 * A user's list file as a snapshot taken on `date`. 0xB10C's per-asset files
 * (`sanctioned_addresses_USDT.json`) name their asset; `series` defaults to the file's name without the
 * asset, so that two dated copies of the same compilation are diffed against each other.
 */
export function snapshotFromFile(file: string, date: string, series?: string): Snapshot {
  const size = statSync(file).size;
  if (size > MAX_LIST_FILE) throw new Error(`${file} is ${size} bytes; a sanctions list is at most ${MAX_LIST_FILE} bytes`);
  const base = path.basename(file);
  const asset = /^sanctioned_addresses_([A-Z0-9]+)\.json$/u.exec(base)?.[1];
  const entries = parseListText(readFileSync(file, 'utf8'), asset);
  return { series: series ?? (asset ? `0xB10C ${asset}` : base.replace(/[-_]?\d{4}-\d{2}-\d{2}.*$|\.(csv|json|txt)$/gu, '')), date, source: base, entries };
}
