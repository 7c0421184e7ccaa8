/**
 * Solhint, run here on the same files as Argus in the same run (eval:audit, bench:audit), so its figures
 * beside ours are measured, not typed in. Only its `security` rules are on, each at `warn`.
 *
 * Each rule maps to the DASP categories of SmartBugs curated it speaks to (our mapping, below; rules that
 * speak to none — style, compiler version, sha3, throw, inline assembly — map to none and so can only
 * count against the labelled-line share). A Solhint report covers its one line.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface SolhintReport {
  line: number;
  column: number;
  severity: number;
  message: string;
  ruleId?: string;
}

interface SolhintApi {
  processStr(source: string, config: { rules: Record<string, string> }, fileName?: string): { reports: SolhintReport[] };
}

const require = createRequire(import.meta.url);
const solhint = require('solhint/lib/index.js') as SolhintApi;
export const SOLHINT_VERSION = (require('solhint/package.json') as { version: string }).version;

/** Solhint security rule → the DASP categories it reports (SmartBugs curated's names). */
export const SOLHINT_DASP: Record<string, string[]> = {
  // `.call.value()()` forwards all gas with the ether: the reentrancy vector of pre-0.5 code. Solhint's own
  // `reentrancy` rule reports the state write after a transfer, not the call the labels mark, so without
  // this Solhint would find no reentrancy entry at all (a choice in Solhint's favour).
  'avoid-call-value': ['unchecked_low_level_calls', 'reentrancy'],
  'avoid-low-level-calls': ['unchecked_low_level_calls'],
  'no-unchecked-calls': ['unchecked_low_level_calls'],
  'check-send-result': ['unchecked_low_level_calls'],
  'avoid-suicide': ['access_control'],
  'avoid-tx-origin': ['access_control'],
  'func-visibility': ['access_control'],
  'multiple-sends': ['denial_of_service'],
  'not-rely-on-block-hash': ['bad_randomness'],
  'not-rely-on-time': ['time_manipulation', 'bad_randomness'],
  reentrancy: ['reentrancy'],
  'avoid-sha3': [],
  'avoid-throw': [],
  'compiler-version': [],
  'no-complex-fallback': [],
  'no-inline-assembly': [],
  'state-visibility': [],
  'no-immutable-before-declaration': [],
};

const CONFIG = { rules: Object.fromEntries(Object.keys(SOLHINT_DASP).map((r) => [r, 'warn'])) };

export interface SolhintFinding {
  rule: string;
  line: number;
  categories: string[];
}

export interface SolhintFileResult {
  parsed: boolean;
  /** Solhint threw on the file (its parser fails on some pre-0.5 code): no findings, counted apart. */
  crashed: boolean;
  findings: SolhintFinding[];
}

/** Solhint's security rules on one file (read from disk, as the CLI would). */
export function solhintFile(file: string): SolhintFileResult {
  let reports: SolhintReport[];
  try {
    reports = solhint.processStr(readFileSync(file, 'utf8'), CONFIG, file).reports;
  } catch {
    return { parsed: false, crashed: true, findings: [] };
  }
  const parsed = !reports.some((r) => r.ruleId === undefined && r.message.startsWith('Parse error'));
  const findings = reports.flatMap((r) => (r.ruleId && r.ruleId in SOLHINT_DASP ? [{ rule: r.ruleId, line: r.line, categories: SOLHINT_DASP[r.ruleId]! }] : []));
  return { parsed, crashed: false, findings };
}

/** Solhint over files in this thread, timed (Solhint has no worker mode). */
export function solhintFiles(files: string[]): { results: SolhintFileResult[]; seconds: number } {
  const started = performance.now();
  const results = files.map(solhintFile);
  return { results, seconds: (performance.now() - started) / 1000 };
}
