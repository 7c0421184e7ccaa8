/**
 * The real-era token corpus (contracts/token-era/): tokens built the way people bought them in 2020–2022
 * (OpenZeppelin 2.x–5.x, reflection and tax tokens, Uniswap launch templates, second owners, assembly,
 * trusted second contracts), each family with clean twins and backdoored variants labelled by construction
 * (contracts/token-era/expected.json). Every token is scored three ways: its runtime bytecode, its creation
 * (deployment) bytecode as a user would paste it, and its source. The families' split (`dev` or `holdout`)
 * was fixed and committed before any analyser was changed; the first-contact figures (the checker as it
 * was then) are kept in contracts/token-era/first-contact.json and printed beside today's.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/core/package-root.js';
import { compileSolidity } from '../src/evm/solc.js';
import { analyzeBytecode } from '../src/token/flags/bytecode.js';
import { codeFlags } from '../src/token/flags/code.js';
import { sourceFlagsFromFile } from '../src/token/flags/source.js';
import { FLAG_NAMES, type FlagName, type TokenFlags, type Tri } from '../src/token/types.js';

export const ERA_FLAGS = ['hidden_mint', 'leaking_token', 'limit_sell'] as const;
export type EraFlag = (typeof ERA_FLAGS)[number];
export const ERA_SIDES = ['runtime', 'creation', 'source'] as const;
export type EraSide = (typeof ERA_SIDES)[number];
/**
 * `holdout`: round 1's held-out families (F03, F06, F09, F12), scored and read after session 1, so no longer
 * unseen; `holdout2`: round 2's held-out families (F16, F18), written and frozen with round 2 before any
 * analyser change of that round and never looked at while fixing.
 */
export type EraSplit = 'dev' | 'holdout' | 'holdout2';
export const ERA_SPLITS = ['dev', 'holdout', 'holdout2'] as const satisfies readonly EraSplit[];

export interface EraEntry {
  file: string;
  contract: string;
  /** The solc-js version it is compiled with (an installed `solc-<version>` alias or the default). */
  compiler: string;
  family: string;
  split: EraSplit;
  flags: Record<EraFlag, boolean>;
  /** An OpenZeppelin preset or plain base: the flags its own, documented powers make true (any other is a false alarm). */
  preset?: FlagName[];
}

export interface EraCount {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  unknown: number;
}

export interface EraResult {
  tokens: number;
  families: Record<EraSplit, string[]>;
  /** split → side → flag → counts. */
  scores: Record<EraSplit, Record<EraSide, Record<EraFlag, EraCount>>>;
  /** family → side → flag → counts, so a round's families can be scored apart (absent in round 1's record). */
  byFamily?: Record<string, Record<EraSide, Record<EraFlag, EraCount>>>;
  mismatches: Array<{ token: string; family: string; split: EraSplit; side: EraSide; flag: EraFlag; expected: boolean; got: Tri; evidence: string[] }>;
  /** OpenZeppelin presets: any flag true beyond the preset's own powers, per side. */
  presetAlarms: Array<{ token: string; side: EraSide; flags: FlagName[] }>;
  presets: number;
  failures: Array<{ token: string; error: string }>;
}

export function loadEra(): EraEntry[] {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'contracts/token-era/expected.json'), 'utf8')) as { tokens: EraEntry[] }).tokens;
}

const empty = (): EraCount => ({ tp: 0, fp: 0, fn: 0, tn: 0, unknown: 0 });

function count(c: EraCount, expected: boolean, got: Tri): void {
  if (got === null) c.unknown++;
  else if (expected && got) c.tp++;
  else if (expected) c.fn++;
  else if (got) c.fp++;
  else c.tn++;
}

export function precision(c: EraCount): number | null {
  return c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null;
}

/** Unknown answers count as misses. */
export function recall(c: EraCount): number | null {
  return c.tp + c.fn + c.unknown > 0 ? c.tp / (c.tp + c.fn + c.unknown) : null;
}

export function sum(cs: EraCount[]): EraCount {
  const out = empty();
  for (const c of cs) for (const k of Object.keys(out) as Array<keyof EraCount>) out[k] += c[k];
  return out;
}

/**
 * Optimizer on for even-numbered families, off for odd ones: both builds were common (Remix defaults to off,
 * template repositories to 200 runs).
 */
export function optimizerFor(family: string): boolean {
  return Number(/^F(\d+)/.exec(family)?.[1] ?? 0) % 2 === 0;
}

interface Built {
  runtime: string;
  creation: string;
}

