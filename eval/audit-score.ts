import os from 'node:os';
import type { Finding } from '../src/core/finding.js';
import { auditFiles } from '../src/audit/runner.js';
import type { FileReport } from '../src/audit/audit-file.js';
import { removeBlindCopies, smartbugsCurated, swcRegistry } from './datasets.js';

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

async function run(files: string[]): Promise<Map<string, FileReport>> {
  const reports = await auditFiles(files, { cwd: os.tmpdir(), maxFileBytes: 8 * 1024 * 1024, exclude: [], workers: 0 });
  return new Map(files.map((f, i) => [f, reports[i]!]));
}

export async function evaluateAudit() {
  const started = performance.now();
  // --- SmartBugs curated ---
  // The blind copies in the temp folder are only read by the audits: removed once both have run.
  const curated = smartbugsCurated();
  const swc = swcRegistry();
  let curatedReports: Map<string, FileReport>;
  let swcReports: Map<string, FileReport>;
  try {
    curatedReports = await run(curated.map((c) => c.blindPath));
    swcReports = await run(swc.map((c) => c.blindPath));
  } finally {
    removeBlindCopies();
  }
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
    misses,
    offLabel,
    result: {
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
    },
  };
}

export type AuditEvalResult = Awaited<ReturnType<typeof evaluateAudit>>['result'];
