import os from 'node:os';
import type { Finding } from '../src/core/finding.js';
import { auditFiles } from '../src/audit/runner.js';
import { isInformational } from '../src/audit/informational.js';
import type { FileReport } from '../src/audit/audit-file.js';
import { removeBlindCopies, smartbugsCurated, swcRegistry, type LabelledContract } from './datasets.js';
import { SOLHINT_VERSION, solhintFiles } from './solhint.js';

/**
 * Scores the auditor on SmartBugs curated (the ICSE 2020 rule: an entry is found when a finding of the
 * same DASP category touches one of its lines) and on the SWC registry (found per SWC id; findings of
 * the same SWC id on fixed twins are false positives). The auditor sees neutral file names and no labels.
 */

export function touches(f: Finding, lines: number[]): boolean {
  if (f.subject.kind !== 'source') return false;
  const { startLine, endLine } = f.subject;
  return lines.some((l) => l >= startLine && l <= endLine);
}

export const daspOf = (f: Finding): string => f.tags.find((t) => t.startsWith('DASP:'))?.slice(5) ?? 'other';

/** A finding as the curated score reads it, from any tool: its DASP categories and its lines. */
export interface ScoredFinding {
  categories: string[];
  startLine: number;
  endLine: number;
  /** What found it, for --details (a detector id or a Solhint rule). */
  by: string;
}

const argusScored = (f: Finding): ScoredFinding[] => (f.subject.kind === 'source' ? [{ categories: [daspOf(f)], startLine: f.subject.startLine, endLine: f.subject.endLine, by: f.detector }] : []);

const touchesScored = (f: ScoredFinding, lines: number[]) => lines.some((l) => l >= f.startLine && l <= f.endLine);

/**
 * The ICSE 2020 rule on SmartBugs curated, for any tool's findings (one list per contract, in order):
 * recall per category, and the share of findings that land on a labelled line of one of their categories.
 */
export function scoreCurated(curated: LabelledContract[], findings: ScoredFinding[][]) {
  const perCategory = new Map<string, { total: number; found: number }>();
  let onLabel = 0;
  let totalFindings = 0;
  const misses: string[] = [];
  const offLabel: string[] = [];
  curated.forEach((c, i) => {
    const mine = findings[i] ?? [];
    for (const e of c.entries) {
      const stat = perCategory.get(e.category) ?? { total: 0, found: 0 };
      stat.total++;
      if (mine.some((f) => f.categories.includes(e.category) && touchesScored(f, e.lines))) stat.found++;
      else misses.push(`${e.category.padEnd(26)} ${c.originalPath}:${e.lines.join(',')}`);
      perCategory.set(e.category, stat);
    }
    for (const f of mine) {
      totalFindings++;
      if (c.entries.some((e) => f.categories.includes(e.category) && touchesScored(f, e.lines))) onLabel++;
      else offLabel.push(`${f.by.padEnd(34)} ${c.originalPath}:${f.startLine}`);
    }
  });
  const entries = [...perCategory.values()].reduce((a, s) => ({ total: a.total + s.total, found: a.found + s.found }), { total: 0, found: 0 });
  return {
    misses,
    offLabel,
    score: {
      entries: entries.total,
      found: entries.found,
      recall: entries.found / entries.total,
      perCategory: Object.fromEntries([...perCategory.entries()].sort().map(([k, v]) => [k, { ...v, recall: v.found / v.total }])),
      findings: totalFindings,
      onLabelledLine: onLabel,
      onLabelledLineShare: totalFindings ? onLabel / totalFindings : 0,
    },
  };
}

async function run(files: string[]): Promise<Map<string, FileReport>> {
  const reports = await auditFiles(files, { cwd: os.tmpdir(), maxFileBytes: 8 * 1024 * 1024, exclude: [], workers: 0 });
  return new Map(files.map((f, i) => [f, reports[i]!]));
}

export async function evaluateAudit() {
  const started = performance.now();
  // --- SmartBugs curated: Argus, then Solhint on the same files in the same run, then both together ---
  const curated = smartbugsCurated();
  const curatedReports = await run(curated.map((c) => c.blindPath));
  const argusFindings = curated.map((c) => curatedReports.get(c.blindPath)!.findings.flatMap(argusScored));
  const argus = scoreCurated(curated, argusFindings);
  // The default output hides informational findings (src/audit/informational.ts); --informational shows them.
  const argusDefault = scoreCurated(curated, curated.map((c) => curatedReports.get(c.blindPath)!.findings.filter((f) => !isInformational(f)).flatMap(argusScored)));
  const solhintRun = solhintFiles(curated.map((c) => c.blindPath));
  const solhintFindings = solhintRun.results.map((r) => r.findings.map((f) => ({ categories: f.categories, startLine: f.line, endLine: f.line, by: `solhint/${f.rule}` })));
  const solhint = scoreCurated(curated, solhintFindings);
  const both = scoreCurated(curated, argusFindings.map((a, i) => [...a, ...(solhintFindings[i] ?? [])]));

  // --- SWC registry ---
  const swc = swcRegistry();
  const swcReports = await run(swc.map((c) => c.blindPath));
  // The blind copies in the temp folder were read by Argus and Solhint; nothing else needs them.
  removeBlindCopies();
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

  return {
    misses: argusDefault.misses,
    offLabel: argusDefault.offLabel,
    result: {
      date: new Date().toISOString().slice(0, 10),
      smartbugsCurated: {
        contracts: curated.length,
        parsed: parsedCurated,
        // As `argus audit` reports by default: informational findings hidden.
        ...argusDefault.score,
        /** The same run with --informational: every finding. */
        withInformational: { found: argus.score.found, findings: argus.score.findings, onLabelledLine: argus.score.onLabelledLine, onLabelledLineShare: argus.score.onLabelledLineShare },
      },
      solhintOnCurated: {
        version: SOLHINT_VERSION,
        parsed: solhintRun.results.filter((r) => r.parsed).length,
        seconds: solhintRun.seconds,
        ...solhint.score,
      },
      argusAndSolhintOnCurated: both.score,
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
    },
  };
}

export type AuditEvalResult = Awaited<ReturnType<typeof evaluateAudit>>['result'];
