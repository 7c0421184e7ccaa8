import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Coordinator } from './coordinator.js';
import { runNode } from './node.js';
import { bestF1Threshold, fineTune, logLoss } from './personalise.js';
import { POST_TASK, parsePostsJsonl, vectorisePosts, type LabelledText } from './posts-task.js';
import { BASELINE_TASK } from '../monitor/baseline/fed-bins.js';
import { countRows, histogramLogLikelihood, personaliseHistogram } from './baseline-task.js';

const POSTS = path.resolve('..', 'shared', 'datasets', 'crypto-posts', 'posts.jsonl');
const all = parsePostsJsonl(readFileSync(POSTS, 'utf8')).records;
const positives = all.filter((r) => r.label === 1);
const negatives = all.filter((r) => r.label === 0);
/** Three nodes of real posts with very different class priors (the case personalisation is for). */
const nodes: Array<{ train: LabelledText[]; val: LabelledText[] }> = [
  { train: [...positives.slice(0, 20), ...negatives.slice(0, 160)], val: [...positives.slice(20, 24), ...negatives.slice(160, 200)] },
  { train: [...positives.slice(30, 40), ...negatives.slice(300, 420)], val: [...positives.slice(40, 42), ...negatives.slice(420, 450)] },
  // Mostly scam: a node whose lone prior is far from the pooled one.
  { train: [...positives.slice(50, 130), ...negatives.slice(500, 510)], val: [...positives.slice(130, 150), ...negatives.slice(510, 513)] },
];
const asRows = (r: LabelledText[]) => ({ rows: vectorisePosts(POST_TASK, r.map((x) => x.text)), labels: r.map((x) => x.label) });

afterEach(() => vi.restoreAllMocks());

