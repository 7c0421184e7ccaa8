import os from 'node:os';
import pc from 'picocolors';
import { evaluateAudit } from './audit-score.js';
import { SLITHER_CURATED } from './peers.js';
import { printDetectorFamilies } from './detector-families-report.js';
import { firstContact, printInjection, printWild, wildFlagRates } from './audit-inject.js';
import { evaluateInjected } from './inject/score.js';
import type { BugClass } from './inject/families.js';

/**
 * `npm run eval:audit`: recall per DASP category on SmartBugs curated, the share of findings that land
 * on a labelled line, beside Solhint run on the same files in the same run (eval/solhint.ts), and
 * found/missed per SWC id on the SWC registry (see audit-score.ts for the rules). Both data sets guided
 * the detectors: the output says so, and there is no held-out figure for the auditor yet.
 *
 * Flags: --json (machine-readable), --details (list misses and off-label findings).
 */

const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const details = args.has('--details');
// --inject-only --dev-only: the tuning loop's view (development families only, held-out hidden).
const injectOnly = args.has('--inject-only');
const devOnly = args.has('--dev-only');

// --classes tod,arithmetic: only those classes (same files as the full run).
const classesArg = process.argv.find((a) => a.startsWith('--classes='))?.slice('--classes='.length);

async function injection(): Promise<void> {
  const classes = classesArg ? (classesArg.split(',') as BugClass[]) : undefined;
  printInjection(await evaluateInjected({ classes }), firstContact(), { devOnly, families: details || devOnly });
}

async function main(): Promise<void> {
  if (injectOnly) return injection();
  const { result, misses, offLabel } = await evaluateAudit();
  if (asJson) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const pct = (x: number) => (100 * x).toFixed(1) + '%';
  const sb = result.smartbugsCurated;
  const sh = result.solhintOnCurated;
  const both = result.argusAndSolhintOnCurated;
  console.log(pc.bold(`SmartBugs curated (${sb.contracts} contracts, ${sb.entries} labelled entries; ${sb.parsed} parsed)`));
  console.log(pc.yellow('  DEVELOPMENT SET, in-sample for Argus: its detectors and their defaults were chosen by their effect on these files.'));
  console.log(pc.yellow(`  Solhint ${sh.version} was never tuned on them; it runs here on the same files, in this run, with its security rules mapped to DASP categories (eval/solhint.ts).`));
  console.log(pc.dim(`  ${'category'.padEnd(28)} ${'argus'.padStart(13)}   ${'solhint'.padStart(13)}`));
  for (const [cat, s] of Object.entries(sb.perCategory)) {
    const floor = cat === 'short_addresses' || cat === 'other' ? 0 : 0.5;
    const colour = s.recall >= floor ? pc.green : pc.red;
    const h = sh.perCategory[cat];
    console.log(`  ${cat.padEnd(28)} ${String(s.found).padStart(3)}/${String(s.total).padEnd(3)} ${colour(pct(s.recall).padStart(6))}   ${h ? `${String(h.found).padStart(3)}/${String(h.total).padEnd(3)} ${pct(h.recall).padStart(6)}` : ''}`);
  }
  console.log(`  ${pc.bold('overall'.padEnd(28))} ${String(sb.found).padStart(3)}/${String(sb.entries).padEnd(3)} ${pc.bold(pct(sb.recall).padStart(6))}   ${String(sh.found).padStart(3)}/${String(sh.entries).padEnd(3)} ${pct(sh.recall).padStart(6)}   (floor 85% for Argus)`);
  console.log(`  findings on a labelled line: argus ${sb.onLabelledLine}/${sb.findings} = ${pc.bold(pct(sb.onLabelledLineShare))} (floor 55%; default output, informational findings hidden), solhint ${sh.onLabelledLine}/${sh.findings} = ${pct(sh.onLabelledLineShare)}`);
  const wi = sb.withInformational;
  console.log(`  with --informational (every finding, code-quality ones included): found ${wi.found}/${sb.entries} = ${pct(wi.found / sb.entries)}, on a labelled line ${wi.onLabelledLine}/${wi.findings} = ${pct(wi.onLabelledLineShare)}`);
  console.log(`  argus and solhint together: ${both.found}/${both.entries} = ${pct(both.recall)}; solhint parsed ${sh.parsed}/${sb.contracts} files in ${sh.seconds.toFixed(1)} s (one thread)`);
  const sl = SLITHER_CURATED;
  console.log(`  not run here: ${sl.tool} (a Python package this machine cannot install): ${sl.found}/${sl.entries} = ${pct(sl.found / sl.entries)}, ${(100 * sl.onLabelledLineShare).toFixed(0)}% of its findings on a labelled line,`);
  console.log(`    on the same files and rule, measured elsewhere: ${sl.source}`);
  const sw = result.swcRegistry;
  console.log(pc.bold(`\nSWC registry (${sw.cases} test files, ${sw.fixedTwins} fixed twins)`));
  console.log(pc.yellow('  DEVELOPMENT SET too: detectors were added for the SWC ids this registry measures (found 38/79 -> 55/79 in one commit).'));
  for (const [id, s] of Object.entries(sw.perSwc)) {
    console.log(`  ${id.padEnd(8)} found ${s.found}/${s.cases}${s.fixedCases ? `   fixed twins ${s.fixedCases}, false positives ${s.falsePositives}` : ''}`);
  }
  console.log(`  ${pc.bold('overall')}  found ${sw.found}/${sw.labelled} = ${pct(sw.recall)}; same-SWC findings on fixed twins: ${sw.sameSwcFalsePositivesOnFixedTwins} (all findings there: ${sw.findingsOnFixedTwins})`);
  await printDetectorFamilies();
  await injection();
  printWild(await wildFlagRates());
  console.log(pc.dim(`\n${result.seconds.toFixed(1)} s, ${os.availableParallelism()} cores, ${new Date().toISOString()}`));
  if (details) {
    console.log(pc.bold('\nMissed entries:'));
    for (const m of misses) console.log('  ' + m);
    console.log(pc.bold('\nFindings off labelled lines:'));
    for (const m of offLabel) console.log('  ' + m);
  }
}

await main();
