import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadConfig } from '../core/config.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../core/logger.js';
import { ArgusError, ERROR_CODES, UsageError } from '../core/errors.js';
import { SEVERITIES, severityRank, type Severity } from '../core/finding.js';
import { VERSION } from '../core/version.js';
import { collectSolidityFiles, requireFiles } from '../audit/collect.js';
import { ALL_DETECTORS, selectDetectors } from '../audit/detectors/index.js';
import { toJsonReport } from '../audit/report/json.js';
import { toSarif } from '../audit/report/sarif.js';
import { allFindings, summarize } from '../audit/report/summary.js';
import { toTextReport } from '../audit/report/text.js';
import { auditFiles } from '../audit/runner.js';
import { isInformational } from '../audit/informational.js';
import { createProgress } from './progress.js';

export interface AuditCommandOptions {
  format: 'text' | 'json' | 'sarif';
  failOn?: string;
  output?: string;
  workers?: string;
  exclude?: string[];
  include?: string[];
  config?: string;
  minConfidence?: string;
  progress: boolean;
  /** False with --no-model: rules only. */
  model?: boolean;
  /** With --informational: code-quality findings too (src/audit/informational.ts). */
  informational?: boolean;
  verbose?: boolean;
  json?: boolean;
}

/** Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or no input. */
export async function runAudit(inputs: string[], opts: AuditCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const config = loadConfig(opts.config, cwd);
  const envLevel = process.env.ARGUS_LOG_LEVEL as LogLevel | undefined;
  const log = createLogger({ level: opts.verbose ? 'info' : envLevel && LOG_LEVELS.includes(envLevel) ? envLevel : config.logLevel });
  const format = opts.json ? 'json' : opts.format;
  const failOn = (opts.failOn ?? config.audit.failOn) as Severity | 'none';
  if (failOn !== 'none' && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} or none`);
  const workers = opts.workers !== undefined ? Number(opts.workers) : config.audit.workers;
  if (!Number.isInteger(workers) || workers < 0) throw new UsageError('--workers must be a whole number (0 = one per core)');
  const minConfidence = opts.minConfidence !== undefined ? Number(opts.minConfidence) : config.audit.minConfidence;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new UsageError('--min-confidence must be between 0 and 1');
  const known = new Set(ALL_DETECTORS.map((d) => d.meta.id));
  const exclude = [...config.audit.exclude, ...(opts.exclude ?? [])].map((e) => e.replace(/^audit\//, ''));
  const include = [...config.audit.include, ...(opts.include ?? [])].map((e) => e.replace(/^audit\//, ''));
  for (const e of exclude) if (!known.has(e)) throw new UsageError(`Unknown detector in --exclude: ${e} (see \`argus detectors\`)`);
  for (const e of include) if (e !== 'all' && !known.has(e)) throw new UsageError(`Unknown detector in --include: ${e} (see \`argus detectors\`)`);
  const detectors = selectDetectors(include, exclude);

  const collected = await collectSolidityFiles(inputs, cwd, config.audit.ignore);
  // Nothing at all to audit: one error that names every problem (main.ts prints it). Else each problem is
  // a warning, and the rest is audited.
  requireFiles(collected);
  for (const p of collected.problems) process.stderr.write(`argus: ${p.message}\n`);

  log.info('audit starting', { files: collected.files.length, detectors: detectors.length, workers: workers || 'one per core' });
  const progress = createProgress(opts.progress && format === 'text' && !opts.output);
  const started = performance.now();
  const reports = await auditFiles(collected.files, {
    cwd,
    maxFileBytes: config.audit.maxFileBytes,
    exclude,
    include,
    workers,
    noModel: opts.model === false,
    onProgress: (done, total, r) => progress.tick(done, total, r.file),
  });
  progress.stop();
  if (minConfidence > 0) for (const r of reports) r.findings = r.findings.filter((f) => f.confidence >= minConfidence);
  if (!opts.informational) for (const r of reports) r.findings = r.findings.filter((f) => !isInformational(f));
  const summary = summarize(reports, performance.now() - started);
  log.info('audit finished', { seconds: +(summary.millis / 1000).toFixed(2), findings: summary.findings, failedToParse: summary.failedToParse });
  const output =
    format === 'json' ? toJsonReport(reports, summary, VERSION) : format === 'sarif' ? toSarif(reports, detectors, VERSION) : toTextReport(reports, summary, cwd, { verbose: opts.verbose });
  if (opts.output) writeFileSync(opts.output, output + '\n');
  else process.stdout.write(output + '\n');
  if (format !== 'text') {
    for (const r of reports) for (const d of r.diagnostics) if (d.severity === 'error') process.stderr.write(`argus: ${d.message}\n`);
  }
  if (failOn === 'none') return 0;
  return allFindings(reports).some((f) => severityRank(f.severity) >= severityRank(failOn)) ? 1 : 0;
}

export function auditCommand(): Command {
  return new Command('audit')
    .description('audit Solidity files, folders or globs for vulnerabilities')
    .argument('<inputs...>', 'Solidity files, folders or glob patterns')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--json', 'same as --format json')
    .option('--fail-on <severity>', `exit 1 when a finding is at or above this severity (${SEVERITIES.join(', ')}, none)`)
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-w, --workers <n>', 'worker threads (0 = one per core)')
    .option('-x, --exclude <ids...>', 'detector ids to skip')
    .option('-i, --include <ids...>', 'optional detectors to run as well (`all` for every one)')
    .option('--min-confidence <p>', 'drop findings under this confidence (0..1)')
    .option('-c, --config <file>', 'config file (default: argus.config.json when present)')
    .option('--no-progress', 'no progress bar')
    .option('--no-model', 'rules only: do not run the learned model (models/audit-model.json)')
    .option('--informational', 'also report informational findings (severity info, or low without a DASP vulnerability category)')
    .option('-v, --verbose', 'show warnings as well as errors')
    .action(async (inputs: string[], opts: AuditCommandOptions) => {
      process.exitCode = await runAudit(inputs, opts);
    });
}

export { ArgusError, ERROR_CODES };
