import pc from 'picocolors';
import { FLAG_NAMES } from '../src/token/types.js';
import { evaluateRealTokens, evaluateTokens, wildRates, type FlagScore, type RealTokensResult, type TokenScoreResult } from './token-score.js';

/**
 * `npm run eval:token`: precision and recall per flag of `argus token`'s static analysis, from runtime
 * bytecode and from source, on the token corpus and the scenario tokens; every mismatch; and whether the
 * two sides agree on each token. Flags: --json (machine-readable); --wild (also the source flags' rates
 * on SmartBugs Wild's 2,000 unlabelled real contracts from ../shared/datasets: robustness and a watch on
 * false flags). Also, when ../shared/datasets is there, the real tokens of contracts/token-corpus/real-tokens.json
 * (SmartBugs Wild contracts compiled from their published source with the old solc they were written for).
 */

const asJson = process.argv.includes('--json');
const wild = process.argv.includes('--wild');

async function main(): Promise<void> {
  const r = await evaluateTokens();
  const real = await evaluateRealTokens();
  const w = wild ? await wildRates() : null;
  if (asJson) {
    process.stdout.write(JSON.stringify({ ...r, realTokens: real, ...(w ? { wild: w } : {}) }, null, 2) + '\n');
    return;
  }
  console.log(pc.bold(`Token flags on ${r.tokens} tokens (contracts/token-corpus/expected.json)`));
  printScores(r);
  console.log(pc.bold('\nReal tokens (SmartBugs Wild, published source)'));
  if (!real.available) {
    console.log(pc.yellow(`  skipped: the contracts are read from ../shared/datasets/smartbugs-wild-sample (${real.reason})`));
  } else {
    console.log(pc.dim(`  ${real.tokens} tokens of contracts/token-corpus/real-tokens.json, compiled with solc 0.4.26 / 0.5.17 (optimizer off); expectations from reading the code`));
    const splitName = { dev: 'development (seen while fixing the analysers)', holdout: 'holdout (labelled after the first fixes, seen once)', fresh: 'fresh (labelled after all fixes, never tuned on)' } as const;
    for (const split of ['dev', 'holdout', 'fresh'] as const) {
      const part = real.splits[split];
      if (part) console.log(pc.dim(`  ${splitName[split]}: ${part.tokens} tokens\n      bytecode ${fmt(part.overall.bytecode)}\n      source   ${fmt(part.overall.source)}`));
    }
    for (const x of real.failures) console.log(pc.red(`  failed: ${x.token}: ${x.error}`));
    printScores(real);
  }
  if (w) {
    console.log(pc.bold(`\nSmartBugs Wild sample: ${w.analysed} contracts analysed (with a transfer or a fallback) of ${w.files} files, ${w.failures.length} failures, ${w.seconds.toFixed(1)} s`));
    for (const f of FLAG_NAMES) if (w.flagged[f]) console.log(`  ${f.padEnd(30)} ${String(w.flagged[f]).padStart(4)}  ${((100 * w.flagged[f]!) / w.analysed).toFixed(1)}%`);
    for (const x of w.failures.slice(0, 10)) console.log(pc.red(`  failed: ${x.file}: ${x.error}`));
  }
  console.log(pc.dim(`\ncompile ${r.milliseconds.compile} ms (cached after the first run), bytecode ${r.milliseconds.bytecode} ms, source ${r.milliseconds.source} ms`));
  if (real.available) console.log(pc.dim(`real tokens: compile ${real.milliseconds.compile} ms (cached after the first run), bytecode ${real.milliseconds.bytecode} ms, source ${real.milliseconds.source} ms`));
}

function pct(x: number | null): string {
  return x === null ? '   -  ' : `${(100 * x).toFixed(1)}%`.padStart(6);
}

function fmt(s: FlagScore): string {
  return `precision ${pct(s.precision).trim()} recall ${pct(s.recall).trim()} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}, null ${s.unknown})`;
}

/** Per-flag precision and recall from bytecode and source, mismatches, and bytecode/source agreement. */
function printScores(r: Pick<TokenScoreResult | RealTokensResult, 'perFlag' | 'overall' | 'mismatches' | 'agreement'>): void {
  const cell = (s: FlagScore) => `${pct(s.precision)} ${pct(s.recall)}  ${String(s.tp).padStart(2)}/${String(s.fp).padStart(2)}/${String(s.fn).padStart(2)}/${String(s.unknown).padStart(2)}`;
  console.log(pc.dim(`${''.padEnd(30)}  ${'bytecode: prec recall  tp/fp/fn/null'.padEnd(34)}  source: prec recall  tp/fp/fn/null`));
  for (const f of FLAG_NAMES) {
    const b = r.perFlag.bytecode[f];
    const s = r.perFlag.source[f];
    if (b.tp + b.fp + b.fn + b.tn + b.unknown + s.tp + s.fp + s.fn + s.tn + s.unknown === 0) continue;
    console.log(`  ${f.padEnd(30)}${cell(b).padEnd(36)}${cell(s)}`);
  }
  console.log(`  ${pc.bold('all flags'.padEnd(30))}${cell(r.overall.bytecode).padEnd(36)}${cell(r.overall.source)}`);
  console.log(pc.bold(`\nMismatches (${r.mismatches.length})`));
  for (const m of r.mismatches) console.log(`  ${pc.red(m.side.padEnd(8))} ${m.token}.${m.flag}: expected ${m.expected}, got ${m.got}${m.evidence[0] ? pc.dim(` (${m.evidence[0]})`) : ''}`);
  console.log(pc.bold('\nBytecode / source agreement'));
  for (const a of r.agreement) {
    const tag = a.scenario ? pc.cyan(' [scenario]') : '';
    const diff = a.differences.map((d) => `${d.flag}: bytecode ${d.bytecode}, source ${d.source}`).join('; ');
    console.log(`  ${a.agree ? pc.green('agree   ') : pc.red('DIFFER  ')} ${a.token}${tag}${diff ? `  ${diff}` : ''}`);
  }
  const agreeing = r.agreement.filter((a) => a.agree).length;
  console.log(`  ${agreeing}/${r.agreement.length} tokens agree on every flag`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
