import type { FileReport } from '../audit-file.js';
import type { AuditSummary } from './summary.js';

/** The `--format json` document: stable keys, one entry per file, findings in the shared shape. */
export function toJsonReport(reports: FileReport[], summary: AuditSummary, version: string): string {
  return JSON.stringify(
    {
      tool: { name: 'argus', version },
      summary,
      files: reports.map((r) => ({ file: r.file, parsed: r.parsed, analysed: r.analysed, lines: r.lines, diagnostics: r.diagnostics, findings: r.findings })),
    },
    null,
    2,
  );
}
