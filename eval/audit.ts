import os from 'node:os';
import pc from 'picocolors';
import { evaluateAudit } from './audit-score.js';

/**
 * `npm run eval:audit`: recall per DASP category on SmartBugs curated, the share of findings that land
 * on a labelled line, and found/missed per SWC id on the SWC registry (see audit-score.ts for the rules).
 *
 * Flags: --json (machine-readable), --details (list misses and off-label findings).
 */

const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const details = args.has('--details');

async function main(): Promise<void> {
  const { result, misses, offLabel } = await evaluateAudit();
  if (asJson) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  const pct = (x: number) => (100 * x).toFixed(1) + '%';
  const sb = result.smartbugsCurated;
  console.log(pc.bold(`SmartBugs curated (${sb.contracts} contracts, ${sb.entries} labelled entries; ${sb.parsed} parsed)`));
  for (const [cat, s] of Object.entries(sb.perCategory)) {
    const floor = cat === 'short_addresses' || cat === 'other' ? 0 : 0.5;
    const colour = s.recall >= floor ? pc.green : pc.red;
    console.log(`  ${cat.padEnd(28)} ${String(s.found).padStart(3)}/${String(s.total).padEnd(3)} ${colour(pct(s.recall).padStart(6))}`);
  }
  console.log(`  ${pc.bold('overall'.padEnd(28))} ${String(sb.found).padStart(3)}/${String(sb.entries).padEnd(3)} ${pc.bold(pct(sb.recall).padStart(6))}   (floor 85%; Slither 62.3%, Solhint 64.7%, both 73.4%)`);
  console.log(`  findings on a labelled line: ${sb.onLabelledLine}/${sb.findings} = ${pc.bold(pct(sb.onLabelledLineShare))}   (floor 40%; Slither 31%, Solhint 21%)`);
  const sw = result.swcRegistry;
  console.log(pc.bold(`\nSWC registry (${sw.cases} test files, ${sw.fixedTwins} fixed twins)`));
  for (const [id, s] of Object.entries(sw.perSwc)) {
    console.log(`  ${id.padEnd(8)} found ${s.found}/${s.cases}${s.fixedCases ? `   fixed twins ${s.fixedCases}, false positives ${s.falsePositives}` : ''}`);
  }
  console.log(`  ${pc.bold('overall')}  found ${sw.found}/${sw.labelled} = ${pct(sw.recall)}; same-SWC findings on fixed twins: ${sw.sameSwcFalsePositivesOnFixedTwins} (all findings there: ${sw.findingsOnFixedTwins})`);
  console.log(pc.dim(`\n${result.seconds.toFixed(1)} s, ${os.availableParallelism()} cores, ${new Date().toISOString()}`));
  if (details) {
    console.log(pc.bold('\nMissed entries:'));
    for (const m of misses) console.log('  ' + m);
    console.log(pc.bold('\nFindings off labelled lines:'));
    for (const m of offLabel) console.log('  ' + m);
  }
}

await main();
