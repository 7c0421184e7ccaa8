/**
 * The sanctions history the product ships: two snapshots of ultrasoundmoney's compilation of OFAC's
 * Ethereum addresses (MIT), the copy saved on 2025-03-22 (with the day each address was added) and the
 * current one. Users add OFAC's own files or other compilations at run time (`--list`).
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import current from '../../fraud/intel/ofac-eth.json' with { type: 'json' };
import beforeDelisting from './ofac-eth-2025-03-22.json' with { type: 'json' };
import type { SanctionsHistory } from './history.js';
import { historyFromSnapshots, parseListText, type Snapshot } from './snapshots.js';
import { isSdnAdvancedXml, parseSdnAdvancedXml } from './ofac-xml.js';

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

function firstBytes(file: string, n: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** OFAC's advanced XML of the whole SDN list is larger than an address list (~120 MB in 2025). */
export const MAX_XML_LIST_FILE = 512 * 1024 * 1024;

/**
 * A user's list file as a snapshot taken on `date`. OFAC's SDN advanced XML is recognised by its root
 * element (its addresses are its digital currency address features) and dated by its DateOfIssue when no
 * date is given. 0xB10C's per-asset files (`sanctioned_addresses_USDT.json`) name their asset; `series`
 * defaults to the file's name without the asset, so that two dated copies of the same compilation are
 * diffed against each other.
 */
export function snapshotFromFile(file: string, date?: string, series?: string): Snapshot {
  const size = statSync(file).size;
  const base = path.basename(file);
  const head = firstBytes(file, 4096);
  if (isSdnAdvancedXml(head)) {
    if (size > MAX_XML_LIST_FILE) throw new Error(`${file} is ${size} bytes; an SDN XML file is at most ${MAX_XML_LIST_FILE} bytes`);
    const snapshot = parseSdnAdvancedXml(readFileSync(file, 'utf8'), base);
    return { ...snapshot, ...(date ? { date } : {}), ...(series ? { series } : {}) };
  }
  if (size > MAX_LIST_FILE) throw new Error(`${file} is ${size} bytes; a sanctions list is at most ${MAX_LIST_FILE} bytes`);
  if (!date) throw new Error(`${file}: the day the list was taken is needed (only OFAC's XML carries its own date)`);
  const asset = /^sanctioned_addresses_([A-Z0-9]+)\.json$/u.exec(base)?.[1];
  const entries = parseListText(readFileSync(file, 'utf8'), asset);
  return { series: series ?? (asset ? `0xB10C ${asset}` : base.replace(/[-_]?\d{4}-\d{2}-\d{2}.*$|\.(csv|json|txt)$/gu, '')), date, source: base, entries };
}
