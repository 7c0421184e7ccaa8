import { readFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import type { Finding, Severity } from '../../core/finding.js';
import type { FileReport } from '../audit-file.js';
import type { AuditSummary } from './summary.js';

const SEVERITY_STYLE: Record<Severity, (s: string) => string> = {
  critical: (s) => pc.bold(pc.bgRed(pc.white(s))),
  high: (s) => pc.bold(pc.red(s)),
  medium: (s) => pc.yellow(s),
  low: (s) => pc.cyan(s),
  info: (s) => pc.dim(s),
};

/** The terminal report: findings grouped by file, each with its code excerpt, then a summary. */
export function toTextReport(reports: FileReport[], summary: AuditSummary, cwd: string, options: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  for (const r of reports) {
    const problems = r.diagnostics.filter((d) => options.verbose || d.severity === 'error');
    if (r.findings.length === 0 && problems.length === 0) continue;
    out.push('');
    out.push(pc.bold(pc.underline(r.file)) + pc.dim(`  ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}`));
    for (const d of problems) out.push(`  ${d.severity === 'error' ? pc.red('✖ error') : pc.yellow('⚠ warning')} ${d.message}`);
    const lines = sourceLines(r.file, cwd);
    for (const f of r.findings) out.push(...formatFinding(f, lines));
  }
  out.push('');
  out.push(formatSummary(summary));
  return out.join('\n');
}

function sourceLines(file: string, cwd: string): string[] | null {
  if (file.includes('#')) return null;
  try {
    return readFileSync(path.resolve(cwd, file), 'utf8').split('\n');
  } catch {
    return null;
  }
}

function formatFinding(f: Finding, lines: string[] | null): string[] {
  const s = f.subject.kind === 'source' ? f.subject : null;
  const where = s ? `${s.startLine}:${s.startColumn}` : '';
  const scope = s?.contract ? pc.dim(` ${s.contract}${s.function ? '.' + s.function : ''}`) : '';
  const out = [
    '',
    `  ${SEVERITY_STYLE[f.severity](f.severity.toUpperCase().padEnd(8))} ${pc.bold(f.title)} ${pc.dim(`[${f.detector}]`)} ${pc.dim(where)}${scope}`,
    `  ${pc.dim(f.tags.join(' '))}  ${pc.dim(`confidence ${f.confidence.toFixed(2)}`)}`,
    `  ${f.explanation}`,
  ];
  if (s && lines) {
    const from = Math.max(1, s.startLine);
    const to = Math.min(lines.length, s.endLine, s.startLine + 4);
    const width = String(to).length;
    for (let n = from; n <= to; n++) {
      out.push(`  ${pc.dim(String(n).padStart(width) + ' │')} ${pc.white((lines[n - 1] ?? '').replace(/\r$/, '').replace(/\t/g, '  '))}`);
    }
    if (s.endLine > to) out.push(`  ${pc.dim(' '.repeat(width) + ' │ …')}`);
  }
  if (f.recommendation) out.push(`  ${pc.green('fix:')} ${f.recommendation}`);
  return out;
}

function formatSummary(s: AuditSummary): string {
  const sev = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((k) => s.bySeverity[k] > 0)
    .map((k) => SEVERITY_STYLE[k](`${s.bySeverity[k]} ${k}`))
    .join(', ');
  const rate = s.millis > 0 ? ` (${((s.files / s.millis) * 1000).toFixed(0)} files/s)` : '';
  const parse = s.failedToParse > 0 ? pc.yellow(`, ${s.failedToParse} with syntax errors`) : '';
  return `${pc.bold('Argus audit')}: ${s.files} file${s.files === 1 ? '' : 's'}, ${s.lines} lines in ${(s.millis / 1000).toFixed(2)} s${rate}${parse}; ${s.findings} finding${s.findings === 1 ? '' : 's'}${sev ? ': ' + sev : ''}`;
}
