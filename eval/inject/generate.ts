import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseUnit } from '../../src/solidity/sources.js';
import { findAll, textOf, type SyntaxNode } from '../../src/solidity/parse/syntax.js';
import { datasetsRoot } from '../datasets.js';
import { BUG_CLASSES, FAMILIES, type BugClass, type Family, type Split } from './families.js';
import { syntaxFor, type Dialect } from './syntax.js';

/**
 * The injection benchmark generator (SolidiFI method): snippets of the bug families (families.ts) are
 * inserted at contract scope into real contracts of the wild sample, so the result still parses (and,
 * for hosts whose pragma an installed solc accepts, compiles: inject.test.ts checks a sample). Labels
 * are known by construction: each bug records the lines of its vulnerable code.
 *
 * Deterministic: the same seed gives the same files, byte for byte.
 *
 * @example
 * for (const f of await generateInjected({ perClass: 50 })) console.log(f.file, f.bugs.length);
 */

export interface InjectedBug {
  cls: BugClass;
  family: string;
  split: Split;
  dialect: Dialect;
  /** 1-based inclusive line ranges of the vulnerable code in `source`. */
  ranges: Array<[number, number]>;
}

export interface InjectedFile {
  /** A neutral file name (the host's name with a suffix); says nothing of the bugs. */
  file: string;
  host: string;
  hostContract: string;
  /** The host's dialect (0.4 or 0.5); 0.8 families inside are marked on their bug. */
  hostDialect: Dialect;
  /** The class injected into this file (every bug of a file is of one class, as in SolidiFI). */
  cls: BugClass;
  source: string;
  bugs: InjectedBug[];
}

export interface GenerateOptions {
  /** Host files per class (default 200). */
  perClass?: number;
  /** Bugs injected per file (default 3, of different families). */
  perFile?: number;
  seed?: string;
  /** The wild sample's contracts folder (default ../shared/datasets/smartbugs-wild-sample/contracts). */
  hostsDir?: string;
  classes?: BugClass[];
}

export interface Host {
  name: string;
  text: string;
  dialect: Dialect;
  /** The contract the snippets go into. */
  contract: { start: number; nameEnd: number; firstBaseStart: number | null; bodyClose: number; name: string };
}

const hash = (s: string) => createHash('sha256').update(s).digest();
const rank = (s: string) => hash(s).readUInt32BE(0);

export function wildContractsDir(): string {
  return path.join(datasetsRoot(), 'smartbugs-wild-sample', 'contracts');
}

/** A host: a 0.4 or 0.5 file that parses cleanly, and its last concrete contract with a body. */
export async function readHost(name: string, text: string): Promise<Host | null> {
  const unit = await parseUnit(name, text);
  if (unit.problems.length > 0 || (unit.solidityMinor !== 4 && unit.solidityMinor !== 5)) return null;
  // One pragma only: files concatenated from several versions are ambiguous hosts.
  if ((text.match(/pragma\s+solidity/g) ?? []).length !== 1) return null;
  const contracts = findAll(unit.root, 'contract_declaration').filter((c) => c.fields.body && c.fields.name && !/^\s*abstract\b/.test(textOf(text, c)));
  const c = contracts.at(-1);
  if (!c) return null;
  const body = c.fields.body!;
  const bases = c.children.filter((x: SyntaxNode) => x.type === 'inheritance_specifier');
  if (text[body.endIndex - 1] !== '}') return null;
  return {
    name,
    text,
    dialect: unit.solidityMinor === 4 ? '0.4' : '0.5',
    contract: { start: c.startIndex, nameEnd: c.fields.name!.endIndex, firstBaseStart: bases[0]?.startIndex ?? null, bodyClose: body.endIndex - 1, name: textOf(text, c.fields.name!) },
  };
}

const OPEN = (i: number) => `\u0001${i}\u0002`;
const CLOSE = (i: number) => `\u0003${i}\u0004`;

