/**
 * npm run eval:fed — federated training against central training and each node alone, on non-IID splits,
 * for the post classifier and for the phishing-domain model, scored on held-out test parts. (The monitor
 * baseline's federation is evaluated by eval/fed-baseline.ts.)
 *
 * Posts: the training part of the house post split (models/post-split.json) split by collection source
 * (the batch date the janitr maintainers collected each post on; the undated posts form one archive
 * node); test = the split's test part. Domains: eval/fed-domains-data.ts (ScamSniffer by brand and month,
 * legitimate names by uneven hash shares; test = the six months after the cut-off and the evaluation
 * halves of the legitimate sets).
 *
 * Each federated run is real: a coordinator and one node per organisation talking HTTP on loopback,
 * pairwise-masked updates, the DP noise drawn by the nodes. Central and alone use the same model, the
 * same full-batch gradient (src/fed/posts-task.ts localGradient) and the same server Adam for the same
 * number of steps, in process, so the comparison is of who sees which data. Threshold 0.5 throughout.
 *
 * DP settings (clip 0.5, logit-adjusted class weighting) were chosen on a development split of the
 * post training part (eval/fed-tune.ts), never on a test part; the domain task uses them unchanged.
 *
 *   node dist/eval/fed.js [--rounds 150] [--task posts|domains|baseline]
 */
import { readFileSync } from 'node:fs';
import { Coordinator, type FedResult } from '../src/fed/coordinator.js';
import { runNode } from '../src/fed/node.js';
import { POST_TASK, ServerAdam, localGradient, scoreRows, type LabelledText } from '../src/fed/posts-task.js';
import { DOMAIN_TASK } from '../src/fed/domains-task.js';
import { prepareRecords, type GradientTaskSpec } from '../src/fed/task.js';
import { evaluateBaseline } from './fed-baseline.js';
import { domainSplit } from './fed-domains-data.js';
import { isPositive, loadOrMakeSplit, loadPosts, metrics, POSTS_FILE, splitPosts } from './posts-data.js';

const args = process.argv.slice(2);
const argOf = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const ROUNDS = Number(argOf('--rounds') ?? 150);
const ONLY = argOf('--task');
const DELTA = 1e-5;
export const DP_CLIP = 0.5;
const THRESHOLD = 0.5;

interface TaskData {
  title: string;
  spec: GradientTaskSpec;
  nodes: Array<[string, LabelledText[]]>;
  test: LabelledText[];
  about: string[];
}

