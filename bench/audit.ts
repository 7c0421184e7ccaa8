import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import { auditFiles } from '../src/audit/runner.js';
import type { FileReport } from '../src/audit/audit-file.js';
import { datasetsRoot, removeBlindCopies, smartbugsCurated } from '../eval/datasets.js';
import { SLITHER_CURATED } from '../eval/peers.js';
import { SOLHINT_VERSION, solhintFiles } from '../eval/solhint.js';

/**
 * `npm run bench:audit`: the whole audit of SmartBugs curated and of the 2,000-contract wild sample,
 * on every core and on one, in one run (so the ratio holds on a noisy shared machine): files per
 * second, contracts, peak memory, files with syntax errors, files the run could not analyse; Solhint on
 * the same files in the same run, and the ratio; Slither's published time, labelled as measured elsewhere.
 *
 * Flags: --json, --quick (wild sample only once, all cores; no Solhint on it), --solhint-all (Solhint on
 * all 2,000 wild files: about ten minutes on one thread; by default every tenth file).
 */

const args = new Set(process.argv.slice(2));

interface BenchRow {
  corpus: string;
  workers: number | 'all';
  files: number;
  contracts: number;
  lines: number;
  seconds: number;
  filesPerSecond: number;
  parsed: number;
  withSyntaxErrors: number;
  notAnalysed: number;
  crashed: number;
  findings: number;
}

async function bench(corpus: string, files: string[], workers: number): Promise<{ row: BenchRow; reports: FileReport[] }> {
  const started = performance.now();
  const reports = await auditFiles(files, { cwd: process.cwd(), maxFileBytes: 8 * 1024 * 1024, exclude: [], workers });
  const seconds = (performance.now() - started) / 1000;
  const row: BenchRow = {
    corpus,
    workers: workers === 0 ? 'all' : workers,
    files: files.length,
    contracts: reports.reduce((n, r) => n + r.contracts, 0),
    lines: reports.reduce((n, r) => n + r.lines, 0),
    seconds,
    filesPerSecond: files.length / seconds,
    parsed: reports.filter((r) => r.parsed).length,
    withSyntaxErrors: reports.filter((r) => !r.parsed).length,
    notAnalysed: reports.filter((r) => !r.analysed).length,
    crashed: reports.filter((r) => r.diagnostics.some((d) => d.code === 'ARGUS_INTERNAL' || d.code === 'ARGUS_DETECTOR_FAILED')).length,
    findings: reports.reduce((n, r) => n + r.findings.length, 0),
  };
  return { row, reports };
}

