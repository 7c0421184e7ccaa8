/**
 * The one vocabulary every Argus capability speaks: what is dangerous here, how sure we are, and why.
 * Auditor, monitor, token checks and fraud checks all return `Finding`s so that reports, sinks and the
 * dashboard handle them the same way.
 */

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Numeric rank of a severity, for comparisons such as `--fail-on high`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** A span of source code, 1-based lines and columns, end inclusive. */
export interface SourceRange {
  kind: 'source';
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** Contract and function the range sits in, when known. */
  contract?: string;
  function?: string;
}

export interface AddressSubject {
  kind: 'address';
  chainId: number;
  address: string;
  role?: string;
}

export interface TransactionSubject {
  kind: 'transaction';
  chainId: number;
  hash: string;
  blockNumber?: number;
}

export interface DomainSubject {
  kind: 'domain';
  domain: string;
  url?: string;
}

export interface PostSubject {
  kind: 'post';
  id?: string;
  author?: string;
}

/** Contract code read without a chain: a token checked from its bytecode alone (`argus token --bytecode`). */
export interface BytecodeSubject {
  kind: 'bytecode';
  /** The file the code was read from, when there is one. */
  file?: string;
  /** A name for the code, when one is known (a token's symbol). */
  name?: string;
}

/** What a finding is about. Each capability uses the kinds that fit its inputs. */
export type Subject = SourceRange | AddressSubject | TransactionSubject | DomainSubject | PostSubject | BytecodeSubject;

export interface Finding {
  /** Namespaced detector id, e.g. `audit/reentrancy-eth` or `monitor/liquidity-pull`. */
  detector: string;
  title: string;
  severity: Severity;
  /** 0..1: how likely the finding is a true positive. */
  confidence: number;
  /** Machine-readable labels: `SWC-107`, `DASP:reentrancy`, `stage:preparation`, ... */
  tags: string[];
  subject: Subject;
  /** Why this is dangerous, in words a user can act on. */
  explanation: string;
  evidence: Record<string, unknown>;
  recommendation?: string;
}

/** Sorts findings by file, then line, then severity (most severe first). Stable and pure. */
export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.subject.kind === 'source' ? a.subject.file : '';
  const fb = b.subject.kind === 'source' ? b.subject.file : '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.subject.kind === 'source' ? a.subject.startLine : 0;
  const lb = b.subject.kind === 'source' ? b.subject.startLine : 0;
  if (la !== lb) return la - lb;
  const s = severityRank(b.severity) - severityRank(a.severity);
  if (s !== 0) return s;
  return a.detector < b.detector ? -1 : a.detector > b.detector ? 1 : 0;
}

/** The block a finding is about: its evidence's `blockNumber`, else its transaction subject's; -1 when neither. */
export function findingBlockNumber(f: Finding): number {
  const b = f.evidence.blockNumber ?? (f.subject.kind === 'transaction' ? f.subject.blockNumber : undefined);
  return b === undefined || b === null ? -1 : Number(b);
}
