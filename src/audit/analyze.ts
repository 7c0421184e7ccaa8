import { compareFindings, type Finding } from '../core/finding.js';
import { ERROR_CODES, toArgusError } from '../core/errors.js';
import { buildContracts } from '../solidity/model/build.js';
import type { AnalysisContext, SourceUnit } from '../solidity/model/types.js';
import { toFinding, type Detector } from './detectors/detector.js';
import { DETECTORS } from './detectors/index.js';
import { combineWithRules, scoreContracts, type AuditModelFile } from './learned/model.js';

/** Trees deeper than this are refused for analysis (they are parsed, and reported, but not analysed). */
export const MAX_ANALYSIS_DEPTH = 1500;
/** Files with more functions than this are audited by the rules only (generated code; keeps the audit linear). */
export const MAX_MODEL_FUNCTIONS = 5000;

export interface Diagnostic {
  file: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  line?: number;
  column?: number;
}

export interface AnalyzeOptions {
  /** The detectors to run (default: the default set; see `selectDetectors` for include/exclude). */
  detectors?: Detector[];
  /** The learned model (models/audit-model.json); null or absent runs the rules only. */
  model?: AuditModelFile | null;
}

/**
 * Runs every detector over the units of one file. `own` are the file's units (findings are kept for
 * them only); `imported` give inheritance context. A detector that throws is reported as a diagnostic
 * and the others go on.
 */
export function analyzeUnits(file: string, own: SourceUnit[], imported: SourceUnit[], options: AnalyzeOptions = {}): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const analysable = [...own, ...imported].filter((u) => {
    if (u.maxDepth <= MAX_ANALYSIS_DEPTH) return true;
    if (own.includes(u)) {
      diagnostics.push({ file: u.path, severity: 'error', code: 'ARGUS_TOO_DEEP', message: `${u.path}: syntax nested ${u.maxDepth} levels deep; not analysed` });
    }
    return false;
  });
  const { contracts, byName } = buildContracts(analysable);
  const ctx: AnalysisContext = { file, units: analysable, ownUnits: analysable.filter((u) => own.includes(u)), contracts, contractsByName: byName };
  const ownPaths = new Set(own.map((u) => u.path));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const detector of options.detectors ?? DETECTORS) {
    try {
      detector.detect(ctx, (input) => {
        if (!ownPaths.has(input.unit.path)) return;
        const finding = toFinding(detector.meta, input);
        const s = finding.subject.kind === 'source' ? finding.subject : null;
        const key = `${finding.detector}|${s?.file}|${s?.startLine}|${s?.startColumn}|${s?.endLine}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push(finding);
      });
    } catch (error) {
      const e = toArgusError(error);
      diagnostics.push({ file, severity: 'error', code: 'ARGUS_DETECTOR_FAILED', message: `detector ${detector.meta.id} failed on ${file}: ${e.message}` });
    }
  }
  const scorable = options.model ? contracts.filter((c) => ownPaths.has(c.unit.path)).reduce((n, c) => n + c.ownFunctions.length, 0) : 0;
  if (options.model && scorable > MAX_MODEL_FUNCTIONS) {
    // Said, not silent: the rules ran; the model's view of this file is missing.
    diagnostics.push({ file, severity: 'warning', code: ERROR_CODES.TOO_LARGE, message: `${file}: ${scorable} functions, over the learned model's ${MAX_MODEL_FUNCTIONS}; rules only for this file` });
  } else if (options.model) {
    try {
      findings.push(...combineWithRules(options.model, scoreContracts(options.model, contracts, ownPaths), findings));
    } catch (error) {
      const e = toArgusError(error);
      diagnostics.push({ file, severity: 'error', code: 'ARGUS_DETECTOR_FAILED', message: `learned model failed on ${file}: ${e.message}` });
    }
  }
  findings.sort(compareFindings);
  return { findings, diagnostics };
}
