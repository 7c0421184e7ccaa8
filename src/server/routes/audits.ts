/** POST /audits (audit Solidity sources), GET /audits (the kept ones) and GET /audits/{id}. */
import { randomUUID } from 'node:crypto';
import { analyzeUnits } from '../../audit/analyze.js';
import type { FileReport } from '../../audit/audit-file.js';
import { toJsonReport } from '../../audit/report/json.js';
import { summarize } from '../../audit/report/summary.js';
import { parseUnit } from '../../solidity/sources.js';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { VERSION } from '../../core/version.js';
import type { AuditCreated, AuditList, AuditRecord, AuditReport, AuditRequest, SourceFile } from '../api-types.js';
import type { RouteContext } from '../context.js';
import { HttpError } from '../http.js';

export const MAX_AUDIT_FILES = 100;
/** Audit reports kept for GET /audits/:id (oldest forgotten first). */
export const KEPT_AUDITS = 200;

/** Audits in-memory sources the way `argus audit` audits files: the other files give inheritance context. */
export async function auditSources(files: readonly SourceFile[]): Promise<AuditReport> {
  const paths = new Set<string>();
  for (const f of files) {
    if (paths.has(f.path)) throw new ArgusError(ERROR_CODES.USAGE, `body/files: path '${f.path}' given twice`, { path: f.path });
    paths.add(f.path);
  }
  const started = performance.now();
  const units = await Promise.all(files.map((f) => parseUnit(f.path, f.content)));
  const reports: FileReport[] = units.map((unit) => {
    const t0 = performance.now();
    const { findings, diagnostics } = analyzeUnits(unit.path, [unit], units.filter((u) => u !== unit));
    for (const problem of unit.problems.slice(0, 5)) {
      diagnostics.push({ file: unit.path, severity: 'error', code: ERROR_CODES.PARSE, message: `${unit.path}:${problem.line}:${problem.column}: syntax error`, line: problem.line, column: problem.column });
    }
    return {
      file: unit.path,
      parsed: unit.problems.length === 0,
      analysed: !diagnostics.some((d) => d.code === 'ARGUS_TOO_DEEP'),
      findings,
      diagnostics,
      lines: unit.text.split('\n').length,
      contracts: 0,
      millis: performance.now() - t0,
    };
  });
  // The JSON report is made of these (src/server/api-contract.ts checks their types against AuditReport's).
  return JSON.parse(toJsonReport(reports, summarize(reports, Math.round(performance.now() - started)), VERSION)) as AuditReport;
}

export function auditRoutes({ app, prefix, authed, options }: RouteContext): void {
  const kept = new Map<string, AuditRecord>();
  const reportSchema = { type: 'object', additionalProperties: true };
  const filesSchema = { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } } } };
  const maxContent = options.bodyLimit ?? 2 * 1024 * 1024;

  app.post<{ Body: AuditRequest }>(
    `${prefix}/audits`,
    {
      schema: {
        summary: `Audit Solidity sources (synchronous); the report is also kept for GET /audits/{id} (the last ${KEPT_AUDITS})`,
        tags: ['audit'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_AUDIT_FILES,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['path', 'content'],
                properties: {
                  path: { type: 'string', minLength: 1, maxLength: 300, pattern: '^[^\\u0000-\\u001f]+$', description: 'a name for the file, as shown in findings' },
                  content: { type: 'string', maxLength: maxContent, description: 'Solidity source text' },
                },
              },
            },
          },
        },
        response: { 200: { type: 'object', required: ['id', 'report'], properties: { id: { type: 'string' }, report: reportSchema } } },
      },
      config: authed,
    },
    async (request): Promise<AuditCreated> => {
      const files = request.body.files;
      const report = await auditSources(files);
      const id = randomUUID();
      kept.set(id, { id, createdAt: new Date().toISOString(), report, files });
      if (kept.size > KEPT_AUDITS) kept.delete(kept.keys().next().value as string);
      return { id, report };
    },
  );

  app.get(
    `${prefix}/audits`,
    {
      schema: {
        summary: 'The audits kept in memory, newest first (they hold submitted source, so a key is needed)',
        tags: ['audit'],
        response: {
          200: {
            type: 'object',
            required: ['audits'],
            properties: {
              audits: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { id: { type: 'string' }, createdAt: { type: 'string' }, files: { type: 'array', items: { type: 'string' } }, findings: { type: 'integer' }, bySeverity: { type: 'object', additionalProperties: { type: 'integer' } } },
                },
              },
            },
          },
        },
      },
      config: authed,
    },
    async (): Promise<AuditList> => ({
      audits: [...kept.values()].reverse().map((a) => ({
        id: a.id,
        createdAt: a.createdAt,
        files: a.files.map((f) => f.path),
        findings: a.report.summary.findings,
        bySeverity: a.report.summary.bySeverity,
      })),
    }),
  );

  app.get<{ Params: { id: string } }>(
    `${prefix}/audits/:id`,
    {
      schema: {
        summary: 'A report from POST /audits with the sources it is about',
        tags: ['audit'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'object', required: ['id', 'report', 'files'], properties: { id: { type: 'string' }, createdAt: { type: 'string' }, report: reportSchema, files: filesSchema } } },
      },
    },
    async (request): Promise<AuditRecord> => {
      const audit = kept.get(request.params.id);
      if (audit === undefined) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no audit ${request.params.id} (reports are kept in memory, the last ${KEPT_AUDITS})`);
      return audit;
    },
  );
}
