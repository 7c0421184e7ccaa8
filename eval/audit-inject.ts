import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import { auditFiles } from '../src/audit/runner.js';
import { BUG_CLASSES, type BugClass } from './inject/families.js';
import { type InjectionScore, type Tally } from './inject/score.js';
import { wildContractsDir } from './inject/generate.js';
import { ROOT } from './posts-data.js';

/**
 * The generalisation part of `npm run eval:audit` (issue 15): the injection benchmark per class —
 * first-contact (recorded before any tuning, eval/inject/first-contact.json), development and held-out
 * families now — and the false-positive side: each detector's flag rate on the wild sample as it is.
 */

export interface FirstContact extends InjectionScore {
  date: string;
  commit: string;
}

export function firstContact(): FirstContact | null {
  const file = path.join(ROOT, 'eval', 'inject', 'first-contact.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FirstContact) : null;
}

export async function wildFlagRates(): Promise<{ files: number; crashed: number; seconds: number; perDetector: Record<string, number> }> {
  const dir = wildContractsDir();
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.sol'))
    .sort()
    .map((n) => path.join(dir, n));
  const started = performance.now();
  const reports = await auditFiles(files, { cwd: os.tmpdir(), maxFileBytes: 8 * 1024 * 1024, exclude: [], workers: 0 });
  const seconds = (performance.now() - started) / 1000;
  const perDetector = new Map<string, number>();
  let crashed = 0;
  for (const r of reports) {
    if (r.diagnostics.some((d) => d.code === 'ARGUS_DETECTOR_FAILED' || d.code === 'ARGUS_INTERNAL')) crashed++;
    for (const d of new Set(r.findings.map((f) => f.detector))) perDetector.set(d, (perDetector.get(d) ?? 0) + 1);
  }
  return { files: files.length, crashed, seconds, perDetector: Object.fromEntries([...perDetector.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) };
}

const pct = (t: Tally) => (t.total ? ((100 * t.found) / t.total).toFixed(1) + '%' : '-');
const cell = (t: Tally) => `${String(t.found).padStart(4)}/${String(t.total).padEnd(4)} ${pct(t).padStart(6)}`;

const add = (...ts: Tally[]): Tally => ({ found: ts.reduce((a, x) => a + x.found, 0), total: ts.reduce((a, x) => a + x.total, 0) });

/** Round 2's first contact (eval/inject/first-contact-r2.json), recorded when round 2 was frozen. */
export function firstContactR2(): FirstContact | null {
  const file = path.join(ROOT, 'eval', 'inject', 'first-contact-r2.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FirstContact) : null;
}

export function printInjection(score: InjectionScore, first: FirstContact | null, opts: { devOnly?: boolean; families?: boolean; firstR2?: FirstContact | null } = {}): void {
  const firstR2 = opts.firstR2 === undefined ? firstContactR2() : opts.firstR2;
  console.log(pc.bold(`\nInjection benchmark (SolidiFI method; eval/inject): ${score.files} wild-sample contracts, ${score.bugs} injected bugs, ${score.crashed} crashed`));
  console.log(pc.yellow('  Two rounds of families. Round 1 (session 1): its held-out families were SEEN in session 1 (their scores were read), so they are development now ("r1 held-out, seen").'));
  console.log(pc.yellow('  Round 2 (families-r2.ts): frozen before any rule change; every third family per class is held out and never tuned on. First contact: before any tuning, per round.'));
  const head = opts.devOnly
    ? `  ${'class'.padEnd(22)} ${'r2 first-contact'.padStart(17)}   ${'development'.padStart(17)}`
    : `  ${'class'.padEnd(22)} ${'r1 first-contact'.padStart(17)}   ${'r2 first-contact'.padStart(17)}   ${'development'.padStart(17)}   ${'r1 held-out, seen'.padStart(17)}   ${'r2 held-out (floor 90%)'.padStart(23)}`;
  console.log(pc.dim(head));
  for (const cls of BUG_CLASSES) {
    const s = score.perClass[cls];
    const g = score.perGroup[cls];
    const f = first?.perClass[cls as BugClass];
    const f1 = f ? add(f.dev, f.heldout) : { found: 0, total: 0 };
    const f2g = firstR2?.perGroup?.[cls as BugClass];
    const f2 = f2g ? add(f2g['r2-dev'], f2g['r2-heldout']) : { found: 0, total: 0 };
    const held = s.heldout;
    const colour = held.total && held.found / held.total >= 0.9 ? pc.green : pc.red;
    if (opts.devOnly) console.log(`  ${cls.padEnd(22)} ${cell(f2)}   ${cell(s.dev)}`);
    else console.log(`  ${cls.padEnd(22)} ${cell(f1)}   ${cell(f2)}   ${cell(s.dev)}   ${cell(g['r1-seen'])}   ${colour(cell(held)).padStart(23)}`);
  }
  if (!opts.devOnly && firstR2?.perGroup) {
    console.log(pc.dim('  round 2 at first contact, development / held-out part:'));
    for (const cls of BUG_CLASSES) {
      const g = firstR2.perGroup[cls as BugClass];
      console.log(pc.dim(`    ${cls.padEnd(20)} r2 dev ${cell(g['r2-dev'])}   r2 held-out ${cell(g['r2-heldout'])}`));
    }
  }
  if (first) console.log(pc.dim(`  r1 first-contact recorded on ${first.date} at commit ${first.commit}`));
  if (firstR2) console.log(pc.dim(`  r2 first-contact recorded on ${firstR2.date} at commit ${firstR2.commit}`));
  if (opts.families) {
    console.log(pc.bold('  development families not fully found:'));
    for (const [id, t] of Object.entries(score.perFamily)) if (t.split === 'dev' && t.found < t.total) console.log(`    ${id.padEnd(44)} ${cell(t)}`);
  }
}

export function printWild(w: Awaited<ReturnType<typeof wildFlagRates>>): void {
  console.log(pc.bold(`\nFalse positives: files flagged per detector on the wild sample as it is (${w.files} files, ${w.crashed} crashed, ${(w.files / w.seconds).toFixed(0)} files/s)`));
  for (const [d, n] of Object.entries(w.perDetector)) console.log(`  ${d.padEnd(40)} ${String(n).padStart(5)}  ${((100 * n) / w.files).toFixed(1)}%`);
}
