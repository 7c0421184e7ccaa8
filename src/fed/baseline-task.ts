/**
 * The monitor's learned baseline as a federated task. The shipped baseline is an isolation forest
 * (src/monitor/baseline), which cannot be assembled from sums: its trees split on sampled records. What
 * can be summed is a histogram, so the federated baseline is a histogram-based outlier score (HBOS,
 * Goldstein & Dengel 2012) over the same per-transaction features (src/monitor/baseline/features.ts):
 * each node counts its rows into FIXED, PUBLIC bins per feature, the secure aggregation sums the count
 * vectors (the coordinator sees only the total), and a row's score is the sum over features of
 * log(tallest bin / its bin), i.e. −log of its bin's height with every feature's histogram normalised
 * to a tallest bin of 1.
 *
 * The spec with the monitor's bins is BASELINE_TASK in src/monitor/baseline/fed-bins.ts (this floor does
 * not import the monitor; the spec travels to the nodes with the round). The bin edges come from the
 * feature definitions, never from data (data-driven edges would leak
 * quantiles of some node's rows and would differ across nodes): z-scores on a symmetric scale with a bin
 * of their own for the neutral 0, shares on 0..1 with bins for exactly 0 and exactly 1, counts on
 * integers, the history length on half steps of log2, flags on 0/1.
 *
 * Differential privacy: one row adds 1 to exactly one bin of each of the F features, so adding or
 * removing a row moves the count vector by √F in L2: the Gaussian mechanism's sensitivity, no clipping
 * needed. Noisy counts are clamped at 0 and smoothed by +1 before scoring.
 */
export interface BaselineTaskSpec {
  task: 'baseline';
  /** The features' names, in row order (documentation for the nodes; rows are positional). */
  features: string[];
  /** Per feature (row order), the ascending bin edges: bin = number of edges ≤ x, so edges.length + 1 bins. */
  edges: number[][];
}

/** Length of the summed vector: every feature's bins, end to end. */
export const histogramLength = (spec: BaselineTaskSpec): number => spec.edges.reduce((a, e) => a + e.length + 1, 0);

/** L2 change of the count vector when one row is added or removed. */
export const histogramSensitivity = (spec: BaselineTaskSpec): number => Math.sqrt(spec.edges.length);

function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The vector positions of a row's bins, one per feature. */
export function binPositions(spec: BaselineTaskSpec, row: readonly number[]): number[] {
  const out: number[] = [];
  let offset = 0;
  for (const [f, edges] of spec.edges.entries()) {
    out.push(offset + binOf(edges, row[f] as number));
    offset += edges.length + 1;
  }
  return out;
}

/** A node's count vector (plain, before any noise or masking). */
export function countRows(spec: BaselineTaskSpec, rows: readonly (readonly number[])[]): Float64Array {
  const counts = new Float64Array(histogramLength(spec));
  for (const r of rows) for (const p of binPositions(spec, r)) counts[p] = (counts[p] as number) + 1;
  return counts;
}