async function main(): Promise<void> {
  const root = datasetsRoot();
  const wildDir = path.join(root, 'smartbugs-wild-sample', 'contracts');
  const wild = readdirSync(wildDir).filter((f) => f.endsWith('.sol')).map((f) => path.join(wildDir, f));
  const curated = smartbugsCurated().map((c) => c.blindPath);
  const rows: BenchRow[] = [];
  const syntaxErrorFiles: string[] = [];
  rows.push((await bench('smartbugs-curated', curated, 0)).row);
  const wildAll = await bench('smartbugs-wild-sample', wild, 0);
  rows.push(wildAll.row);
  for (const r of wildAll.reports) if (!r.parsed) syntaxErrorFiles.push(r.file);
  if (!args.has('--quick')) rows.push((await bench('smartbugs-wild-sample', wild, 1)).row);
  // Solhint (security rules) on the same files in the same run, one thread: it has no worker mode.
  // On the wild sample every tenth file (sorted by name) by default: Solhint's parser takes minutes over
  // all of it, and a per-file rate needs no more. The output says which share it ran on.
  const wildForSolhint = args.has('--solhint-all') ? wild : wild.filter((_, i) => i % 10 === 0);
  const solhint = [
    { corpus: 'smartbugs-curated', files: curated, of: curated.length },
    ...(args.has('--quick') ? [] : [{ corpus: 'smartbugs-wild-sample', files: wildForSolhint, of: wild.length }]),
  ].map(({ corpus, files, of }) => {
    const { results, seconds } = solhintFiles(files);
    return { corpus, files: files.length, of, seconds, crashed: results.filter((r) => r.crashed).length };
  });
  // The curated blind copies in the temp folder were read by Argus and Solhint; nothing else needs them.
  removeBlindCopies();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  // How often each detector fires on real code: a detector on most contracts is noise.
  const flagRate: Record<string, number> = {};
  for (const r of wildAll.reports) for (const d of new Set(r.findings.map((f) => f.detector))) flagRate[d] = (flagRate[d] ?? 0) + 1;
  const result = { date: new Date().toISOString(), cores: os.availableParallelism(), node: process.version, peakRssMb, rows, solhint: { version: SOLHINT_VERSION, rows: solhint }, syntaxErrorFiles, wildFilesFlaggedPerDetector: flagRate };
  if (args.has('--json')) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  console.log(pc.bold(`Argus audit benchmark — ${result.cores} cores, Node ${result.node}, ${result.date}`));
  console.log('corpus                   workers  files  contracts   lines    seconds  files/s  parsed   syntax-err  not-analysed  crashed  findings');
  for (const r of rows) {
    console.log(
      `${r.corpus.padEnd(24)} ${String(r.workers).padStart(7)} ${String(r.files).padStart(6)} ${String(r.contracts).padStart(10)} ${String(r.lines).padStart(8)} ${r.seconds.toFixed(2).padStart(9)} ${r.filesPerSecond.toFixed(0).padStart(8)} ${(((100 * r.parsed) / r.files).toFixed(2) + '%').padStart(8)} ${String(r.withSyntaxErrors).padStart(11)} ${String(r.notAnalysed).padStart(13)} ${String(r.crashed).padStart(8)} ${String(r.findings).padStart(9)}`,
    );
  }
  const one = rows.find((r) => r.corpus === 'smartbugs-wild-sample' && r.workers === 1);
  if (one) console.log(`speed-up of all cores over one on the wild sample: ${(wildAll.row.filesPerSecond / one.filesPerSecond).toFixed(2)}x`);
  console.log(`peak memory (RSS, main thread and workers): ${peakRssMb.toFixed(0)} MB`);
  for (const sh of solhint) {
    const same = rows.filter((r) => r.corpus === sh.corpus);
    const ratios = same.map((r) => `${(r.filesPerSecond / (sh.files / sh.seconds)).toFixed(1)}x with ${r.workers === 'all' ? 'all cores' : `${r.workers} worker`}`).join(', ');
    const share = sh.files === sh.of ? '' : ` (${sh.files} of its ${sh.of} files: every tenth; argus's rate is over all of them)`;
    console.log(`Solhint ${SOLHINT_VERSION} (security rules, one thread), measured in this run on ${sh.corpus}${share}: ${sh.seconds.toFixed(2)} s, ${(sh.files / sh.seconds).toFixed(1)} files/s, ${sh.crashed} files it threw on; argus is ${ratios}`);
  }
  const sl = SLITHER_CURATED;
  const curatedAll = rows.find((r) => r.corpus === 'smartbugs-curated')!;
  console.log(`${sl.tool}, not run here: ${sl.secondsPerFile} s per curated file (${(1 / sl.secondsPerFile).toFixed(2)} files/s), measured elsewhere: ${sl.source}`);
  console.log(`  against this run's curated throughput that is ${(curatedAll.filesPerSecond * sl.secondsPerFile).toFixed(0)}x, a ratio across machines and runs, not a side-by-side measurement`);
  console.log(`wild-sample files flagged, per detector (of ${wild.length}):`);
  for (const [d, n] of Object.entries(flagRate).sort((a, b) => b[1] - a[1])) console.log(`  ${d.padEnd(36)} ${String(n).padStart(5)}  ${((100 * n) / wild.length).toFixed(1)}%`);
  if (syntaxErrorFiles.length) console.log(pc.dim(`files with syntax errors (parsed around them): ${syntaxErrorFiles.map((f) => path.basename(f)).join(', ')}`));
}

await main();
