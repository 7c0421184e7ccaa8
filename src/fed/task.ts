/**
 * The models `argus fed` can train. Each is a logistic regression over sparse rows, so the coordinator,
 * the secure aggregation and the DP path are shared; a task only says how a node turns its records into
 * rows. The spec travels to the nodes with every round, so a node vectorises exactly as the run expects.
 */
import type { SparseRow } from '../fraud/posts/linear.js';
import { domainRow, isScorableHost, type DomainTaskSpec } from './domains-task.js';
import { vectorisePosts, type LabelledText, type PostTaskSpec } from './posts-task.js';
import { parseBaselineRecord, type BaselineTaskSpec } from './baseline-task.js';

export type FedTaskSpec = PostTaskSpec | DomainTaskSpec | BaselineTaskSpec;
/** The tasks trained by gradient rounds (logistic regressions); the baseline task is one histogram round. */
export type GradientTaskSpec = PostTaskSpec | DomainTaskSpec;

export const taskName = (spec: FedTaskSpec): 'posts' | 'domains' | 'baseline' => (spec.task === 'domains' || spec.task === 'baseline' ? spec.task : 'posts');

/** A node's records as rows and labels; records the task cannot read (a domain that does not parse) are left out and counted. */
export function prepareRecords(spec: GradientTaskSpec, records: LabelledText[]): { rows: SparseRow[]; labels: number[]; skipped: number } {
  if (spec.task === 'domains') {
    const rows: SparseRow[] = [];
    const labels: number[] = [];
    for (const r of records) {
      const row = domainRow(spec, r.text);
      if (!row) continue;
      rows.push(row);
      labels.push(r.label);
    }
    return { rows, labels, skipped: records.length - rows.length };
  }
  return { rows: vectorisePosts(spec, records.map((r) => r.text)), labels: records.map((r) => r.label), skipped: 0 };
}

/**
 * The records the task can read, without vectorising them (cheap: round 0 only needs their counts, and a
 * node that vectorised before answering it would hold up the round). prepareRecords keeps the same ones.
 */
export function readableRecords(spec: FedTaskSpec, records: LabelledText[]): LabelledText[] {
  if (spec.task === 'baseline') return records.filter((r) => parseBaselineRecord(spec, r.text) !== null);
  return spec.task === 'domains' ? records.filter((r) => isScorableHost(r.text)) : records;
}
