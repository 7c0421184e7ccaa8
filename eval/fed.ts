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
 * number of steps, in process, so the comparison is of who sees which data.
 *
 * Per node (issue 25, "every node's federated model better than its own alone"): each node's records are
 * cut by hash BEFORE anything is trained into its own held-out test part (15%), its validation part (15%)
 * and the rest, which is all any regime trains on. Every model is scored twice per node, at that node's
 * operating point: the threshold of best F1 on the node's validation part (one rule for alone, central,
 * federated and personalised; never picked on a test part): on the shared held-out test and on the
 * node's own test part. Personalised = the released federated model fine-tuned on the node's own
 * training part, early-stopped on its validation part (src/fed/personalise.ts, run inside runNode after
 * the last round): it reads only the node's own data and sends nothing, so it spends no privacy budget.
 * The global rows at threshold 0.5 on the shared test are kept for the central-vs-federated floors.
 *
 * DP settings (clip 0.5, logit-adjusted class weighting) were chosen on a development split of the
 * post training part (eval/fed-tune.ts), never on a test part; the domain task uses them unchanged.
 *
 *   node dist/eval/fed.js [--rounds 150] [--task posts|domains|baseline]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Coordinator, type FedResult } from '../src/fed/coordinator.js';
import { runNode } from '../src/fed/node.js';
import { POST_TASK, ServerAdam, localGradient, scoreRows, type LabelledText } from '../src/fed/posts-task.js';
import { DOMAIN_TASK } from '../src/fed/domains-task.js';
import { bestF1Threshold, type Labelled, type Personalised } from '../src/fed/personalise.js';
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
/** Percent of each node's records kept as its own held-out test part, and as its validation part. */
const LOCAL_TEST = 15;
const LOCAL_VAL = 15;

export interface TaskData {
  title: string;
  spec: GradientTaskSpec;
  nodes: Array<[string, LabelledText[]]>;
  test: LabelledText[];
  about: string[];
}

