/**
 * Scores `argus token`'s static flags on the token corpus (contracts/token-corpus/expected.json): per flag,
 * precision and recall from bytecode and from source; every mismatch; and whether bytecode and source agree
 * on each token (the scenario tokens of contracts/scenarios/ScamTokens.sol included).
 * An unknown (null) answer where an expectation exists counts as a miss for recall and is reported apart.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { datasetsRoot } from './datasets.js';
import { packageRoot } from '../src/chain/devnet/compile.js';
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