/** Whether a value is a row of this task (one finite number per feature). */
export function isBaselineRow(spec: BaselineTaskSpec, row: unknown): row is number[] {
  return Array.isArray(row) && row.length === spec.edges.length && row.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/**
 * A node's rows travel inside the node as records whose text is the JSON array of the row (the node API
 * is shared with the labelled tasks; labels are unused here). Text that is not a row is left out.
 */
export function parseBaselineRecord(spec: BaselineTaskSpec, text: string): number[] | null {
  try {
    const v = JSON.parse(text) as unknown;
    return isBaselineRow(spec, v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * A node's baseline data file: one feature row per line as a JSON array of numbers (the rows the monitor's
 * baseline observer computes). Lines that are not such an array are counted, not fatal; the row length is
 * checked against the spec the coordinator sends.
 */
export function parseBaselineLines(content: string): { records: Array<{ text: string; label: 0 }>; bad: number } {
  const records: Array<{ text: string; label: 0 }> = [];
  let bad = 0;
  for (const raw of content.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      v = undefined;
    }
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) records.push({ text: JSON.stringify(v), label: 0 });
    else bad++;
  }
  return { records, bad };
}

/** HBOS over summed (possibly noisy) counts: higher = more unusual. */
export class HbosScorer {
  private readonly logHeight: Float64Array;
  private readonly logMax: number[];

  constructor(
    private readonly spec: BaselineTaskSpec,
    counts: Float64Array,
  ) {
    if (counts.length !== histogramLength(spec)) throw new Error(`histogram has ${counts.length} bins, the task ${histogramLength(spec)}`);
    // Noise can make a count negative: clamp, then +1 so that an empty bin is very unusual but finite.
    this.logHeight = Float64Array.from(counts, (c) => Math.log(Math.max(0, c) + 1));
    this.logMax = [];
    let offset = 0;
    for (const e of spec.edges) {
      let m = -Infinity;
      for (let i = offset; i < offset + e.length + 1; i++) m = Math.max(m, this.logHeight[i] as number);
      this.logMax.push(m);
      offset += e.length + 1;
    }
  }

  score(row: readonly number[]): number {
    let s = 0;
    binPositions(this.spec, row).forEach((p, f) => (s += (this.logMax[f] as number) - (this.logHeight[p] as number)));
    return s;
  }
}

/** Mean log-probability of rows under the histograms (each feature's bins, clamped at 0 and +1 smoothed as HbosScorer reads them): how well the counts describe those rows. */
export function histogramLogLikelihood(spec: BaselineTaskSpec, counts: Float64Array, rows: readonly (readonly number[])[]): number {
  if (rows.length === 0) return NaN;
  const logP = new Float64Array(counts.length);
  let offset = 0;
  for (const e of spec.edges) {
    let total = 0;
    for (let i = offset; i < offset + e.length + 1; i++) total += Math.max(0, counts[i] as number) + 1;
    for (let i = offset; i < offset + e.length + 1; i++) logP[i] = Math.log((Math.max(0, counts[i] as number) + 1) / total);
    offset += e.length + 1;
  }
  let sum = 0;
  for (const r of rows) for (const p of binPositions(spec, r)) sum += logP[p] as number;
  return sum / rows.length;
}

/** The weights of a node's own counts tried when it personalises the federated histogram (fixed before any figure was seen). */
export const OWN_WEIGHTS = [0, 1, 2, 4, 8, 16, 32, 64];

/**
 * Personalises the federated histogram on the node, with nothing sent: the global counts plus the node's
 * own training counts weighted w, w chosen from OWN_WEIGHTS by the log-likelihood of the node's own
 * validation rows (w = 0, the global model, is a candidate, so the kept one is never worse there). The
 * unsupervised analogue of fine-tuning with early stopping: the node has no attack labels to stop on.
 */
export function personaliseHistogram(spec: BaselineTaskSpec, global: Float64Array, ownTrain: readonly (readonly number[])[], ownVal: readonly (readonly number[])[]): { counts: Float64Array; weight: number; globalLikelihood: number; likelihood: number } {
  const own = countRows(spec, ownTrain);
  const mix = (w: number) => Float64Array.from(global, (c, i) => c + w * (own[i] as number));
  const globalLikelihood = histogramLogLikelihood(spec, global, ownVal);
  let best = { counts: Float64Array.from(global), weight: 0, likelihood: globalLikelihood };
  if (ownVal.length === 0) return { ...best, globalLikelihood };
  for (const w of OWN_WEIGHTS.slice(1)) {
    const counts = mix(w);
    const likelihood = histogramLogLikelihood(spec, counts, ownVal);
    if (likelihood > best.likelihood) best = { counts, weight: w, likelihood };
  }
  return { ...best, globalLikelihood };
}
