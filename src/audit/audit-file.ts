import path from 'node:path';
import type { Finding } from '../core/finding.js';
import { ArgusError, ERROR_CODES, toArgusError } from '../core/errors.js';
import { analyzeUnits, type Diagnostic } from './analyze.js';
import { loadCompilationUnit, type ReadWarning } from '../solidity/sources.js';
import { selectDetectors } from './detectors/index.js';
import { loadAuditModel, type AuditModelFile } from './learned/model.js';

export interface FileAuditOptions {
  cwd: string;
  maxFileBytes: number;
  exclude: string[];
  /** Optional detectors to turn on (`all` for every one). */
  include?: string[];
  /** Rules only: do not run the learned model (`--no-model`). */
  noModel?: boolean;
}

export interface FileReport {
  /** Path as shown to users: relative to the working directory when inside it. */
  file: string;
  /** Parsed without syntax errors (recovered missing tokens such as pre-0.4 `_` do not count). */
  parsed: boolean;
  /** Audited at all (false when unreadable, binary, too large or too deep). */
  analysed: boolean;
  findings: Finding[];
  diagnostics: Diagnostic[];
  lines: number;
  contracts: number;
  millis: number;
}

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/** Audits one file; never throws: problems become diagnostics so that the batch goes on. */
export async function auditFile(file: string, options: FileAuditOptions): Promise<FileReport> {
  const started = performance.now();
  const shown = displayPath(file, options.cwd);
  const report: FileReport = { file: shown, parsed: false, analysed: false, findings: [], diagnostics: [], lines: 0, contracts: 0, millis: 0 };
  try {
    const warnings: ReadWarning[] = [];
    const { own, imported } = await loadCompilationUnit(file, shown, { maxFileBytes: options.maxFileBytes, cwd: options.cwd }, warnings);
    for (const w of warnings) report.diagnostics.push({ file: shown, severity: 'warning', code: ERROR_CODES.NOT_TEXT, message: w.message });
    let errors = 0;
    for (const unit of own) {
      report.lines += unit.text.split('\n').length;
      const lines = unit.text.split('\n');
      for (const p of unit.problems) {
        if (p.kind === 'missing' && isLegacyPlaceholder(lines, p.line, p.column, p.token)) {
          report.diagnostics.push({ file: unit.path, severity: 'warning', code: ERROR_CODES.PARSE, message: `${unit.path}:${p.line}:${p.column}: modifier placeholder \`_\` without ';' (pre-0.4 syntax), accepted`, line: p.line, column: p.column });
          continue;
        }
        errors++;
        if (errors <= 5) {
          const what = p.kind === 'missing' ? `syntax error: missing '${p.token}'` : `syntax error (lines ${p.line}-${p.endLine})`;
          report.diagnostics.push({ file: unit.path, severity: 'error', code: ERROR_CODES.PARSE, message: `${unit.path}:${p.line}:${p.column}: ${what}; analysed the rest of the file around it`, line: p.line, column: p.column });
        }
      }
      if (unit.root.children.length === 0 && unit.text.trim().length > 0 && errors === 0) errors++;
    }
    if (errors > 5) report.diagnostics.push({ file: shown, severity: 'error', code: ERROR_CODES.PARSE, message: `${shown}: ${errors - 5} more syntax errors` });
    if (own.every((u) => u.text.trim() === '')) {
      report.diagnostics.push({ file: shown, severity: 'warning', code: ERROR_CODES.NO_INPUT, message: `${shown} is empty` });
    }
    report.parsed = errors === 0;
    let model: AuditModelFile | null = null;
    if (!options.noModel) {
      try {
        model = loadAuditModel();
      } catch (error) {
        report.diagnostics.push({ file: shown, severity: 'warning', code: ERROR_CODES.INTERNAL, message: `learned model not used: ${toArgusError(error).message}` });
      }
    }
    const { findings, diagnostics } = analyzeUnits(shown, own, imported, { detectors: selectDetectors(options.include, options.exclude), model });
    report.findings = findings;
    report.diagnostics.push(...diagnostics);
    report.analysed = !diagnostics.some((d) => d.code === 'ARGUS_TOO_DEEP');
    report.contracts = own.reduce((n, u) => n + u.root.children.filter((c) => /declaration$/.test(c.type) && c.type !== 'import_directive').length, 0);
  } catch (error) {
    const e = error instanceof ArgusError ? error : toArgusError(error);
    report.diagnostics.push({ file: shown, severity: 'error', code: e.code, message: e.message });
  }
  report.millis = performance.now() - started;
  return report;
}

/** Solidity before 0.4 accepted a modifier's `_` without a semicolon; tree-sitter inserts the `;`. */
function isLegacyPlaceholder(lines: string[], line: number, column: number, token: string | undefined): boolean {
  if (token !== ';') return false;
  const before = (lines[line - 1] ?? '').slice(0, column - 1);
  return /(^|[\s{;])_\s*$/.test(before);
}
