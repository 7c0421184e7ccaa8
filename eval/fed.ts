/**
 * npm run eval:fed — federated training of the post classifier against central training and each node
 * alone, on a non-IID split, with the house's held-out test part (models/post-split.json) for F1.
 *
 * Nodes: the training part of the crypto-posts data set split by collection source (the batch date the
 * janitr maintainers collected each post on; the posts with no date form one archive node). The sources
 * differ in size and in scam share, as organisations would. Each federated run is real: a coordinator and
 * one node per source talking HTTP on loopback, pairwise-masked updates, the DP noise drawn by the nodes.
 * Every model is the same hashed-n-gram logistic regression (src/fed/posts-task.ts: house features, no
 * idf), 150 full-batch Adam steps (the house trainer's settings), threshold 0.5 (balanced class weights).
 * None of these settings was tuned on the test part; the figures printed are the first-contact ones.
 *
 *   node dist/eval/fed.js [--rounds 150]
 */
import { readFileSync } from 'node:fs';
import { trainLogistic } from '../src/fraud/posts/linear.js';
import { Coordinator, type FedResult } from '../src/fed/coordinator.js';
import { runNode } from '../src/fed/node.js';
import { POST_TASK, scoreRows, vectorisePosts, type LabelledText } from '../src/fed/posts-task.js';
import { isPositive, loadOrMakeSplit, loadPosts, metrics, POSTS_FILE, splitPosts } from './posts-data.js';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 150;
const DELTA = 1e-5;
const CLIP = 1;
const THRESHOLD = 0.5;

const posts = loadPosts();
const split = loadOrMakeSplit(posts);
const { train, test } = splitPosts(posts, split);
const source = new Map<string, string>();
for (const line of readFileSync(POSTS_FILE, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const o = JSON.parse(line) as { id: string; collected_at?: string };
  source.set(String(o.id), o.collected_at ? `batch-${o.collected_at.slice(0, 10)}` : 'archive');
}
const groups = new Map<string, LabelledText[]>();
for (const p of train) {
  const key = source.get(p.id) ?? 'archive';
  const list = groups.get(key) ?? [];
  list.push({ text: p.text, label: isPositive(p) ? 1 : 0 });
  groups.set(key, list);
}
const nodes = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
const testRows = vectorisePosts(POST_TASK, test.map((p) => p.text));
const testLabels = test.map((p) => (isPositive(p) ? 1 : 0));
const f1Of = (model: Float64Array) => metrics(scoreRows(model, testRows), testLabels, THRESHOLD);

function trainAlone(records: LabelledText[]): Float64Array {
  const rows = vectorisePosts(POST_TASK, records.map((r) => r.text));
  const labels = records.map((r) => r.label);
  const pos = labels.filter((y) => y === 1).length;
  const m = trainLogistic(rows, labels, POST_TASK.buckets, { lambda: POST_TASK.lambda, positiveWeight: pos > 0 ? (labels.length - pos) / pos : 1, epochs: ROUNDS, learningRate: POST_TASK.learningRate });
  const out = new Float64Array(POST_TASK.buckets + 1);
  out.set(m.weights);
  out[POST_TASK.buckets] = m.bias;
  return out;
}

async function federated(epsilon?: number): Promise<FedResult> {
  const c = new Coordinator({ nodes: nodes.length, rounds: ROUNDS, roundTimeoutMs: 120_000, onRound: (s) => { if (s.dropped.length || s.attempt > 1) console.error(`round ${s.round}: dropped ${s.dropped.join(', ')} (attempt ${s.attempt}, ${s.ms} ms)`); }, ...(epsilon ? { dp: { epsilon, delta: DELTA, clip: CLIP } } : {}) });
  const url = await c.listen();
  try {
    await Promise.all(nodes.map(([id, records]) => runNode({ coordinator: url, id, records, pollMs: 5 })));
    return await c.result;
  } finally {
    await c.close();
  }
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const row = (name: string, m: ReturnType<typeof f1Of>) => `  ${name.padEnd(34)} F1 ${pct(m.f1)}  precision ${pct(m.precision)}  recall ${pct(m.recall)}`;

async function main(): Promise<void> {
  console.log(`Federated post classifier: ${nodes.length} nodes (non-IID, by collection source), ${ROUNDS} rounds, held-out test ${test.length} posts (${testLabels.filter((y) => y === 1).length} scam/phishing), threshold ${THRESHOLD}`);
  for (const [id, r] of nodes) console.log(`  node ${id.padEnd(17)} ${String(r.length).padStart(5)} posts, ${String(r.filter((x) => x.label === 1).length).padStart(4)} positive`);
  const started = Date.now();
  const central = f1Of(trainAlone(nodes.flatMap(([, r]) => r)));
  console.log('\nF1 on the held-out test part (first contact: no setting was tuned on it)');
  console.log(row('central (all data pooled)', central));
  const alone = nodes.map(([id, r]) => ({ id, m: f1Of(trainAlone(r)) }));
  for (const a of alone) console.log(row(`node ${a.id} alone`, a.m));
  const runs: Array<{ name: string; eps?: number; r: FedResult; m: ReturnType<typeof f1Of> }> = [];
  for (const eps of [undefined, 8, 4, 1]) {
    const r = await federated(eps);
    const m = f1Of(r.model);
    const name = eps ? `federated, DP ε=${eps} (δ=${DELTA})` : 'federated, no DP';
    runs.push({ name, ...(eps ? { eps } : {}), r, m });
    console.log(row(name, m) + (r.dp ? `  [accountant ε ${r.dp.epsilon.toFixed(2)}, σ ${r.dp.sigma.toFixed(1)}, clip ${r.dp.clip}]` : ''));
  }

  console.log('\nFloors (issue 25)');
  const noDp = runs[0]!.m.f1;
  const eps8 = runs[1]!.m.f1;
  const pts = (x: number) => `${(100 * x).toFixed(1)} points`;
  console.log(`  federated without DP within 1 point of central: ${central.f1 - noDp <= 0.01 ? 'met' : 'NOT met'} (gap ${pts(central.f1 - noDp)})`);
  console.log(`  federated at ε=8 within 3 points of central:    ${central.f1 - eps8 <= 0.03 ? 'met' : 'NOT met'} (gap ${pts(central.f1 - eps8)})`);
  const worse = alone.filter((a) => a.m.f1 >= noDp);
  console.log(`  every node better federated than alone:         ${worse.length === 0 ? 'met' : `NOT met (${worse.map((w) => w.id).join(', ')})`} (smallest gain ${pts(Math.min(...alone.map((a) => noDp - a.m.f1)))}; at ε=8: ${alone.filter((a) => a.m.f1 >= eps8).length} nodes not better)`);

  console.log('\nCost per round (loopback HTTP, all nodes in one process on a shared machine)');
  for (const { name, r } of runs) {
    const rs = r.rounds.filter((s) => s.round > 0);
    const ms = rs.reduce((a, s) => a + s.ms, 0) / rs.length;
    const up = rs.reduce((a, s) => a + Object.values(s.bytesIn).reduce((x, y) => x + y, 0) / Object.keys(s.bytesIn).length, 0) / rs.length;
    const down = rs.reduce((a, s) => a + Object.values(s.bytesOut).reduce((x, y) => x + y, 0) / Object.keys(s.bytesOut).length, 0) / rs.length;
    console.log(`  ${name.padEnd(34)} ${ms.toFixed(0).padStart(5)} ms/round  ${(up / 1024).toFixed(0).padStart(4)} KiB up, ${(down / 1024).toFixed(0).padStart(4)} KiB down per node per round`);
  }
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

await main();
