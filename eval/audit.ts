import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import type { Finding } from '../src/core/finding.js';
import { auditFiles } from '../src/audit/runner.js';
import type { FileReport } from '../src/audit/audit-file.js';
import { smartbugsCurated, swcRegistry } from './datasets.js';

/**
 * `npm run eval:audit`: recall per DASP category on SmartBugs curated (the ICSE 2020 rule: an entry is
 * found when a finding of the same category touches one of its lines), the share of findings that land
 * on a labelled line, and found/missed per SWC id on the SWC registry with findings on fixed twins
 * counted as false positives. The auditor sees neutral file names and no labels.
 *
 * Flags: --json (machine-readable), --details (list misses and off-label findings).
 */

const args = new Set(process.argv.slice(2));
const asJson = args.has('--json');
const details = args.has('--details');

function touches(f: Finding, lines: number[]): boolean {
  if (f.subject.kind !== 'source') return false;
  const { startLine, endLine } = f.subject;
  return lines.some((l) => l >= startLine && l <= endLine);
}

const daspOf = (f: Finding) => f.tags.find((t) => t.startsWith('DASP:'))?.slice(5) ?? 'other';

async function run(files: string[]): Promise<Map<string, FileReport>> {
  const reports = await auditFiles(files, { cwd: os.tmpdir(), maxFileBytes: 8 * 1024 * 1024, exclude: [], workers: 0 });
  return new Map(files.map((f, i) => [f, reports[i]!]));
}

async function main(): Promise<void> {
  const started = performance.now();
  // --- SmartBugs curated ---
  const curated = smartbugsCurated();
  const curatedReports = await run(curated.map((c) => c.blindPath));
  const perCategory = new Map<string, { total: number; found: number }>();
  let onLabel = 0;
  let totalFindings = 0;
  const misses: string[] = [];
  const offLabel: string[] = [];
  for (const c of curated) {
    const report = curatedReports.get(c.blindPath)!;
    for (const e of c.entries) {
      const stat = perCategory.get(e.category) ?? { total: 0, found: 0 };
      stat.total++;
      const hit = report.findings.some((f) => daspOf(f) === e.category && touches(f, e.lines));
      if (hit) stat.found++;
      else misses.push(`${e.category.padEnd(26)} ${c.originalPath}:${e.lines.join(',')}`);
      perCategory.set(e.category, stat);
    }
    for (const f of report.findings) {
      totalFindings++;
      const labelled = c.entries.some((e) => e.category === daspOf(f) && touches(f, e.lines));
      if (labelled) onLabel++;
      else if (f.subject.kind === 'source') offLabel.push(`${f.detector.padEnd(34)} ${c.originalPath}:${f.subject.startLine}`);
    }
  }
  const entries = [...perCategory.values()].reduce((a, s) => ({ total: a.total + s.total, found: a.found + s.found }), { total: 0, found: 0 });

  // --- SWC registry ---
  const swc = swcRegistry();
  const swcReports = await run(swc.map((c) => c.blindPath));
  const perSwc = new Map<string, { cases: number; found: number; fixedCases: number; falsePositives: number }>();
  const bump = (id: string) => {
    const s = perSwc.get(id) ?? { cases: 0, found: 0, fixedCases: 0, falsePositives: 0 };
    perSwc.set(id, s);
    return s;
  };
  let fixedFindings = 0;
  let fixedFiles = 0;
  for (const c of swc) {
    const report = swcReports.get(c.blindPath)!;
    for (const issue of c.issues) {
      const s = bump(issue.swc);
      s.cases++;
      const hit = report.findings.some((f) => f.tags.includes(issue.swc) && (issue.lines.length === 0 || touches(f, issue.lines)));
      if (hit) s.found++;
    }
    if (c.issues.length === 0 && c.fixedOf.length > 0) {
      fixedFiles++;
      fixedFindings += report.findings.length;
      for (const id of c.fixedOf) {
        const s = bump(id);
        s.fixedCases++;
        s.falsePositives += report.findings.filter((f) => f.tags.includes(id)).length;
      }
    }
  }
  const swcTotals = [...perSwc.values()].reduce((a, s) => ({ cases: a.cases + s.cases, found: a.found + s.found, fp: a.fp + s.falsePositives }), { cases: 0, found: 0, fp: 0 });
  const parsedCurated = [...curatedReports.values()].filter((r) => r.parsed).length;
  const seconds = (performance.now() - started) / 1000;

  const result = {
    date: new Date().toISOString().slice(0, 10),
    smartbugsCurated: {
      contracts: curated.length,
      parsed: parsedCurated,
      entries: entries.total,
      found: entries.found,
      recall: entries.found / entries.total,
      perCategory: Object.fromEntries([...perCategory.entries()].sort().map(([k, v]) => [k, { ...v, recall: v.found / v.total }])),
      findings: totalFindings,
      onLabelledLine: onLabel,
      onLabelledLineShare: totalFindings ? onLabel / totalFindings : 0,
    },
    swcRegistry: {
      cases: swc.length,
      labelled: swcTotals.cases,
      found: swcTotals.found,
      recall: swcTotals.found / Math.max(1, swcTotals.cases),
      fixedTwins: fixedFiles,
      findingsOnFixedTwins: fixedFindings,
      sameSwcFalsePositivesOnFixedTwins: swcTotals.fp,
      perSwc: Object.fromEntries([...perSwc.entries()].sort()),
    },
    seconds,
  };
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
  console.log(pc.dim(`\n${seconds.toFixed(1)} s, ${os.availableParallelism()} cores, ${new Date().toISOString()}`));
  if (details) {
    console.log(pc.bold('\nMissed entries:'));
    for (const m of misses) console.log('  ' + m);
    console.log(pc.bold('\nFindings off labelled lines:'));
    for (const m of offLabel) console.log('  ' + m);
  }
  void path;
}

await main();