export function postsData(): TaskData {
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

export function domainsData(): TaskData {
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
export function trainDirect(spec: GradientTaskSpec, records: LabelledText[]): Float64Array {
  const { rows, labels } = prepareRecords(spec, records);
  const pos = labels.filter((y) => y === 1).length;
  const positiveWeight = pos > 0 ? (labels.length - pos) / pos : 1;
  const totalWeight = labels.reduce((a, y) => a + (y === 1 ? positiveWeight : 1), 0);
  const adam = new ServerAdam(spec);
  for (let r = 0; r < ROUNDS; r++) adam.step(localGradient(adam.model, rows, labels, { positiveWeight, totalWeight }));
  return adam.released();
}

async function federated(data: TaskData, trainNodes: Array<[string, LabelledText[]]>, parts: NodeParts[], epsilon?: number): Promise<{ result: FedResult; personal: Personalised[] }> {
  const c = new Coordinator({
    nodes: trainNodes.length,
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
    // Each node personalises after the run on its own validation part (node.ts; nothing is sent for it).
    const results = await Promise.all(trainNodes.map(([id, records], i) => runNode({ coordinator: url, id, records, validation: parts[i]!.valRecords, pollMs: 5 })));
    return { result: await c.result, personal: results.map((r) => r.personal as Personalised) };
  } finally {
    await c.close();
  }
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
type M = ReturnType<typeof metrics>;
const row = (name: string, m: M) => `  ${name.padEnd(36)} F1 ${pct(m.f1)}  precision ${pct(m.precision)}  recall ${pct(m.recall)}`;

/** One node's records cut before anything is trained: its own validation and held-out test parts (by a hash of the record, so duplicates stay together). */
export function localSplit(records: LabelledText[]): { train: LabelledText[]; val: LabelledText[]; test: LabelledText[] } {
  const out = { train: [] as LabelledText[], val: [] as LabelledText[], test: [] as LabelledText[] };
  for (const r of records) {
    const u = createHash('sha256').update(`fed-local:${r.text}`).digest().readUInt32BE(0) % 100;
    (u < LOCAL_TEST ? out.test : u < LOCAL_TEST + LOCAL_VAL ? out.val : out.train).push(r);
  }
  return out;
}

const BOOTSTRAP = 1000;

/**
 * F1 of model a minus F1 of model b (each at its own threshold) on `d`, and the 2.5th and 97.5th
 * percentiles of that difference over resamples of d's records with replacement (the same resample for
 * both: a paired bootstrap). Seeded by the node's name, so a re-run prints the same interval.
 */
function gainInterval(a: [Float64Array, number], b: [Float64Array, number], d: Labelled, seed: string): { gain: number; lo: number; hi: number } {
  const pa = scoreRows(a[0], d.rows).map((s) => s >= a[1]);
  const pb = scoreRows(b[0], d.rows).map((s) => s >= b[1]);
  const f1 = (pred: boolean[], idx: number[]) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const i of idx) {
      if (pred[i] && d.labels[i] === 1) tp++;
      else if (pred[i]) fp++;
      else if (d.labels[i] === 1) fn++;
    }
    return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  };
  const all = d.labels.map((_, i) => i);
  let state = createHash('sha256').update(`fed-bootstrap:${seed}`).digest().readUInt32BE(0);
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const diffs: number[] = [];
  for (let r = 0; r < BOOTSTRAP; r++) {
    const idx = all.map(() => Math.floor(next() * all.length));
    diffs.push(f1(pa, idx) - f1(pb, idx));
  }
  diffs.sort((x, y) => x - y);
  return { gain: f1(pa, all) - f1(pb, all), lo: diffs[Math.floor(0.025 * BOOTSTRAP)]!, hi: diffs[Math.floor(0.975 * BOOTSTRAP)]! };
}

interface NodeParts {
  id: string;
  train: LabelledText[];
  valRecords: LabelledText[];
  val: Labelled;
  test: Labelled;
}

async function evaluate(data: TaskData): Promise<void> {
  const started = Date.now();
  const shared = prepareRecords(data.spec, data.test);
  const { rows: testRows, labels: testLabels } = shared;
  const score = (model: Float64Array) => metrics(scoreRows(model, testRows), testLabels, THRESHOLD);
  const nodes: NodeParts[] = data.nodes.map(([id, records]) => {
    const s = localSplit(records);
    return { id, train: s.train, valRecords: s.val, val: prepareRecords(data.spec, s.val), test: prepareRecords(data.spec, s.test) };
  });
  const trainNodes: Array<[string, LabelledText[]]> = nodes.map((n) => [n.id, n.train]);
  console.log(`\n== ${data.title}`);
  console.log(`${data.nodes.length} nodes, ${ROUNDS} rounds, held-out test ${testLabels.length} records (${testLabels.filter((y) => y === 1).length} positive)`);
  for (const a of data.about) console.log(`  ${a}`);
  console.log(`  each node's records cut by hash before training: ${LOCAL_TEST}% its own held-out test, ${LOCAL_VAL}% its validation, the rest trained on (by every regime)`);
  const pos = (l: number[]) => l.filter((y) => y === 1).length;
  for (const n of nodes) console.log(`  node ${n.id.padEnd(17)} train ${String(n.train.length).padStart(6)} (${String(n.train.filter((x) => x.label === 1).length).padStart(5)} positive)  validation ${String(n.val.labels.length).padStart(5)} (${String(pos(n.val.labels)).padStart(4)})  own test ${String(n.test.labels.length).padStart(5)} (${String(pos(n.test.labels)).padStart(4)})`);
  const centralModel = trainDirect(data.spec, trainNodes.flatMap(([, r]) => r));
  const central = score(centralModel);
  console.log('\nF1 on the shared held-out test part, threshold 0.5 (global models)');
  console.log(row('central (all data pooled)', central));
  const aloneModels = trainNodes.map(([, r]) => trainDirect(data.spec, r));
  const alone = nodes.map((n, i) => ({ id: n.id, m: score(aloneModels[i]!) }));
  for (const a of alone) console.log(row(`node ${a.id} alone`, a.m));
  const runs: Array<{ name: string; r: FedResult; m: M; personal: Personalised[] }> = [];
  for (const eps of [undefined, 8, 4, 1]) {
    const { result: r, personal } = await federated(data, trainNodes, nodes, eps);
    const m = score(r.model);
    const name = eps ? `federated, DP ε=${eps} (δ=${DELTA})` : 'federated, no DP';
    runs.push({ name, r, m, personal });
    console.log(row(name, m) + (r.dp ? `  [accountant ε ${r.dp.epsilon.toFixed(2)} over ${ROUNDS} rounds + counts, σ ${r.dp.sigma.toFixed(1)}, clip ${r.dp.clip}]` : ''));
  }

  // Each node's operating point: the threshold of best F1 on its own validation part, the same rule for every model.
  const f1At = (model: Float64Array, t: number, d: Labelled) => metrics(scoreRows(model, d.rows), d.labels, t).f1;
  const columns = ['alone', 'central', 'fed', 'fed+pers', 'ε=8', 'ε=8+pers'] as const;
  const perNode = nodes.map((n, i) => {
    const own = (model: Float64Array) => bestF1Threshold(scoreRows(model, n.val.rows), n.val.labels);
    const models: Array<[Float64Array, number]> = [aloneModels[i]!, centralModel, runs[0]!.r.model].map((m) => [m, own(m)] as [Float64Array, number]);
    models.push([runs[0]!.personal[i]!.model, runs[0]!.personal[i]!.threshold], [runs[1]!.r.model, own(runs[1]!.r.model)], [runs[1]!.personal[i]!.model, runs[1]!.personal[i]!.threshold]);
    return {
      id: n.id,
      ownDefined: pos(n.test.labels) > 0,
      shared: models.map(([m, t]) => f1At(m, t, shared)),
      own: models.map(([m, t]) => f1At(m, t, n.test)),
      steps: `${runs[0]!.personal[i]!.steps} / ${runs[1]!.personal[i]!.steps}`,
      // How sure the verdict's comparison is: personalised (no DP) minus alone on the judged part, resampled.
      gain: gainInterval(models[3]!, models[0]!, pos(n.test.labels) > 0 ? n.test : shared, n.id),
    };
  });
  const header = (title: string) => `  ${title.padEnd(34)}${columns.map((c) => c.padStart(9)).join('')}`;
  const cells = (xs: number[]) => xs.map((x) => pct(x).padStart(9)).join('');
  console.log(`\nF1 per node at the node's own operating point (threshold: best F1 on its own validation part, 0.5 if that part lacks a class;`);
  console.log(`fed = the global federated model; +pers = fine-tuned on the node's own training part, early-stopped on its validation part)`);
  console.log(header('on the shared held-out test') + '   fine-tune steps (no DP / ε=8)');
  for (const p of perNode) console.log(`  node ${p.id.padEnd(29)}${cells(p.shared)}   ${p.steps}`);
  const mean = (k: number, pick: (p: (typeof perNode)[number]) => number[]) => perNode.reduce((a, p) => a + pick(p)[k]!, 0) / perNode.length;
  console.log(`  ${'mean over nodes'.padEnd(34)}${cells(columns.map((_, k) => mean(k, (p) => p.shared)))}`);
  console.log(header("on the node's own held-out test"));
  for (const p of perNode) console.log(`  node ${p.id.padEnd(29)}${p.ownDefined ? cells(p.own) : '   (no positive in its own test part: F1 undefined)'}`);

  console.log('\nFloors (issue 25)');
  const noDp = runs[0]!.m.f1;
  const eps8 = runs[1]!.m.f1;
  const pts = (x: number) => `${(100 * x).toFixed(1)} points`;
  console.log(`  federated without DP within 1 point of central: ${central.f1 - noDp <= 0.01 ? 'met' : 'NOT met'} (gap ${pts(central.f1 - noDp)}; shared test, threshold 0.5)`);
  console.log(`  federated at ε=8 within 3 points of central:    ${central.f1 - eps8 <= 0.03 ? 'met' : 'NOT met'} (gap ${pts(central.f1 - eps8)}; shared test, threshold 0.5)`);
  const gapNodes = (k: number) => mean(1, (p) => p.shared) - mean(k, (p) => p.shared);
  console.log(`    at each node's own threshold (mean over nodes, shared test): global ε=8 gap ${pts(gapNodes(4))} (${gapNodes(4) <= 0.03 ? 'within' : 'NOT within'} 3), personalised ε=8 gap ${pts(gapNodes(5))} (${gapNodes(5) <= 0.03 ? 'within' : 'NOT within'} 3)`);
  // The verdict: personalised federated vs alone, each at the node's own threshold, on what the node cares
  // about (its own held-out test part); a node whose own part holds no positive is judged on the shared test.
  const judged = (p: (typeof perNode)[number]) => (p.ownDefined ? p.own : p.shared);
  const notBetter = (k: number, pick: (p: (typeof perNode)[number]) => number[]) => perNode.filter((p) => pick(p)[k]! <= pick(p)[0]!).map((p) => p.id);
  const verdict = notBetter(3, judged);
  console.log(`  every node better federated than alone:         ${verdict.length === 0 ? 'met' : `NOT met (${verdict.join(', ')})`} (judged on personalised federated without DP vs alone, each at its validation threshold, on the node's own test part, or the shared test where its own part has no positive)`);
  console.log(`    gain in F1 there, with a 95% paired-bootstrap interval over the judged part's records (${BOOTSTRAP} resamples):`);
  for (const p of perNode) console.log(`      ${p.id.padEnd(22)} ${p.gain.gain >= 0 ? '+' : ''}${(100 * p.gain.gain).toFixed(1)} [${(100 * p.gain.lo).toFixed(1)}, ${(100 * p.gain.hi).toFixed(1)}] points on the ${p.ownDefined ? 'own' : 'shared'} test`);
  for (const [k, label] of [[2, 'global, no DP'], [3, 'personalised, no DP'], [4, 'global, ε=8'], [5, 'personalised, ε=8']] as const) {
    const own = notBetter(k, judged);
    const sh = notBetter(k, (p) => p.shared);
    console.log(`    ${label.padEnd(22)} not better than alone: own test ${own.length ? own.join(', ') : 'none'}; shared test ${sh.length ? sh.join(', ') : 'none'}`);
  }

  console.log('\nCost per round (loopback HTTP, all nodes in one process on a shared, loaded machine)');
  for (const { name, r } of runs) {
    const rs = r.rounds.filter((s) => s.round > 0);
    const ms = rs.reduce((a, s) => a + s.ms, 0) / rs.length;
    const meanOf = (rec: (s: (typeof rs)[number]) => Record<string, number>) => rs.reduce((a, s) => a + Object.values(rec(s)).reduce((x, y) => x + y, 0) / Object.keys(rec(s)).length, 0) / rs.length;
    console.log(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(5)} ms/round  ${(meanOf((s) => s.bytesIn) / 1024).toFixed(0).padStart(4)} KiB up, ${(meanOf((s) => s.bytesOut) / 1024).toFixed(0).padStart(4)} KiB down per node per round`);
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

// Run only as the script (eval/fed-personal-dev.ts imports the data functions).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!ONLY || ONLY === 'posts') await evaluate(postsData());
  if (!ONLY || ONLY === 'domains') await evaluate(domainsData());
  if (!ONLY || ONLY === 'baseline') await evaluateBaseline();
}
