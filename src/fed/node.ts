/**
 * `argus fed node`: holds its records and never sends them. Each round it computes its gradient share
 * locally (clipped and noised when the run is differentially private), masks it with one pairwise mask
 * per other node of the round, and posts only the masked vector.
 */
import { randomBytes } from 'node:crypto';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { gaussianNoise } from './dp.js';
import { applyMask, encodeFixed, expandMask, fromHex, maskSign, newKeyPair, pairSeed, toHex } from './secure-agg.js';
import { dpSensitivity, localGradient, type LabelledText } from './posts-task.js';
import { prepareRecords, readableRecords, type FedTaskSpec } from './task.js';
import { countRows, histogramSensitivity, parseBaselineRecord, type BaselineTaskSpec } from './baseline-task.js';
import type { SparseRow } from '../fraud/posts/linear.js';
import { personalise, type FineTuneOptions, type Personalised } from './personalise.js';
import { base64ToF64, u32ToBase64, type RevealTask, type Task, type UpdateTask } from './protocol.js';

export interface NodeOptions {
  coordinator: string;
  id?: string;
  records: LabelledText[];
  pollMs?: number;
  /** Fewest nodes (this one included) a round must have before this node sends anything. */
  minParticipants?: number;
  /** Test hook: stop answering (as a crashed node would) when asked for this round's update. */
  vanishAtRound?: number;
  onRound?: (round: number) => void;
  /**
   * The node's own validation records (never trained on by the federation). When given, a gradient task's
   * node personalises the released model after the run: local fine-tuning with early stopping on them and
   * its own threshold (personalise.ts). It runs after the final model arrives and sends nothing.
   */
  validation?: LabelledText[];
  fineTune?: FineTuneOptions;
}

export interface NodeResult {
  id: string;
  model: Float64Array;
  spec: FedTaskSpec;
  rounds: number;
  epsilon?: number;
  delta?: number;
  /** The personalised model and threshold, when validation records were given (gradient tasks only). */
  personal?: Personalised;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request; a dropped connection (a kept-alive socket the server closed, a busy machine) is retried a few times. */
async function call(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, init);
      return { status: res.status, body: (await res.json()) as unknown };
    } catch (error) {
      if (attempt >= 5) throw new ArgusError(ERROR_CODES.UNAVAILABLE, `coordinator ${url} unreachable: ${(error as Error).message}`);
      await sleep(100 * 2 ** attempt);
    }
  }
}

const post = (url: string, body: unknown) => call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export async function runNode(o: NodeOptions): Promise<NodeResult> {
  const id = o.id ?? `node-${randomBytes(4).toString('hex')}`;
  const base = o.coordinator.replace(/\/+$/, '');
  const keys = newKeyPair();
  if (o.records.length === 0) throw new ArgusError(ERROR_CODES.NO_INPUT, 'this node has no records');
  const joined = await post(`${base}/join`, { node: id, publicKey: toHex(keys.publicKey) });
  if (joined.status !== 200) throw new ArgusError(ERROR_CODES.UNAVAILABLE, `join refused: ${JSON.stringify(joined.body)}`);
  let prepared: { rows: SparseRow[]; labels: number[] } | undefined;
  let readable: LabelledText[] | undefined;
  let spec: FedTaskSpec | undefined;
  let rounds = 0;

  const seedWith = (t: UpdateTask | RevealTask, peer: string) => {
    const entry = t.roster.find((r) => r.id === peer);
    if (!entry) throw new ArgusError(ERROR_CODES.UNAVAILABLE, `peer ${peer} is not in round ${t.round}'s roster`);
    return pairSeed(keys.secretKey, fromHex(entry.publicKey), t.session, t.round, t.attempt, id, peer);
  };

  for (;;) {
    const { body } = await call(`${base}/task?node=${encodeURIComponent(id)}`);
    const task = body as Task;
    if (task.kind === 'wait') {
      await sleep(o.pollMs ?? 20);
      continue;
    }
    if (task.kind === 'done') {
      const model = base64ToF64(task.model);
      const result: NodeResult = { id, model, spec: task.spec, rounds, ...(task.epsilon !== undefined ? { epsilon: task.epsilon, delta: task.delta } : {}) };
      if (!o.validation || task.spec.task === 'baseline') return result;
      // Local only, after the last round: the coordinator is not called again (no privacy budget spent).
      const train = prepared ?? prepareRecords(task.spec, readable ?? readableRecords(task.spec, o.records));
      return { ...result, personal: personalise(task.spec, model, train, prepareRecords(task.spec, o.validation), o.fineTune) };
    }
    if (task.kind === 'excluded') throw new ArgusError(ERROR_CODES.UNAVAILABLE, `excluded by the coordinator: ${task.reason}`);
    if (task.kind === 'reveal') {
      if (task.dropped.includes(id)) throw new ArgusError(ERROR_CODES.UNAVAILABLE, 'asked to reveal masks with itself');
      const seeds: Record<string, string> = {};
      for (const gone of task.dropped) seeds[gone] = toHex(seedWith(task, gone));
      await post(`${base}/reveal`, { node: id, round: task.round, attempt: task.attempt, seeds });
      continue;
    }
    if (o.vanishAtRound !== undefined && task.round >= o.vanishAtRound) {
      // Crashed: never answer again; the caller's promise stays pending until it gives up.
      return await new Promise<never>(() => undefined);
    }
    if (spec && JSON.stringify(spec) !== JSON.stringify(task.spec)) throw new ArgusError(ERROR_CODES.UNAVAILABLE, 'the coordinator changed the task mid-run');
    spec = task.spec;
    readable ??= readableRecords(spec, o.records);
    if (readable.length === 0) throw new ArgusError(ERROR_CODES.NO_INPUT, `none of this node's ${o.records.length} records is readable for the ${task.spec.task ?? 'posts'} task`);
    // Vectorised at the first gradient round, not for the counts (round 0 waits for every node).
    const vector =
      spec.task === 'baseline'
        ? histogramVector(task, spec, readable)
        : task.what === 'counts'
          ? countsVector(task, readable)
          : updateVector(task, (prepared ??= prepareRecords(spec, readable)).rows, prepared.labels);
    const others = task.roster.filter((r) => r.id !== id);
    if (!task.roster.some((r) => r.id === id)) throw new ArgusError(ERROR_CODES.UNAVAILABLE, 'not in the round roster');
    if (task.roster.length < Math.max(2, o.minParticipants ?? 2)) throw new ArgusError(ERROR_CODES.UNAVAILABLE, `round ${task.round} has ${task.roster.length} nodes; refusing to send an update that could be unmasked`);
    for (const peer of others) applyMask(vector, expandMask(seedWith(task, peer.id), vector.length), maskSign(id, peer.id));
    const sent = await post(`${base}/update`, { node: id, round: task.round, attempt: task.attempt, vector: u32ToBase64(vector) });
    if (sent.status !== 200 && sent.status !== 409) throw new ArgusError(ERROR_CODES.UNAVAILABLE, `update refused (${sent.status}): ${JSON.stringify(sent.body)}`);
    if (task.what !== 'counts') rounds++;
    o.onRound?.(task.round);
  }
}

