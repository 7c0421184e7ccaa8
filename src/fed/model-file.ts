/** The model a federated run produces, as a file: the task spec, the weights and what privacy it carries. */
import { readFileSync, statSync } from 'node:fs';
import { ArgusError, ERROR_CODES, UsageError } from '../core/errors.js';
import type { FedResult } from './coordinator.js';
import { parsePostsJsonl, type LabelledText } from './posts-task.js';
import type { FedTaskSpec } from './task.js';
import { parseDomainLines } from './domains-task.js';
import { parseBaselineLines } from './baseline-task.js';

export interface FedModelFile {
  version: 1;
  name: 'argus-fed-posts' | 'argus-fed-domains' | 'argus-fed-baseline';
  date: string;
  spec: FedTaskSpec;
  /** Float64 little-endian, base64: `spec.buckets` weights then the bias; for the baseline task, the summed bin counts (HbosScorer). */
  model: string;
  threshold: number;
  training: { nodes: number; dropped: string[]; records: number; positives: number; rounds: number; dp?: { epsilon: number; delta: number; sigma: number; clip: number } };
}

export function fedModelFile(r: FedResult, threshold = 0.5): FedModelFile {
  return {
    version: 1,
    name: r.spec.task === 'domains' ? 'argus-fed-domains' : r.spec.task === 'baseline' ? 'argus-fed-baseline' : 'argus-fed-posts',
    date: new Date().toISOString().slice(0, 10),
    spec: r.spec,
    model: Buffer.from(r.model.buffer, r.model.byteOffset, r.model.byteLength).toString('base64'),
    threshold,
    training: {
      nodes: r.nodes.length,
      dropped: r.dropped,
      records: r.records,
      positives: r.positives,
      rounds: r.rounds.filter((s) => s.round > 0).length,
      ...(r.dp ? { dp: { epsilon: r.dp.epsilon, delta: r.dp.delta, sigma: r.dp.sigma, clip: r.dp.clip } } : {}),
    },
  };
}

/** A node's data file: JSON lines of posts. Unreadable or empty files are refused with a clear error. */
export const MAX_DATA_FILE = 256 * 1024 * 1024;

export function readNodeData(file: string, kind: 'posts' | 'domains' | 'baseline' = 'posts'): { records: LabelledText[]; bad: number } {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ArgusError(ERROR_CODES.FILE_NOT_FOUND, `--data: cannot read ${file}`, { file });
  }
  if (size > MAX_DATA_FILE) throw new ArgusError(ERROR_CODES.FILE_TOO_LARGE, `--data: ${file} is ${size} bytes; at most ${MAX_DATA_FILE}`, { file });
  const content = readFileSync(file, 'utf8');
  const parsed = kind === 'domains' ? parseDomainLines(content) : kind === 'baseline' ? parseBaselineLines(content) : parsePostsJsonl(content);
  if (parsed.records.length === 0 && kind === 'baseline') throw new UsageError(`--data: ${file} holds no feature row (a JSON array of numbers per line)`, { file, bad: parsed.bad });
  if (parsed.records.length === 0) throw new UsageError(kind === 'domains' ? `--data: ${file} holds no labelled domain ("host,1" or "host,0" per line)` : `--data: ${file} holds no post ({"text", "labels"} per line)`, { file, bad: parsed.bad });
  return parsed;
}
