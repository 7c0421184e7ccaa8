/**
 * Argus as a library. Every capability returns `Finding`s.
 *
 * @example
 * import { auditSource } from 'argus';
 * const findings = await auditSource(solidityText, 'Vault.sol');
 */
export type { Finding, Severity, Subject, SourceRange } from './core/finding.js';
export { SEVERITIES, severityRank, compareFindings } from './core/finding.js';
export { ArgusError, ConfigError, InputError, UsageError, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { loadConfig, parseConfig, type ArgusConfig } from './core/config.js';
export { createLogger, type Logger } from './core/logger.js';
export { auditSource } from './audit/audit-source.js';
export { auditFile, type FileReport } from './audit/audit-file.js';
export { auditFiles } from './audit/runner.js';
export { collectSolidityFiles } from './audit/collect.js';
export { DETECTORS } from './audit/detectors/index.js';
export type { Detector, DetectorMeta, DaspCategory } from './audit/detectors/detector.js';
export { toSarif } from './audit/report/sarif.js';
