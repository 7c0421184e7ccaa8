/**
 * `npm run eval:governance`: every scenario of eval/governance-scenarios.ts proposed on a devnet DAO and
 * simulated by `argus proposal`'s engine on a fork. A malicious proposal counts as caught when the verdict
 * is critical and a critical finding names the scenario's reason; a benign one is a false positive when
 * critical. Warnings are counted. Figures per split: development and held-out (every third scenario).
 */
import { ALL_SCENARIOS, runScenario, startGovLab, type GovLab, type ScenarioOutcome } from './governance-run.js';

function caught(o: ScenarioOutcome): boolean {
  return !!o.report && o.report.verdict === 'critical' && o.report.findings.some((f) => f.severity === 'critical' && f.detector === `governance/${o.scenario.reason}`);
}

async function main(): Promise<void> {
  // --session N: only the scenarios written in session N (development runs; the reported figures run all).
  const sessionArg = process.argv.indexOf('--session');
  const session = sessionArg >= 0 ? Number(process.argv[sessionArg + 1]) : null;
  const wanted = (s: (typeof ALL_SCENARIOS)[number]) => session === null || (s.added ?? 1) === session;
  const slots: ScenarioOutcome[] = [];
  // Each DAO kind on its own devnet: the OpenZeppelin one on Hardhat's newest rules, Bravo on shanghai.
  for (const kind of ['oz', 'bravo'] as const) {
    const mine = [...ALL_SCENARIOS.entries()].filter(([, s]) => (s.dao ?? 'oz') === kind && wanted(s));
    if (mine.length === 0) continue;
    const lab: GovLab = await startGovLab(kind);
    try {
      for (const [i, s] of [...mine.filter(([, x]) => !x.leavesState), ...mine.filter(([, x]) => x.leavesState)]) slots[i] = await runScenario(lab, s, i);
    } finally {
      await lab.stop();
    }
  }
  const outcomes = slots.filter((o): o is ScenarioOutcome => !!o);
  const verbose = process.argv.includes('--verbose');
  for (const o of outcomes) {
    const crit = o.report?.findings.filter((f) => f.severity === 'critical').map((f) => f.detector.replace('governance/', '')) ?? [];
    const mark = o.scenario.malicious ? (caught(o) ? 'caught' : 'MISSED') : o.report?.verdict === 'critical' ? 'FALSE POSITIVE' : 'ok';
    console.log(`  ${o.split.padEnd(7)} ${(o.scenario.dao ?? 'oz').padEnd(5)} ${`s${o.scenario.added ?? 1}`} ${(o.scenario.malicious ? 'malicious' : 'benign').padEnd(9)} ${(o.report?.verdict ?? 'error').padEnd(8)} ${mark.padEnd(14)} ${o.scenario.name}${crit.length ? ` [${[...new Set(crit)].join(', ')}]` : ''}${o.error ? ` error: ${o.error.slice(0, 160)}` : ''}`);
    if (verbose && o.report) for (const f of o.report.findings) console.log(`      ${f.severity} ${f.detector}: ${f.title}`);
  }
  console.log('');
  const table = (title: string, rows: Array<[string, ScenarioOutcome[]]>) => {
    console.log(`\n${title}`);
    console.log('part                 malicious caught (right reason)   benign critical (FP)   benign warnings   errors');
    for (const [name, part] of rows) {
      const mal = part.filter((o) => o.scenario.malicious);
      const ben = part.filter((o) => !o.scenario.malicious);
      const fp = ben.filter((o) => o.report?.verdict === 'critical').length;
      const warn = ben.filter((o) => o.report?.verdict === 'warning').length;
      const errors = part.filter((o) => o.error).length;
      console.log(`${name.padEnd(20)} ${`${mal.filter(caught).length}/${mal.length}`.padEnd(33)} ${`${fp}/${ben.length}`.padEnd(22)} ${`${warn}/${ben.length}`.padEnd(17)} ${errors}`);
    }
  };
  const of = (f: (o: ScenarioOutcome) => boolean) => outcomes.filter(f);
  table('by split (every third scenario held out)', [['dev', of((o) => o.split === 'dev')], ['heldout', of((o) => o.split === 'heldout')], ['all', outcomes]]);
  table('by governor kind', [['OpenZeppelin', of((o) => (o.scenario.dao ?? 'oz') === 'oz')], ['Bravo (shanghai)', of((o) => o.scenario.dao === 'bravo')]]);
  table('by session (s2, s3 written and frozen before their checks)', [['s1', of((o) => !o.scenario.added)], ['s2 dev', of((o) => o.scenario.added === 2 && o.split === 'dev')], ['s2 heldout', of((o) => o.scenario.added === 2 && o.split === 'heldout')],
    ['s3 dev', of((o) => o.scenario.added === 3 && o.split === 'dev')], ['s3 heldout', of((o) => o.scenario.added === 3 && o.split === 'heldout')]]);
  const times = outcomes.filter((o) => o.report).map((o) => o.seconds);
  console.log(`\nseconds per simulated proposal (fork reset, vote, queue, timelock, execute, checks): mean ${(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)).toFixed(2)}, max ${Math.max(...times).toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(3);
});