/** Injects the given families into one host; `tag` makes the identifiers unique. */
export function inject(host: Host, families: Family[], tag: string, cls: BugClass): InjectedFile {
  const members: string[] = [];
  const bases: string[] = [];
  const before: string[] = [];
  const dialects: Dialect[] = [];
  families.forEach((f, i) => {
    const dialect = f.dialects.includes(host.dialect) ? host.dialect : f.dialects[0]!;
    dialects.push(dialect);
    const snip = f.render(syntaxFor(dialect), `_${tag}${i}`);
    const marked = (t: string) => t.replace(/«/g, OPEN(i)).replace(/»/g, CLOSE(i));
    members.push(marked(snip.members));
    if (snip.base) {
      bases.push(snip.base.name);
      before.push(marked(snip.base.code));
    }
    if (snip.before) before.push(marked(snip.before));
  });
  const { text } = host;
  const c = host.contract;
  // Edits from the end of the text backwards, so earlier offsets stay valid.
  let out = text.slice(0, c.bodyClose) + members.join('\n') + '\n' + text.slice(c.bodyClose);
  if (bases.length > 0) {
    out = c.firstBaseStart !== null ? out.slice(0, c.firstBaseStart) + bases.join(', ') + ', ' + out.slice(c.firstBaseStart) : out.slice(0, c.nameEnd) + ' is ' + bases.join(', ') + out.slice(c.nameEnd);
  }
  if (before.length > 0) out = out.slice(0, c.start) + before.join('\n') + '\n' + out.slice(c.start);
  // Read the markers' lines, then remove them (they sit inside lines, so no line moves).
  const ranges = families.map(() => [] as Array<[number, number]>);
  const open = new Map<number, number>();
  let line = 1;
  let clean = '';
  for (let k = 0; k < out.length; k++) {
    const ch = out[k]!;
    if (ch === '\u0001' || ch === '\u0003') {
      const end = out.indexOf(ch === '\u0001' ? '\u0002' : '\u0004', k);
      const i = Number(out.slice(k + 1, end));
      if (ch === '\u0001') open.set(i, line);
      else ranges[i]!.push([open.get(i)!, line]);
      k = end;
      continue;
    }
    if (ch === '\n') line++;
    clean += ch;
  }
  return {
    file: host.name.replace(/\.sol$/, `.${cls}.sol`),
    host: host.name,
    hostContract: c.name,
    hostDialect: host.dialect,
    cls,
    source: clean,
    bugs: families.map((f, i) => ({ cls: f.cls, family: f.id, split: f.split, dialect: dialects[i]!, ranges: ranges[i]! })),
  };
}

/** The first `limit` usable hosts of the wild sample, in a seeded order (parsing them all takes a while). */
export async function loadHosts(dir = wildContractsDir(), seed = 'argus-inject-v1', limit = Infinity): Promise<Host[]> {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.sol'))
    .sort((a, b) => rank(seed + a) - rank(seed + b) || a.localeCompare(b));
  const hosts: Host[] = [];
  for (const n of names) {
    if (hosts.length >= limit) break;
    const h = await readHost(n, readFileSync(path.join(dir, n), 'utf8'));
    if (h) hosts.push(h);
  }
  return hosts;
}

/** Families of a class that can be rendered for a host (0.4-only families need a 0.4 host). */
function usable(cls: BugClass, host: Host): Family[] {
  return FAMILIES.filter((f) => f.cls === cls && (f.dialects.includes(host.dialect) || f.dialects.every((d) => d === '0.8')));
}

/**
 * Yields the benchmark: for each class, `perClass` hosts (different hosts per class where the sample
 * allows), each with `perFile` bugs of distinct families of that class, families rotated so that every
 * family gets about the same number of bugs.
 */
export async function generateInjected(options: GenerateOptions = {}): Promise<InjectedFile[]> {
  const perClass = options.perClass ?? 200;
  const perFile = options.perFile ?? 3;
  const seed = options.seed ?? 'argus-inject-v1';
  const classes = options.classes ?? BUG_CLASSES;
  const hosts = await loadHosts(options.hostsDir, seed, perClass * BUG_CLASSES.length);
  if (hosts.length === 0) throw new Error('no usable host contracts');
  const out: InjectedFile[] = [];
  classes.forEach((cls) => {
    const ci = BUG_CLASSES.indexOf(cls);
    for (let k = 0; k < perClass; k++) {
      const host = hosts[(ci * perClass + k) % hosts.length]!;
      const pool = usable(cls, host).sort((a, b) => rank(`${seed}|${host.name}|${a.id}`) - rank(`${seed}|${host.name}|${b.id}`));
      // Rotate the start so that families are used evenly across files.
      const start = k % pool.length;
      const chosen = Array.from({ length: Math.min(perFile, pool.length) }, (_, j) => pool[(start + j) % pool.length]!);
      out.push(inject(host, chosen, hash(seed + host.name + cls).toString('hex').slice(0, 4), cls));
    }
  });
  return out;
}
