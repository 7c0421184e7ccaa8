import type { Finding, Severity, SourceRange } from '../../core/finding.js';
import { textOf, type SyntaxNode } from '../../solidity/parse/syntax.js';
import type { AnalysisContext, ContractModel, FunctionModel, SourceUnit } from '../../solidity/model/types.js';

/** The ten DASP categories that SmartBugs labels use, as SARIF tags (`DASP:<category>`). */
export const DASP_CATEGORIES = [
  'reentrancy',
  'access_control',
  'arithmetic',
  'unchecked_low_level_calls',
  'denial_of_service',
  'bad_randomness',
  'front_running',
  'time_manipulation',
  'short_addresses',
  'other',
] as const;
export type DaspCategory = (typeof DASP_CATEGORIES)[number];

/**
 * What a detector is, written beside its logic so that documentation, SARIF rules and the report come
 * from the code (as Slither's ARGUMENT/HELP/WIKI fields and ESLint's `meta` do).
 */
export interface DetectorMeta {
  /** Short id without the `audit/` prefix, e.g. `reentrancy-eth`. */
  id: string;
  title: string;
  swc: string[];
  dasp: DaspCategory;
  severity: Severity;
  /** Default confidence of a finding; a report may lower or raise it with reason. */
  confidence: number;
  description: string;
  exploitScenario: string;
  recommendation: string;
}

export interface ReportInput {
  node: SyntaxNode;
  unit: SourceUnit;
  contract?: ContractModel | null;
  fn?: FunctionModel | null;
  /** What is wrong here, specifically (the meta description is the general case). */
  message: string;
  evidence?: Record<string, unknown>;
  severity?: Severity;
  confidence?: number;
  /** Report only the first line of a long node (e.g. a function header). */
  headerOnly?: boolean;
}

export interface Detector {
  meta: DetectorMeta;
  detect(ctx: AnalysisContext, report: (input: ReportInput) => void): void;
}

/** Every detector module default-exports one of these. */
export function defineDetector(meta: DetectorMeta, detect: Detector['detect']): Detector {
  return { meta, detect };
}

/** The range of a statement: the whole statement, not its whole function. */
export function rangeOf(unit: SourceUnit, node: SyntaxNode, headerOnly = false): SourceRange {
  let endLine = node.endLine;
  let endColumn = node.endColumn;
  if (headerOnly) {
    const body = node.fields.body;
    const stop = body ? body.startIndex : node.endIndex;
    const header = unit.text.slice(node.startIndex, stop);
    const lines = header.split('\n');
    endLine = node.startLine + lines.length - 1;
    endColumn = lines.length === 1 ? node.startColumn + header.length : lines[lines.length - 1]!.length + 1;
    // Keep long headers to their first line so that a finding points at the declaration.
    if (endLine > node.startLine) {
      endLine = node.startLine;
      endColumn = node.startColumn + (lines[0]?.length ?? 0);
    }
  }
  return { kind: 'source', file: unit.path, startLine: node.startLine, startColumn: node.startColumn, endLine, endColumn };
}

export function toFinding(meta: DetectorMeta, input: ReportInput): Finding {
  const subject = rangeOf(input.unit, input.node, input.headerOnly);
  if (input.contract) subject.contract = input.contract.name;
  if (input.fn) subject.function = input.fn.name;
  const snippet = textOf(input.unit.text, input.node).split('\n')[0]!.trim().slice(0, 200);
  return {
    detector: `audit/${meta.id}`,
    title: meta.title,
    severity: input.severity ?? meta.severity,
    confidence: input.confidence ?? meta.confidence,
    tags: [...meta.swc, `DASP:${meta.dasp}`],
    subject,
    explanation: input.message,
    evidence: { code: snippet, ...input.evidence },
    recommendation: meta.recommendation,
  };
}
