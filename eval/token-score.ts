/**
 * Scores `argus token`'s static flags on the token corpus (contracts/token-corpus/expected.json): per flag,
 * precision and recall from bytecode and from source; every mismatch; and whether bytecode and source agree
 * on each token (the scenario tokens of contracts/scenarios/ScamTokens.sol included).
 * An unknown (null) answer where an expectation exists counts as a miss for recall and is reported apart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { datasetsRoot } from './datasets.js';
import { packageRoot } from '../src/core/package-root.js';
import { compileSolidity } from '../src/evm/solc.js';
import { analyzeBytecode } from '../src/token/flags/bytecode.js';
import { compileRuntime, CORPUS_SOURCES, loadExpected, SCENARIO_SOURCES, weth9Runtime } from '../src/token/flags/corpus.js';
import { sourceFlagsFromFile } from '../src/token/flags/source.js';
import { FLAG_NAMES, type FlagName, type TokenFlags, type Tri } from '../src/token/types.js';


export type Side = 'bytecode' | 'source';

export interface FlagScore {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Expected a value, got null. */
  unknown: number;
  precision: number | null;
  recall: number | null;
}

export interface Mismatch {
  token: string;
  side: Side;
  flag: FlagName;
  expected: boolean;
  got: Tri;
  evidence: string[];
}

export interface TokenScoreResult {
  tokens: number;
  perFlag: Record<Side, Record<FlagName, FlagScore>>;
  overall: Record<Side, FlagScore>;
  mismatches: Mismatch[];
  /** Per token with both sides: the flags on which bytecode and source differ. */
  agreement: Array<{ token: string; scenario: boolean; agree: boolean; differences: Array<{ flag: FlagName; bytecode: Tri; source: Tri }> }>;
  milliseconds: { bytecode: number; source: number; compile: number };
}

const emptyScore = (): FlagScore => ({ tp: 0, fp: 0, fn: 0, tn: 0, unknown: 0, precision: null, recall: null });

function finish(s: FlagScore): FlagScore {
  s.precision = s.tp + s.fp > 0 ? s.tp / (s.tp + s.fp) : null;
  s.recall = s.tp + s.fn + s.unknown > 0 ? s.tp / (s.tp + s.fn + s.unknown) : null;
  return s;
}

function add(s: FlagScore, expected: boolean, got: Tri): void {
  if (got === null) s.unknown++;
  else if (expected && got) s.tp++;
  else if (expected) s.fn++;
  else if (got) s.fp++;
  else s.tn++;
}

export async function evaluateTokens(): Promise<TokenScoreResult> {
  const root = packageRoot();
  const expected = loadExpected();
  let t0 = Date.now();
  const compiled = [...(await compileRuntime(CORPUS_SOURCES)), ...(await compileRuntime(SCENARIO_SOURCES))];
  const compileMs = Date.now() - t0;
  const perFlag = { bytecode: {}, source: {} } as TokenScoreResult['perFlag'];
  for (const side of ['bytecode', 'source'] as const) for (const f of FLAG_NAMES) perFlag[side][f] = emptyScore();
  const overall = { bytecode: emptyScore(), source: emptyScore() };
  const mismatches: Mismatch[] = [];
  const agreement: TokenScoreResult['agreement'] = [];
  const ms = { bytecode: 0, source: 0, compile: compileMs };

  for (const [token, entry] of Object.entries(expected)) {
    const runtime = entry.bytecode ? weth9Runtime() : compiled.find((c) => c.name === token && c.file === entry.file)?.runtime;
    if (!runtime) throw new Error(`no runtime bytecode for ${token}`);
    t0 = Date.now();
    const byBytecode = analyzeBytecode(runtime).flags;
    ms.bytecode += Date.now() - t0;
    let bySource: TokenFlags | null = null;
    if (entry.file) {
      t0 = Date.now();
      bySource = await sourceFlagsFromFile(path.join(root, entry.file), { contract: token, cwd: root });
      ms.source += Date.now() - t0;
    }
    for (const [side, flags] of [['bytecode', byBytecode], ['source', bySource]] as const) {
      if (!flags) continue;
      for (const [flag, want] of Object.entries(entry.flags) as Array<[FlagName, boolean]>) {
        const got = flags[flag].value;
        add(perFlag[side][flag], want, got);
        add(overall[side], want, got);
        if (got !== want) mismatches.push({ token, side, flag, expected: want, got, evidence: flags[flag].evidence.map((e) => e.detail) });
      }
    }
    if (bySource) {
      const differences = FLAG_NAMES.filter((f) => byBytecode[f].value !== bySource[f].value).map((f) => ({ flag: f, bytecode: byBytecode[f].value, source: bySource[f].value }));
      agreement.push({ token, scenario: entry.scenario === true, agree: differences.length === 0, differences });
    }
  }
  for (const side of ['bytecode', 'source'] as const) {
    for (const f of FLAG_NAMES) finish(perFlag[side][f]);
    finish(overall[side]);
  }
  return { tokens: Object.keys(expected).length, perFlag, overall, mismatches, agreement, milliseconds: ms };
}

