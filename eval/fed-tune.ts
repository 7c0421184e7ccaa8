/**
 * Development-split tuning of the federated DP settings (never the test part): the training part of the
 * post split is cut again, one fifth of each node's posts (by a hash of the id) kept as a development set.
 * The rounds are simulated in process with the same functions the nodes and the coordinator run
 * (localGradient, dpSensitivity, ServerAdam, the accountant, CSPRNG noise); the HTTP and masking layers
 * are exact (they change the sum by nothing), so they are left out to make a grid affordable.
 *
 *   node dist/eval/fed-tune.js
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gaussianNoise, sigmaForEpsilon } from '../src/fed/dp.js';
import { POST_TASK, ServerAdam, dpSensitivity, localGradient, scoreRows, vectorisePosts, type PostTaskSpec } from '../src/fed/posts-task.js';
import type { SparseRow } from '../src/fraud/posts/linear.js';
import { isPositive, loadOrMakeSplit, loadPosts, metrics, POSTS_FILE, splitPosts } from './posts-data.js';

const posts = loadPosts();
const { train } = splitPosts(posts, loadOrMakeSplit(posts));
const source = new Map<string, string>();
for (const line of readFileSync(POSTS_FILE, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const o = JSON.parse(line) as { id: string; collected_at?: string };
  source.set(String(o.id), o.collected_at ? `batch-${o.collected_at.slice(0, 10)}` : 'archive');
}
const isDev = (id: string) => (createHash('sha256').update(`fed-dev:${id}`).digest()[0] as number) % 5 === 0;
const fit = train.filter((p) => !isDev(p.id));
const dev = train.filter((p) => isDev(p.id));

function simulate(spec: PostTaskSpec, rounds: number, dp?: { epsilon: number; clip: number }, logitAdjust = false): number {
  const groups = new Map<string, typeof fit>();
  for (const p of fit) groups.set(source.get(p.id) ?? 'archive', [...(groups.get(source.get(p.id) ?? 'archive') ?? []), p]);
  const nodes = [...groups.values()].map((g) => ({ rows: vectorisePosts(spec, g.map((p) => p.text)), labels: g.map((p) => (isPositive(p) ? 1 : 0)) }));
  const all = nodes.flatMap((n) => n.labels);
  const pos = all.filter((y) => y === 1).length;
  const positiveWeight = logitAdjust ? 1 : (all.length - pos) / pos;
  const totalWeight = logitAdjust ? all.length : 2 * (all.length - pos);
  const sigma = dp ? sigmaForEpsilon(dp.epsilon, rounds + 1, 1e-5) : 0;
  const adam = new ServerAdam(spec);
  for (let r = 0; r < rounds; r++) {
    const g = new Float64Array(adam.model.length);
    for (const n of nodes) {
      const part = localGradient(adam.model, n.rows, n.labels, { positiveWeight, totalWeight, ...(dp ? { clip: dp.clip } : {}) });
      for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) + (part[i] as number);
    }
    if (dp) {
      const noise = gaussianNoise(g.length, (sigma * dpSensitivity(dp.clip, positiveWeight)) / totalWeight);
      for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) + (noise[i] as number);
    }
    adam.step(g);
  }
  const out = adam.released();
  if (logitAdjust) out[out.length - 1] = (out[out.length - 1] as number) + Math.log((all.length - pos) / pos);
  const devRows: SparseRow[] = vectorisePosts(spec, dev.map((p) => p.text));
  return metrics(scoreRows(out, devRows), dev.map((p) => (isPositive(p) ? 1 : 0)), 0.5).f1;
}

const grid = process.argv.slice(2);
console.log(`fit ${fit.length} posts, dev ${dev.length} (${dev.filter((p) => isPositive(p)).length} positive)`);
for (const item of grid.length ? grid : ['16:150:0.05:none', '16:150:0.05:8:1']) {
  const [bits, rounds, lr, eps, clip, adamEps, la, ema] = item.split(':');
  const spec = { ...POST_TASK, buckets: 1 << Number(bits), learningRate: Number(lr), ...(ema ? { emaDecay: Number(ema) } : {}), ...(adamEps && adamEps !== '-' ? { adamEpsilon: Number(adamEps) } : {}) };
  const f1s: number[] = [];
  const reps = eps === 'none' ? 1 : 3;
  for (let i = 0; i < reps; i++) f1s.push(simulate(spec, Number(rounds), eps === 'none' ? undefined : { epsilon: Number(eps), clip: Number(clip) }, la === 'la'));
  console.log(`${item.padEnd(22)} dev F1 ${f1s.map((f) => (100 * f).toFixed(1)).join(' ')}`);
}
