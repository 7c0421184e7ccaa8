import type { Finding, Severity } from '../../core/finding.js';
import { SEVERITIES } from '../../core/finding.js';
import type { FileReport } from '../audit-file.js';

export interface AuditSummary {
  files: number;
  parsed: number;
  failedToParse: number;
  notAnalysed: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  byDetector: Record<string, number>;
  lines: number;
  millis: number;
}

export function summarize(reports: FileReport[], millis: number): AuditSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byDetector: Record<string, number> = {};
  let findings = 0;
  for (const r of reports) {
    for (const f of r.findings) {
      findings++;
      bySeverity[f.severity]++;
      byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1;
    }
  }
  return {
    files: reports.length,
    parsed: reports.filter((r) => r.parsed).length,
    failedToParse: reports.filter((r) => !r.parsed).length,
    notAnalysed: reports.filter((r) => !r.analysed).length,
    findings,
    bySeverity,
    byDetector,
    lines: reports.reduce((n, r) => n + r.lines, 0),
    millis,
  };
}

export function allFindings(reports: FileReport[]): Finding[] {
  return reports.flatMap((r) => r.findings);
}
