import type { Finding } from '../core/finding.js';

/**
 * Informational findings: code-quality observations rather than vulnerabilities, the tier Slither keeps
 * apart as its Informational and Optimization detectors. A finding is informational when its severity is
 * `info`, or when it is `low` and carries no DASP vulnerability category (DASP `other`: unused state,
 * assert reachable by input, hard-coded gas, tautologies). `argus audit` reports them only with
 * `--informational`; every other finding is reported as before. They stay in the library's output
 * (auditFiles), so evaluations can count them both ways.
 */
export function isInformational(f: Finding): boolean {
  if (f.severity === 'info') return true;
  if (f.severity !== 'low') return false;
  const dasp = f.tags.filter((t) => t.startsWith('DASP:'));
  return dasp.length === 0 || dasp.every((t) => t === 'DASP:other');
}
