import type { Finding } from '../core/finding.js';
import { analyzeUnits, type AnalyzeOptions } from './analyze.js';
import { parseUnit } from '../solidity/sources.js';

/**
 * Audits Solidity given as text, without touching the file system: the library entry point for
 * editors and servers, and what detector tests use.
 *
 * @example
 * const findings = await auditSource('pragma solidity ^0.4.24; contract A { ... }');
 */
export async function auditSource(text: string, file = 'input.sol', options: AnalyzeOptions = {}): Promise<Finding[]> {
  const unit = await parseUnit(file, text);
  return analyzeUnits(file, [unit], [], options).findings;
}