/** Round 0: this node's record and positive counts (noised under DP), in fixed point before masking. */
function countsVector(task: UpdateTask, records: LabelledText[]): Uint32Array {
  const counts = Float64Array.of(records.length, records.filter((r) => r.label === 1).length);
  if (task.dp) {
    // One record moves (records, positives) by at most (1, 1): L2 sensitivity √2, noised like a round.
    const noise = gaussianNoise(2, (task.dp.sigma * Math.SQRT2) / Math.sqrt(task.dp.quorum));
    for (let i = 0; i < 2; i++) counts[i] = (counts[i] as number) + (noise[i] as number);
  }
  return encodeFixed(counts, task.scale, task.maxParties);
}

/** Baseline task: this node's bin counts (noised under DP: one row moves F counts by 1, L2 sensitivity √F), in fixed point before masking. */
function histogramVector(task: UpdateTask, spec: BaselineTaskSpec, records: LabelledText[]): Uint32Array {
  const counts = countRows(spec, records.map((r) => parseBaselineRecord(spec, r.text) as number[]));
  if (task.dp) {
    const noise = gaussianNoise(counts.length, (task.dp.sigma * histogramSensitivity(spec)) / Math.sqrt(task.dp.quorum));
    for (let i = 0; i < counts.length; i++) counts[i] = (counts[i] as number) + (noise[i] as number);
  }
  return encodeFixed(counts, task.scale, task.maxParties);
}

/** This node's plain gradient contribution for the task, in fixed point (before masking). */
function updateVector(task: UpdateTask, rows: SparseRow[], labels: number[]): Uint32Array {
  if (!task.model || task.positiveWeight === undefined || task.totalWeight === undefined) throw new ArgusError(ERROR_CODES.UNAVAILABLE, 'gradient task without a model');
  const model = base64ToF64(task.model);
  const g = localGradient(model, rows, labels, { positiveWeight: task.positiveWeight, totalWeight: task.totalWeight, ...(task.dp ? { clip: task.dp.clip } : {}) });
  if (task.dp) {
    // This node's share of the noise: the quorum's shares add up to N(0, (σS)²), S = dpSensitivity, in gradient-sum units.
    const std = (task.dp.sigma * dpSensitivity(task.dp.clip, task.positiveWeight)) / task.totalWeight / Math.sqrt(task.dp.quorum);
    const noise = gaussianNoise(g.length, std);
    for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) + (noise[i] as number);
  }
  return encodeFixed(g, task.scale, task.maxParties);
}