describe('personalisation after a federated run', () => {
  it('runs on the node after the final model arrived: the node calls the coordinator no more, and the fine-tuned model fits its own validation part better', async () => {
    const calls: Array<{ node: string; kind: string }> = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const res = await realFetch(input, init);
      const url = new URL(String(input));
      const body = init?.body ? (JSON.parse(String(init.body)) as { node?: string }) : {};
      const node = url.searchParams.get('node') ?? body.node ?? '?';
      const kind = url.pathname === '/task' ? ((await res.clone().json()) as { kind: string }).kind : url.pathname;
      calls.push({ node, kind });
      return res;
    });
    const c = new Coordinator({ nodes: 3, rounds: 6 });
    const url = await c.listen();
    try {
      const results = await Promise.all(nodes.map((n, i) => runNode({ coordinator: url, id: `n${i}`, records: n.train, validation: n.val, pollMs: 5 })));
      const global = (await c.result).model;
      for (const [i, r] of results.entries()) {
        // The last thing each node did with the coordinator was to fetch the final model; personalisation came after it.
        const own = calls.filter((x) => x.node === `n${i}`);
        expect(own.at(-1)?.kind).toBe('done');
        expect(own.filter((x) => x.kind === 'done')).toHaveLength(1);
        const p = r.personal!;
        expect(p).toBeDefined();
        // The loss it reports is the loss of the model it returns, measured here independently.
        const val = asRows(nodes[i]!.val);
        expect(logLoss(p.model, val)).toBeCloseTo(p.loss, 10);
        expect(logLoss(global, val)).toBeCloseTo(p.globalLoss, 10);
        expect(p.loss).toBeLessThanOrEqual(p.globalLoss);
      }
      // The scam-heavy node's own prior is far from the pooled one: fine-tuning moves its model and helps there.
      const skewed = results[2]!.personal!;
      expect(skewed.steps).toBeGreaterThan(0);
      expect(skewed.loss).toBeLessThan(skewed.globalLoss * 0.95);
      // …and does not carry over to another node's validation part as if it were a global improvement.
      const other = asRows(nodes[1]!.val);
      expect(logLoss(skewed.model, other)).toBeGreaterThan(logLoss(global, other));
    } finally {
      await c.close();
    }
  }, 120_000);

  it('early stopping keeps the global model when local steps only hurt on validation', () => {
    const train = asRows([...positives.slice(200, 260), ...negatives.slice(700, 760)]);
    // Validation labelled against the training data (every label flipped): each local step on the
    // training part makes validation worse, so step 0 (the starting model, here the untrained one) must be what comes back.
    const global = new Float64Array(POST_TASK.buckets + 1);
    const flipped = { rows: train.rows, labels: train.labels.map((y) => 1 - y) };
    const kept = fineTune(POST_TASK, global, train, flipped, { maxSteps: 20, patience: 3 });
    expect(kept.steps).toBe(0);
    expect(kept.tried).toBe(3);
    expect(Array.from(kept.model)).toEqual(Array.from(global));
    // Without a validation part there is nothing to stop on: no step is taken.
    expect(fineTune(POST_TASK, global, train, { rows: [], labels: [] }).steps).toBe(0);
    // Nor with a validation part of one class: its loss would reward pushing every score to that class.
    const negativesOnly = asRows(negatives.slice(900, 960));
    const allNegativeTrain = asRows(negatives.slice(1000, 1200));
    const oneClass = fineTune(POST_TASK, global, allNegativeTrain, negativesOnly);
    expect(oneClass.steps).toBe(0);
    expect(oneClass.tried).toBe(0);
    // With one positive among them the part ranks models again, and the node does fine-tune.
    const mixed = { rows: [...negativesOnly.rows, ...asRows(positives.slice(300, 301)).rows], labels: [...negativesOnly.labels, 1] };
    expect(fineTune(POST_TASK, global, allNegativeTrain, mixed).tried).toBeGreaterThan(0);
  });

  it('picks the threshold of best F1 on validation, and keeps 0.5 when validation lacks a class', () => {
    // Scores 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.6 (pos), 0.2 (neg): cutting at 0.6 gives tp 3, fp 1: F1 6/7, the best.
    expect(bestF1Threshold([0.9, 0.8, 0.7, 0.6, 0.2], [1, 0, 1, 1, 0])).toBe(0.6);
    // Tied scores are never split: cutting inside the three at 0.5 (after the positive) would give F1 1,
    // but a threshold cannot do that; at 0.5 all three alert (F1 2/3, tied with 0.9: the higher is kept).
    expect(bestF1Threshold([0.9, 0.5, 0.5, 0.5, 0.1], [1, 1, 0, 0, 0])).toBe(0.9);
    expect(bestF1Threshold([0.9, 0.3], [1, 1])).toBe(0.5);
    expect(bestF1Threshold([0.9, 0.3], [0, 0])).toBe(0.5);
  });
});

describe('baseline personalisation', () => {
  it("weights in the node's own counts only as far as its validation rows' likelihood rises", () => {
    const f = BASELINE_TASK.edges.length;
    // Two synthetic traffic sources over the monitor's real bins: the node's rows sit in one corner, the others elsewhere.
    const ownRow = (i: number) => Array.from({ length: f }, (_, k) => (k === 0 ? 2 + (i % 3) : 0));
    const otherRow = (i: number) => Array.from({ length: f }, (_, k) => (k === 0 ? -2 - (i % 3) : 1));
    const own = Array.from({ length: 60 }, (_, i) => ownRow(i));
    const others = Array.from({ length: 600 }, (_, i) => otherRow(i));
    const global = countRows(BASELINE_TASK, [...own, ...others]);
    const p = personaliseHistogram(BASELINE_TASK, global, own, own.slice(0, 20).map((r) => [...r]));
    expect(p.weight).toBeGreaterThan(0);
    expect(p.likelihood).toBeGreaterThan(p.globalLikelihood);
    expect(histogramLogLikelihood(BASELINE_TASK, p.counts, own.slice(0, 20))).toBeCloseTo(p.likelihood, 10);
    // Validation rows like the others' traffic: weighting in the node's own corner only lowers their likelihood.
    const q = personaliseHistogram(BASELINE_TASK, global, own, others.slice(0, 20));
    expect(q.weight).toBe(0);
    expect(Array.from(q.counts)).toEqual(Array.from(global));
  });
});