function postsData(): TaskData {
  const posts = loadPosts();
  const { train, test } = splitPosts(posts, loadOrMakeSplit(posts));
  const source = new Map<string, string>();
  for (const line of readFileSync(POSTS_FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { id: string; collected_at?: string };
    source.set(String(o.id), o.collected_at ? `batch-${o.collected_at.slice(0, 10)}` : 'archive');
  }
  const groups = new Map<string, LabelledText[]>();
  for (const p of train) {
    const key = source.get(p.id) ?? 'archive';
    groups.set(key, [...(groups.get(key) ?? []), { text: p.text, label: isPositive(p) ? 1 : 0 }]);
  }
  return {
    title: 'post classifier (hashed n-gram logistic regression, 2^16 buckets), non-IID by collection source',
    spec: POST_TASK,
    nodes: [...groups.entries()].sort((a, b) => b[1].length - a[1].length),
    test: test.map((p) => ({ text: p.text, label: isPositive(p) ? 1 : 0 })),
    about: [],
  };
}

function domainsData(): TaskData {
  const s = domainSplit();
  return {
    title: `phishing-domain model (compact logistic over the house domain features folded to 2^${Math.log2(DOMAIN_TASK.buckets)} buckets), non-IID by brand and month`,
    spec: DOMAIN_TASK,
    nodes: s.nodes.map((n) => [n.id, n.records]),
    test: s.test,
    about: s.describe,
  };
}

/** Full-batch training in one process with the federated run's own gradient and optimiser (central, or one node alone). */
function trainDirect(spec: GradientTaskSpec, records: LabelledText[]): Float64Array {
  const { rows, labels } = prepareRecords(spec, records);
  const pos = labels.filter((y) => y === 1).length;
  const positiveWeight = pos > 0 ? (labels.length - pos) / pos : 1;
  const totalWeight = labels.reduce((a, y) => a + (y === 1 ? positiveWeight : 1), 0);
  const adam = new ServerAdam(spec);
  for (let r = 0; r < ROUNDS; r++) adam.step(localGradient(adam.model, rows, labels, { positiveWeight, totalWeight }));
  return adam.released();
}

async function federated(data: TaskData, epsilon?: number): Promise<FedResult> {
  const c = new Coordinator({
    nodes: data.nodes.length,
    rounds: ROUNDS,
    spec: data.spec,
    roundTimeoutMs: 300_000,
    onRound: (s) => {
      if (s.dropped.length || s.attempt > 1) console.error(`round ${s.round}: dropped ${s.dropped.join(', ')} (attempt ${s.attempt}, ${s.ms} ms)`);
    },
    ...(epsilon ? { dp: { epsilon, delta: DELTA, clip: DP_CLIP, weighting: 'logit-adjusted' as const } } : {}),
  });
  const url = await c.listen();
  try {
    await Promise.all(data.nodes.map(([id, records]) => runNode({ coordinator: url, id, records, pollMs: 5 })));
    return await c.result;
  } finally {
    await c.close();
  }
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
type M = ReturnType<typeof metrics>;
const row = (name: string, m: M) => `  ${name.padEnd(36)} F1 ${pct(m.f1)}  precision ${pct(m.precision)}  recall ${pct(m.recall)}`;

async function evaluate(data: TaskData): Promise<void> {
  const started = Date.now();
  const { rows: testRows, labels: testLabels } = prepareRecords(data.spec, data.test);
  const score = (model: Float64Array) => metrics(scoreRows(model, testRows), testLabels, THRESHOLD);
  console.log(`\n== ${data.title}`);
  console.log(`${data.nodes.length} nodes, ${ROUNDS} rounds, held-out test ${testLabels.length} records (${testLabels.filter((y) => y === 1).length} positive), threshold ${THRESHOLD}`);
  for (const a of data.about) console.log(`  ${a}`);
  for (const [id, r] of data.nodes) console.log(`  node ${id.padEnd(17)} ${String(r.length).padStart(6)} records, ${String(r.filter((x) => x.label === 1).length).padStart(6)} positive`);
  const central = score(trainDirect(data.spec, data.nodes.flatMap(([, r]) => r)));
  console.log('\nF1 on the held-out test part');
  console.log(row('central (all data pooled)', central));
  const alone = data.nodes.map(([id, r]) => ({ id, m: score(trainDirect(data.spec, r)) }));
  for (const a of alone) console.log(row(`node ${a.id} alone`, a.m));
  const runs: Array<{ name: string; r: FedResult; m: M }> = [];
  for (const eps of [undefined, 8, 4, 1]) {
    const r = await federated(data, eps);
    const m = score(r.model);
    const name = eps ? `federated, DP ε=${eps} (δ=${DELTA})` : 'federated, no DP';
    runs.push({ name, r, m });
    console.log(row(name, m) + (r.dp ? `  [accountant ε ${r.dp.epsilon.toFixed(2)} over ${ROUNDS} rounds + counts, σ ${r.dp.sigma.toFixed(1)}, clip ${r.dp.clip}]` : ''));
  }

  console.log('\nFloors (issue 25)');
  const noDp = runs[0]!.m.f1;
  const eps8 = runs[1]!.m.f1;
  const pts = (x: number) => `${(100 * x).toFixed(1)} points`;
  console.log(`  federated without DP within 1 point of central: ${central.f1 - noDp <= 0.01 ? 'met' : 'NOT met'} (gap ${pts(central.f1 - noDp)})`);
  console.log(`  federated at ε=8 within 3 points of central:    ${central.f1 - eps8 <= 0.03 ? 'met' : 'NOT met'} (gap ${pts(central.f1 - eps8)})`);
  const worse = alone.filter((a) => a.m.f1 >= noDp);
  console.log(`  every node better federated than alone:         ${worse.length === 0 ? 'met' : `NOT met (${worse.map((w) => w.id).join(', ')})`} (smallest gain ${pts(Math.min(...alone.map((a) => noDp - a.m.f1)))}; at ε=8: ${alone.filter((a) => a.m.f1 >= eps8).length} nodes not better)`);

  console.log('\nCost per round (loopback HTTP, all nodes in one process on a shared, loaded machine)');
  for (const { name, r } of runs) {
    const rs = r.rounds.filter((s) => s.round > 0);
    const ms = rs.reduce((a, s) => a + s.ms, 0) / rs.length;
    const mean = (rec: (s: (typeof rs)[number]) => Record<string, number>) => rs.reduce((a, s) => a + Object.values(rec(s)).reduce((x, y) => x + y, 0) / Object.keys(rec(s)).length, 0) / rs.length;
    console.log(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(5)} ms/round  ${(mean((s) => s.bytesIn) / 1024).toFixed(0).padStart(4)} KiB up, ${(mean((s) => s.bytesOut) / 1024).toFixed(0).padStart(4)} KiB down per node per round`);
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

if (!ONLY || ONLY === 'posts') await evaluate(postsData());
if (!ONLY || ONLY === 'domains') await evaluate(domainsData());
if (!ONLY || ONLY === 'baseline') await evaluateBaseline();
