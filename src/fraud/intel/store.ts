/**
 * Address intelligence: which list names an address. The product bundles one dated snapshot (OFAC-sanctioned
 * Ethereum addresses, ofac-eth.json, MIT via ultrasoundmoney); everything else — ScamSniffer's drainer list
 * (GPL, so never bundled), a community's own blocklist — is loaded by the user at run time from a plain,
 * CSV or JSON file.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import bundled from './ofac-eth.json' with { type: 'json' };

export interface IntelHit {
  /** The list's name, e.g. `OFAC SDN` or the user file's name. */
  list: string;
  /** What the list says about the address (entity name, category), when it says anything. */
  label?: string;
  /** The date the list is valid for, when known (screening must respect dates). */
  asOf?: string;
}

export interface IntelListInfo {
  list: string;
  addresses: number;
  asOf?: string;
  source?: string;
}

/** A user list is a list of addresses, not a database: refuse anything bigger than this. */
export const MAX_INTEL_FILE = 64 * 1024 * 1024;

const EVM = /^0x[0-9a-f]{40}$/u;

/** The bundled OFAC snapshot: its addresses (lower case), the entity each is listed as, and what it is. */
export function bundledSanctions(): { addresses: string[]; labels: Map<string, string>; list: string; asOf: string } {
  const addresses = bundled.addresses.map((e) => e.address.toLowerCase());
  const labels = new Map(bundled.addresses.map((e) => [e.address.toLowerCase(), `${bundled.list}: ${e.name}`]));
  return { addresses, labels, list: bundled.list, asOf: bundled.asOf };
}

export class IntelStore {
  private readonly entries = new Map<string, IntelHit[]>();
  private readonly info: IntelListInfo[] = [];

  /** A store holding the bundled OFAC snapshot (pass `false` for an empty one). */
  static create(withBundled = true): IntelStore {
    const store = new IntelStore();
    if (withBundled) store.addBundled();
    return store;
  }

  private addBundled(): void {
    for (const e of bundled.addresses) this.add(e.address, bundled.list, e.name, bundled.asOf);
    this.info.push({ list: bundled.list, addresses: bundled.addresses.length, asOf: bundled.asOf, source: bundled.source });
  }

  /** Adds one address; anything that is not a 20-byte hex address is ignored and false returned. */
  add(address: string, list: string, label?: string, asOf?: string): boolean {
    const a = address.trim().toLowerCase();
    if (!EVM.test(a)) return false;
    const hits = this.entries.get(a) ?? [];
    if (!hits.some((h) => h.list === list)) hits.push({ list, ...(label ? { label } : {}), ...(asOf ? { asOf } : {}) });
    this.entries.set(a, hits);
    return true;
  }

  /** Every list naming the address (case-insensitive), bundled lists first; empty when none does. */
  lookup(address: string): IntelHit[] {
    return this.entries.get(address.trim().toLowerCase()) ?? [];
  }

  /** Every address held, with the lists naming it. */
  *all(): IterableIterator<[string, IntelHit[]]> {
    yield* this.entries;
  }

  get lists(): IntelListInfo[] {
    return [...this.info];
  }

  /**
   * Loads a user list. Formats: JSON (an array of addresses, an array of `{address, label|name|category}`,
   * or `{name, addresses: [...]}`); CSV with a header holding an `address` (or `contract_address`,
   * `banned_address`) column and optionally a label column (`label`, `name`, `category`, `*_tag`);
   * otherwise plain text, one address per line with an optional label after a comma or whitespace, lines
   * starting with `#` are comments. The list is named after the file unless it names itself.
   * Returns how many addresses were added; throws on an unreadable or oversized file.
   */
  loadFile(file: string, listName?: string): IntelListInfo {
    const size = statSync(file).size;
    if (size > MAX_INTEL_FILE) throw new Error(`${file} is ${size} bytes; an address list is at most ${MAX_INTEL_FILE} bytes`);
    const text = readFileSync(file, 'utf8');
    const info = this.loadText(text, listName ?? path.basename(file).replace(/\.(json|csv|txt)$/iu, ''), file.toLowerCase().endsWith('.json'));
    this.info.push(info);
    return info;
  }

  /** As loadFile, from text already read. */
  loadText(text: string, listName: string, json = false): IntelListInfo {
    let list = listName;
    let added = 0;
    const trimmed = text.trimStart();
    if (json || trimmed.startsWith('[') || trimmed.startsWith('{')) {
      const data = JSON.parse(text) as unknown;
      let items: unknown[] = [];
      if (Array.isArray(data)) items = data;
      else if (data && typeof data === 'object') {
        const o = data as { name?: unknown; list?: unknown; addresses?: unknown };
        if (typeof o.name === 'string') list = o.name;
        else if (typeof o.list === 'string') list = o.list;
        if (Array.isArray(o.addresses)) items = o.addresses;
      }
      for (const item of items) {
        if (typeof item === 'string') added += this.add(item, list) ? 1 : 0;
        else if (item && typeof item === 'object') {
          const r = item as Record<string, unknown>;
          const label = [r.label, r.name, r.category].find((x) => typeof x === 'string') as string | undefined;
          if (typeof r.address === 'string') added += this.add(r.address, list, label) ? 1 : 0;
        }
      }
      return { list, addresses: added };
    }
    const lines = text.split(/\r?\n/u);
    const header = (lines[0] ?? '').toLowerCase().split(',').map((h) => h.trim().replace(/^"|"$/gu, ''));
    // Column names of the common public lists (ScamSniffer, Forta's labelled datasets, OFAC exports).
    const addressCol = ['address', 'contract_address', 'banned_address'].map((h) => header.indexOf(h)).find((i) => i >= 0) ?? -1;
    if (addressCol >= 0) {
      const labelCol = ['label', 'name', 'category', 'type', 'etherscan_tag', 'contract_tag', 'wallet_tag'].map((h) => header.indexOf(h)).find((i) => i >= 0) ?? -1;
      for (const line of lines.slice(1)) {
        const cells = splitCsv(line);
        const address = cells[addressCol];
        if (address) added += this.add(address, list, labelCol >= 0 ? cells[labelCol] : undefined) ? 1 : 0;
      }
      return { list, addresses: added };
    }
    for (const raw of lines) {
      // Only whole lines are comments: a label may itself hold a '#' ("seen in #general").
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const m = /^(0x[0-9a-fA-F]{40})(?:[\s,;]+(.+))?$/u.exec(line);
      if (m) added += this.add(m[1] as string, list, m[2]?.trim().replace(/^"|"$/gu, '')) ? 1 : 0;
    }
    return { list, addresses: added };
  }
}

/** One CSV line into cells, honouring double quotes (entity names hold commas: "SEMENOV, Roman"). */
export function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}