function build(entry: EraEntry, cache: Map<string, Array<{ name: string; runtime?: string; bytecode?: string }>>): Built {
  const key = `${entry.file}@${entry.compiler}`;
  let compiled = cache.get(key);
  if (!compiled) {
    const text = readFileSync(path.join(packageRoot(), entry.file), 'utf8');
    compiled = compileSolidity({ sources: { [entry.file]: text }, version: entry.compiler, optimizer: { enabled: optimizerFor(entry.family), runs: 200 }, outputs: ['evm.bytecode.object', 'evm.deployedBytecode.object'] });
    cache.set(key, compiled);
  }
  const c = compiled.find((x) => x.name === entry.contract);
  if (!c?.runtime || !c.bytecode) throw new Error(`${entry.compiler}: no bytecode for ${entry.contract}`);
  return { runtime: c.runtime, creation: c.bytecode };
}

/** Scores the three analyses on every token of the corpus. */
export async function evaluateEra(): Promise<EraResult> {
  const entries = loadEra();
  const root = packageRoot();
  const scores = {} as EraResult['scores'];
  for (const split of ERA_SPLITS) {
    scores[split] = {} as Record<EraSide, Record<EraFlag, EraCount>>;
    for (const side of ERA_SIDES) scores[split][side] = Object.fromEntries(ERA_FLAGS.map((f) => [f, empty()])) as Record<EraFlag, EraCount>;
  }
  const byFamily: NonNullable<EraResult['byFamily']> = {};
  const out: EraResult = { tokens: entries.length, families: { dev: [], holdout: [], holdout2: [] }, scores, byFamily, mismatches: [], presetAlarms: [], presets: 0, failures: [] };
  for (const e of entries) if (!out.families[e.split].includes(e.family)) out.families[e.split].push(e.family);
  const cache = new Map<string, Array<{ name: string; runtime?: string; bytecode?: string }>>();
  for (const e of entries) {
    let bySide: Record<EraSide, TokenFlags>;
    try {
      const built = build(e, cache);
      bySide = {
        runtime: analyzeBytecode(built.runtime).flags,
        creation: await codeFlags(built.creation),
        source: await sourceFlagsFromFile(path.join(root, e.file), { contract: e.contract, cwd: root }),
      };
    } catch (error) {
      out.failures.push({ token: e.contract, error: (error as Error).message.slice(0, 300) });
      continue;
    }
    if (e.preset) out.presets++;
    for (const side of ERA_SIDES) {
      const flags = bySide[side];
      for (const f of ERA_FLAGS) {
        const got = flags[f].value;
        count(scores[e.split][side][f], e.flags[f], got);
        byFamily[e.family] ??= Object.fromEntries(ERA_SIDES.map((sd) => [sd, Object.fromEntries(ERA_FLAGS.map((x) => [x, empty()]))])) as Record<EraSide, Record<EraFlag, EraCount>>;
        count(byFamily[e.family]![side][f], e.flags[f], got);
        if (got !== e.flags[f]) out.mismatches.push({ token: e.contract, family: e.family, split: e.split, side, flag: f, expected: e.flags[f], got, evidence: flags[f].evidence.map((x) => x.detail) });
      }
      if (e.preset) {
        const extra = FLAG_NAMES.filter((f) => flags[f].value === true && !e.preset!.includes(f));
        if (extra.length > 0) out.presetAlarms.push({ token: e.contract, side, flags: extra });
      }
    }
  }
  return out;
}

/** Where a round's first-contact record lives: round 1 (F01–F12), round 2 (F13–F18). */
export function firstContactFile(round: 1 | 2): string {
  return path.join(packageRoot(), round === 1 ? 'contracts/token-era/first-contact.json' : 'contracts/token-era/first-contact-round2.json');
}

/** The figures recorded at first contact of a round (committed before any analyser change), when present. */
export function firstContact(round: 1 | 2 = 1): EraResult | null {
  const file = firstContactFile(round);
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8')) as EraResult;
  // Round 1's record predates the third split: give it empty counts so callers can index every split.
  for (const split of ERA_SPLITS) {
    r.families[split] ??= [];
    if (!r.scores[split]) {
      r.scores[split] = {} as Record<EraSide, Record<EraFlag, EraCount>>;
      for (const side of ERA_SIDES) r.scores[split][side] = Object.fromEntries(ERA_FLAGS.map((f) => [f, empty()])) as Record<EraFlag, EraCount>;
    }
  }
  return r;
}

/** The families a round added (round 2 = F13 onwards). */
export function inRound(family: string, round: 1 | 2): boolean {
  const n = Number(/^F(\d+)/.exec(family)?.[1] ?? 0);
  return round === 1 ? n <= 12 : n >= 13;
}