export interface WildRates {
  files: number;
  /** Files where a token contract was picked and analysed. */
  analysed: number;
  failures: Array<{ file: string; error: string }>;
  /** How many analysed files have each flag true: a false-flag watch on unlabelled real contracts. */
  flagged: Partial<Record<FlagName, number>>;
  seconds: number;
}

/** Source flags over SmartBugs Wild's 2,000 real verified contracts (unlabelled): robustness and flag rates. */
export async function wildRates(): Promise<WildRates> {
  const dir = path.join(datasetsRoot(), 'smartbugs-wild-sample', 'contracts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sol'));
  const t0 = Date.now();
  const out: WildRates = { files: files.length, analysed: 0, failures: [], flagged: {}, seconds: 0 };
  for (const f of files) {
    try {
      const flags = await sourceFlagsFromFile(path.join(dir, f), { cwd: packageRoot() });
      if (flags.is_proxy.value === null) continue; // no token contract in the file
      out.analysed++;
      for (const name of FLAG_NAMES) if (flags[name].value === true) out.flagged[name] = (out.flagged[name] ?? 0) + 1;
    } catch (error) {
      out.failures.push({ file: f, error: (error as Error).message.slice(0, 200) });
    }
  }
  out.seconds = (Date.now() - t0) / 1000;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Real tokens: SmartBugs Wild contracts (verified mainnet source) compiled with the old solc they were
// written for. contracts/token-corpus/real-tokens.json holds only references and the expected flags: the
// source is read from ../shared/datasets at evaluation time.

export interface RealTokenEntry {
  /** Path relative to the dataset folder. */
  file: string;
  contract: string;
  pragma: string;
  /** The solc-js version (an installed `solc-<version>` alias) to compile with. */
  compiler: string;
  kind: string;
  /**
   * 'dev': looked at while fixing the analysers; 'holdout': labelled after the first fixes, looked at once
   * (one more fix followed); 'fresh': labelled after every change, never tuned on.
   */
  split: 'dev' | 'holdout' | 'fresh';
  flags: Partial<Record<FlagName, boolean>>;
  why: Partial<Record<FlagName, string>>;
  notJudged: Partial<Record<FlagName, string>>;
  note?: string;
}

export interface RealTokensResult {
  /** False when the dataset is absent: nothing was measured. */
  available: boolean;
  reason?: string;
  tokens: number;
  perFlag: Record<Side, Record<FlagName, FlagScore>>;
  overall: Record<Side, FlagScore>;
  mismatches: Mismatch[];
  agreement: TokenScoreResult['agreement'];
  /** The overall scores of each split (see `RealTokenEntry.split`). */
  splits: Partial<Record<RealTokenEntry['split'], { tokens: number; overall: Record<Side, FlagScore> }>>;
  /** Tokens that could not be compiled or analysed (they count in no score). */
  failures: Array<{ token: string; error: string }>;
  milliseconds: { bytecode: number; source: number; compile: number };
}

/**
 * Runtime bytecode of `contract` in `text`, compiled by solc `version` (optimizer off). The pragma is set
 * to the compiler used, so that a file pinned to an older 0.4.x compiles with 0.4.26.
 */
