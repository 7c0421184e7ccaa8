/**
 * Block- and allowlists of domains, read from the formats crypto phishing lists come in, each entry with
 * the source it came from and, when the list says so, the day it was first seen (so an evaluation can
 * build lists "as of" a date, and a report can say how old an entry is).
 *
 * Matching walks the host and its parents (`a.b.evil.xyz` is blocked by `evil.xyz`), except that an
 * allowlist entry which is itself a shared platform (`vercel.app`, `github.io`) allows only that exact
 * host: allowing the platform must not allow every site its users put on it.
 */
import { readFileSync, statSync } from 'node:fs';
import { getPublicSuffix } from 'tldts';

export interface ListEntry {
  /** The list it came from (file name or a label such as `polkadot-js`). */
  source: string;
  /** YYYY-MM-DD, when the list dates its entries. */
  date?: string;
}

export interface ListMatch extends ListEntry {
  /** The entry that matched: the host itself or a parent. */
  domain: string;
}

/** Files larger than this are refused: the biggest public lists are a few MB. */
export const MAX_LIST_BYTES = 50 * 1024 * 1024;

export class DomainList {
  private readonly entries = new Map<string, ListEntry>();
  /** Entries that match only exactly (an allowlisted shared platform). */
  private readonly exactOnly = new Set<string>();

  constructor(readonly kind: 'block' | 'allow') {}

  get size(): number {
    return this.entries.size;
  }

  /** Adds one entry; `*.example.com` and `example.com` mean the same. Bad entries are skipped (returns false). */
  add(domain: string, entry: ListEntry): boolean {
    const d = normalizeEntry(domain);
    if (!d) return false;
    const old = this.entries.get(d);
    // Keep the earliest date: that is when the domain was first known to be bad (or good).
    if (old && (old.date === undefined || (entry.date !== undefined && old.date <= entry.date))) return true;
    this.entries.set(d, entry);
    if (this.kind === 'allow' && getPublicSuffix(d, { allowPrivateDomains: true }) === d) this.exactOnly.add(d);
    return true;
  }

  /** The entries dated before `date` (undated entries are dropped, since their age is unknown). */
  before(date: string): DomainList {
    const out = new DomainList(this.kind);
    for (const [d, e] of this.entries) if (e.date !== undefined && e.date < date) out.add(d, e);
    return out;
  }

  merge(other: DomainList): this {
    for (const [d, e] of other.entries) this.add(d, e);
    return this;
  }

  has(domain: string): boolean {
    return this.entries.has(domain);
  }

  domains(): IterableIterator<string> {
    return this.entries.keys();
  }

  /**
   * The entry for `host` or its nearest listed parent, or null. `host` must be lower-case ASCII. With
   * `registrable`, parents above it (public suffixes) are not looked up: no list names a whole suffix.
   */
  match(host: string, registrable?: string | null): ListMatch | null {
    if (this.entries.size === 0) return null;
    const exact = this.entries.get(host);
    if (exact) return { domain: host, ...exact };
    if (registrable && host.length === registrable.length) return null;
    for (let i = host.indexOf('.'); i !== -1; i = host.indexOf('.', i + 1)) {
      const parent = host.slice(i + 1);
      if (parent.indexOf('.') === -1 || (registrable && parent.length < registrable.length)) break; // a bare TLD is never an entry
      const e = this.entries.get(parent);
      if (e && !this.exactOnly.has(parent)) return { domain: parent, ...e };
    }
    return null;
  }
}

const ENTRY = /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/;

/** Lower-case ASCII host of a list entry, or null when it is not one (comments, IPs, junk). */
export function normalizeEntry(raw: string): string | null {
  let d = raw.trim().toLowerCase();
  if (d.startsWith('*.')) d = d.slice(2);
  if (d.startsWith('http://') || d.startsWith('https://')) {
    try {
      d = new URL(d).hostname;
    } catch {
      return null;
    }
  }
  if (d.endsWith('.')) d = d.slice(0, -1);
  if (!ENTRY.test(d)) {
    if (!/[^\p{ASCII}]/u.test(d)) return null;
    try {
      d = new URL(`http://${d}`).hostname; // Unicode entry: store it as punycode, the form hosts arrive in
    } catch {
      return null;
    }
  }
  if (/^\d+(\.\d+){3}$/.test(d)) return null;
  return d;
}

export interface LoadedLists {
  block: DomainList;
  allow: DomainList;
  /** The format the text was read as. */
  format: 'scamsniffer-csv' | 'polkadot-json' | 'metamask-json' | 'json-array' | 'hosts' | 'plain';
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Reads list text in any of the supported formats: ScamSniffer's CSV (`domain,first_seen`), polkadot-js's
 * `{allow, deny}`, MetaMask's `{blacklist, whitelist}` (or `{blocklist, allowlist}`), a JSON array, a hosts
 * file, or plain text one domain a line with `#` comments and an optional date after the domain.
 * `kind` says what a plain or array list is; the JSON formats name their own parts. The fuzzylist of a
 * MetaMask config is not read: its brands are covered by the brand list and lookalike rules.
 */
export function parseListText(text: string, source: string, kind: 'block' | 'allow' = 'block'): LoadedLists {
  const block = new DomainList('block');
  const allow = new DomainList('allow');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = JSON.parse(text) as unknown;
    const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    if (Array.isArray(json)) {
      for (const d of strings(json)) (kind === 'block' ? block : allow).add(d, { source });
      return { block, allow, format: 'json-array' };
    }
    const o = json as Record<string, unknown>;
    if ('deny' in o || 'allow' in o) {
      for (const d of strings(o.deny)) block.add(d, { source });
      for (const d of strings(o.allow)) allow.add(d, { source });
      return { block, allow, format: 'polkadot-json' };
    }
    if ('blacklist' in o || 'whitelist' in o || 'blocklist' in o || 'allowlist' in o) {
      for (const d of [...strings(o.blacklist), ...strings(o.blocklist)]) block.add(d, { source });
      for (const d of [...strings(o.whitelist), ...strings(o.allowlist)]) allow.add(d, { source });
      return { block, allow, format: 'metamask-json' };
    }
    throw new Error(`${source}: JSON list must be an array, {allow, deny} or {blacklist, whitelist}`);
  }
  const target = kind === 'block' ? block : allow;
  const lines = text.split(/\r?\n/);
  let format: LoadedLists['format'] = 'plain';
  let start = 0;
  if (/^domain,first_seen/i.test(lines[0] ?? '')) {
    format = 'scamsniffer-csv';
    start = 1;
  }
  for (let i = start; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/#.*$/, '').trim();
    if (line === '') continue;
    const parts = line.split(/[\s,;]+/);
    let domain = parts[0] as string;
    let date: string | undefined;
    // hosts-file lines: `0.0.0.0 evil.com`
    if ((domain === '0.0.0.0' || domain === '127.0.0.1') && parts[1]) {
      domain = parts[1];
      if (format === 'plain') format = 'hosts';
    }
    const d = parts.find((p) => DATE.test(p));
    if (d) date = d.slice(0, 10);
    target.add(domain, date ? { source, date } : { source });
  }
  return { block, allow, format };
}

export function loadListFile(file: string, kind: 'block' | 'allow' = 'block', source = file): LoadedLists {
  const size = statSync(file).size;
  if (size > MAX_LIST_BYTES) throw new Error(`${file} is ${size} bytes; lists over ${MAX_LIST_BYTES} bytes are refused`);
  return parseListText(readFileSync(file, 'utf8'), source, kind);
}