export function compileLegacy(text: string, fileName: string, contract: string, version: string): string {
  const content = text.replace(/pragma\s+solidity\s+[^;]*;/g, `pragma solidity ${version};`);
  const compiled = compileSolidity({ sources: { [fileName]: content }, version, optimizer: { enabled: false, runs: 200 }, outputs: ['evm.deployedBytecode.object'] });
  const runtime = compiled.find((c) => c.name === contract)?.runtime;
  if (!runtime) throw new Error(`solc ${version}: no runtime bytecode for ${contract}`);
  return runtime;
}

export function loadRealTokens(): RealTokenEntry[] {
  const file = path.join(packageRoot(), 'contracts/token-corpus/real-tokens.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { tokens: RealTokenEntry[] }).tokens;
}

/** Scores both analysers on the real tokens of contracts/token-corpus/real-tokens.json. */
export async function evaluateRealTokens(): Promise<RealTokensResult> {
  const perFlag = { bytecode: {}, source: {} } as RealTokensResult['perFlag'];
  for (const side of ['bytecode', 'source'] as const) for (const f of FLAG_NAMES) perFlag[side][f] = emptyScore();
  const entries = loadRealTokens();
  const out: RealTokensResult = {
    available: true,
    tokens: entries.length,
    perFlag,
    overall: { bytecode: emptyScore(), source: emptyScore() },
    mismatches: [],
    agreement: [],
    splits: {},
    failures: [],
    milliseconds: { bytecode: 0, source: 0, compile: 0 },
  };
  let dir: string;
  try {
    dir = path.join(datasetsRoot(), 'smartbugs-wild-sample');
    if (!existsSync(dir)) throw new Error(`${dir} is absent`);
  } catch (error) {
    return { ...out, available: false, reason: (error as Error).message };
  }
  for (const entry of entries) {
    const token = `${entry.contract} (${path.basename(entry.file).slice(0, 10)}…${entry.split === 'dev' ? '' : `, ${entry.split}`})`;
    const file = path.join(dir, entry.file);
    let runtime: string;
    let byBytecode: TokenFlags;
    let bySource: TokenFlags;
    try {
      let t0 = Date.now();
      runtime = compileLegacy(readFileSync(file, 'utf8'), path.basename(entry.file), entry.contract, entry.compiler);
      out.milliseconds.compile += Date.now() - t0;
      t0 = Date.now();
      byBytecode = analyzeBytecode(runtime).flags;
      out.milliseconds.bytecode += Date.now() - t0;
      t0 = Date.now();
      bySource = await sourceFlagsFromFile(file, { contract: entry.contract, cwd: packageRoot() });
      out.milliseconds.source += Date.now() - t0;
    } catch (error) {
      out.failures.push({ token, error: (error as Error).message.slice(0, 300) });
      continue;
    }
    const split = (out.splits[entry.split] ??= { tokens: 0, overall: { bytecode: emptyScore(), source: emptyScore() } });
    split.tokens++;
    for (const [side, flags] of [['bytecode', byBytecode], ['source', bySource]] as const) {
      for (const [flag, want] of Object.entries(entry.flags) as Array<[FlagName, boolean]>) {
        const got = flags[flag].value;
        add(perFlag[side][flag], want, got);
        add(out.overall[side], want, got);
        add(split.overall[side], want, got);
        if (got !== want) out.mismatches.push({ token, side, flag, expected: want, got, evidence: flags[flag].evidence.map((e) => e.detail) });
      }
    }
    const differences = FLAG_NAMES.filter((f) => byBytecode[f].value !== bySource[f].value).map((f) => ({ flag: f, bytecode: byBytecode[f].value, source: bySource[f].value }));
    out.agreement.push({ token, scenario: false, agree: differences.length === 0, differences });
  }
  for (const side of ['bytecode', 'source'] as const) {
    for (const f of FLAG_NAMES) finish(perFlag[side][f]);
    finish(out.overall[side]);
    for (const part of Object.values(out.splits)) finish(part.overall[side]);
  }
  return out;
}
