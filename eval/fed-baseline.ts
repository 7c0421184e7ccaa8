/**
 * eval:fed --task baseline: the monitor's learned baseline trained across organisations. The shipped
 * baseline is an isolation forest, which cannot be assembled from sums; the federated one is a
 * histogram-based outlier score (HBOS) over the same features with fixed public bins
 * (src/fed/baseline-task.ts), its counts summed by the secure aggregation in one round.
 *
 * Nodes: four organisations, each a separate devnet's background traffic (training seeds of different
 * sizes and wallet counts; eval/fed-baseline-data.ts). Test: eval:monitor's held-out seeds, attacker
 * transactions (positive) against background actions (negative), senders with at least MIN_HISTORY
 * earlier transactions (the rows the baseline scores). Unsupervised: no label is used in training.
 *
 * Reported: ROC-AUC for the shipped forest (models/monitor-baseline.json, for reference), a forest fitted
 * on the pooled node rows, central HBOS, each node's HBOS alone, federated HBOS without DP and with DP at
 * ε 1, 4, 8 (δ 1e-5; three runs each, fresh noise, mean and worst). At the shipped forest's operating
 * point (its threshold's alert count on the test rows, k), each HBOS model's top k: attacker
 * transactions among them and the share of them the central HBOS also alerts on.
 */
import { Coordinator, type FedResult } from '../src/fed/coordinator.js';
import { runNode } from '../src/fed/node.js';
import { createHash } from 'node:crypto';
import { HbosScorer, countRows, personaliseHistogram } from '../src/fed/baseline-task.js';
import { BASELINE_TASK } from '../src/monitor/baseline/fed-bins.js';
import { IsolationForest } from '../src/monitor/baseline/isolation-forest.js';
import { BaselineScorer, loadBaselineModel } from '../src/monitor/baseline/model.js';
import { rocAuc } from './baseline-score.js';
import { MIN_HISTORY, baselineFedData, type LabelledRow } from './fed-baseline-data.js';

const DELTA = 1e-5;
const REPEATS = 3;

async function federated(nodes: Array<{ id: string; rows: number[][] }>, epsilon?: number): Promise<FedResult> {
  const c = new Coordinator({
    nodes: nodes.length,
    rounds: 1,
    spec: BASELINE_TASK,
    roundTimeoutMs: 300_000,
    // clip is the gradient tasks' setting; the histogram's sensitivity is fixed by the task (√features).
    ...(epsilon ? { dp: { epsilon, delta: DELTA, clip: 1 } } : {}),
  });
  const url = await c.listen();
  try {
    await Promise.all(nodes.map((n) => runNode({ coordinator: url, id: n.id, records: n.rows.map((r) => ({ text: JSON.stringify(r), label: 0 as const })), pollMs: 5 })));
    return await c.result;
  } finally {
    await c.close();
  }
}

interface Scored {
  auc: number;
  /** Attacker transactions among the top k. */
  caught: number;
  /** Share of the top k that the reference (central HBOS) top k holds too. */
  agreement: number;
}

/** Percent of each node's rows kept as its own held-out test part, and as its validation part (as eval:fed). */
const LOCAL_TEST = 15;
const LOCAL_VAL = 15;

export async function evaluateBaseline(): Promise<void> {
  const started = Date.now();
  const full = await baselineFedData();
  // Each node's rows cut before anything is fitted: its validation and own held-out test parts (by a hash of the row's place).
  const parts = full.nodes.map((n) => {
    const cut = { train: [] as number[][], val: [] as number[][], test: [] as number[][] };
    n.rows.forEach((r, i) => {
      const u = createHash('sha256').update(`fed-local:${n.id}:${i}`).digest().readUInt32BE(0) % 100;
      (u < LOCAL_TEST ? cut.test : u < LOCAL_TEST + LOCAL_VAL ? cut.val : cut.train).push(r);
    });
    return { id: n.id, ...cut };
  });
  const data = { ...full, nodes: full.nodes.map((n, i) => ({ ...n, rows: parts[i]!.train })) };
  const test: LabelledRow[] = data.test.filter((r) => r.history >= MIN_HISTORY);
  const positives = test.filter((r) => r.label === 1).length;
  const shipped = new BaselineScorer(loadBaselineModel());
  const k = test.filter((r) => shipped.score(r.row) >= shipped.model.threshold).length;
  const topK = (score: (row: number[]) => number): Set<number> => new Set(test.map((r, i) => ({ i, s: score(r.row) })).sort((a, b) => b.s - a.s).slice(0, k).map((x) => x.i));
  const pooled = data.nodes.flatMap((n) => n.rows);
  const central = new HbosScorer(BASELINE_TASK, countRows(BASELINE_TASK, pooled));
  const reference = topK((r) => central.score(r));
  const measure = (score: (row: number[]) => number): Scored => {
    const s = test.map((r) => score(r.row));
    const top = topK(score);
    return {
      auc: rocAuc(s.filter((_, i) => test[i]!.label === 1), s.filter((_, i) => test[i]!.label === 0)) ?? NaN,
      caught: [...top].filter((i) => test[i]!.label === 1).length,
      agreement: k ? [...top].filter((i) => reference.has(i)).length / k : 1,
    };
  };
  const line = (name: string, m: Scored, extra = '') => `  ${name.padEnd(40)} AUC ${m.auc.toFixed(3)}  top-${k}: ${String(m.caught).padStart(3)} attacker, agreement with central HBOS ${(100 * m.agreement).toFixed(0).padStart(3)}%${extra}`;

  console.log('\n== monitor baseline (HBOS over the baseline features, fixed public bins), nodes = separate traffic sources');
  for (const [i, n] of data.nodes.entries()) console.log(`  node ${n.id} (devnet seed ${n.seed}) ${String(n.rows.length).padStart(6)} rows trained on, ${String(parts[i]!.val.length).padStart(4)} validation, ${String(parts[i]!.test.length).padStart(4)} own held-out test (cut by hash before fitting: ${LOCAL_TEST}% / ${LOCAL_VAL}%)`);
  console.log(`held-out test (eval:monitor seeds): ${test.length} scored transactions, ${positives} attacker; operating point k = ${k} = alerts of the shipped forest at its threshold ${shipped.model.threshold}`);
  console.log('\nROC-AUC, attacker vs background transactions');
  const forestShipped = measure((r) => shipped.score(r));
  console.log(line(`shipped isolation forest (reference)`, forestShipped));
  const forest = IsolationForest.fit(pooled, { trees: 100, sampleSize: 256, seed: 'fed-baseline-central' });
  console.log(line('isolation forest on the pooled node rows', measure((r) => forest.score(r))));
  const c = measure((r) => central.score(r));
  console.log(line('central HBOS (all rows pooled)', c));
  const alone = data.nodes.map((n) => {
    const h = new HbosScorer(BASELINE_TASK, countRows(BASELINE_TASK, n.rows));
    return { id: n.id, m: measure((r) => h.score(r)) };
  });
  for (const a of alone) console.log(line(`node ${a.id} alone`, a.m));
  const runs: Array<{ name: string; results: FedResult[]; ms: Scored[] }> = [];
  for (const eps of [undefined, 8, 4, 1]) {
    const results: FedResult[] = [];
    for (let i = 0; i < (eps ? REPEATS : 1); i++) results.push(await federated(data.nodes, eps));
    const ms = results.map((r) => {
      const h = new HbosScorer(BASELINE_TASK, r.model);
      return measure((row) => h.score(row));
    });
    const name = eps ? `federated HBOS, DP ε=${eps} (δ=${DELTA})` : 'federated HBOS, no DP';
    runs.push({ name, results, ms });
    const mean = (f: (m: Scored) => number) => ms.reduce((a, m) => a + f(m), 0) / ms.length;
    const shown: Scored = { auc: mean((m) => m.auc), caught: Math.round(mean((m) => m.caught)), agreement: mean((m) => m.agreement) };
    const dp = results[0]!.dp;
    console.log(line(name, shown, eps ? `  [${REPEATS} runs, worst AUC ${Math.min(...ms.map((m) => m.auc)).toFixed(3)}; accountant ε ${dp!.epsilon.toFixed(2)}, σ ${dp!.sigma.toFixed(2)} × √${BASELINE_TASK.edges.length} per count]` : ''));
  }

  // Per node: the global models and the node's personalised one (personaliseHistogram: its own counts
  // weighted in, the weight chosen on its validation rows; nothing sent). Operating point: the highest
  // score on the node's own validation rows (no alert on its own validation traffic), the same rule for
  // every model. Its own rows are background only (no attack labels), so the own test part measures
  // false alarms; attacks are measured on the shared test.
  const columns = ['alone', 'central', 'fed', 'fed+pers', 'ε=8', 'ε=8+pers'];
  const perNode = parts.map((p) => {
    const aloneCounts = countRows(BASELINE_TASK, p.train);
    const pers0 = personaliseHistogram(BASELINE_TASK, runs[0]!.results[0]!.model, p.train, p.val);
    const pers8 = personaliseHistogram(BASELINE_TASK, runs[1]!.results[0]!.model, p.train, p.val);
    const scorers = [aloneCounts, countRows(BASELINE_TASK, pooled), runs[0]!.results[0]!.model, pers0.counts, runs[1]!.results[0]!.model, pers8.counts].map((c) => new HbosScorer(BASELINE_TASK, c));
    return {
      id: p.id,
      weights: `${pers0.weight} / ${pers8.weight}`,
      cols: scorers.map((h) => {
        const t = Math.max(...p.val.map((r) => h.score(r)));
        const alerts = test.filter((r) => h.score(r.row) > t);
        return {
          auc: measure((r) => h.score(r)).auc,
          falseAlarms: p.test.filter((r) => h.score(r) > t).length / Math.max(1, p.test.length),
          caught: alerts.filter((r) => r.label === 1).length,
          alerts: alerts.length,
        };
      }),
    };
  });
  const head = (title: string) => `  ${title.padEnd(34)}${columns.map((c) => c.padStart(10)).join('')}`;
  console.log("\nPer node (ε=8: the first of its runs; +pers = personalised on the node: its own counts weighted in, weight by its validation rows' likelihood)");
  console.log(head('ROC-AUC on the shared held-out test') + '   own weight (no DP / ε=8)');
  for (const p of perNode) console.log(`  node ${p.id.padEnd(29)}${p.cols.map((c) => c.auc.toFixed(3).padStart(10)).join('')}   ${p.weights}`);
  console.log(head("at the node's threshold (no alert on its validation rows): false alarms on its own held-out rows"));
  for (const p of perNode) console.log(`  node ${p.id.padEnd(29)}${p.cols.map((c) => `${(100 * c.falseAlarms).toFixed(1)}%`.padStart(10)).join('')}`);
  console.log(head('… and attackers caught / alerts on the shared test'));
  for (const p of perNode) console.log(`  node ${p.id.padEnd(29)}${p.cols.map((c) => `${c.caught}/${c.alerts}`.padStart(10)).join('')}`);

  console.log('\nFloors (issue 25, read for AUC)');
  const noDp = runs[0]!.ms[0]!.auc;
  const eps8 = runs[1]!.ms.reduce((a, m) => a + m.auc, 0) / REPEATS;
  const pts = (x: number) => `${(100 * x).toFixed(1)} points`;
  console.log(`  federated without DP within 1 point of central HBOS: ${c.auc - noDp <= 0.01 ? 'met' : 'NOT met'} (gap ${pts(c.auc - noDp)})`);
  console.log(`  federated at ε=8 within 3 points of central HBOS:    ${c.auc - eps8 <= 0.03 ? 'met' : 'NOT met'} (gap ${pts(c.auc - eps8)}, mean of ${REPEATS})`);
  const notBetter = (k: number) => perNode.filter((p) => p.cols[k]!.auc <= p.cols[0]!.auc).map((p) => p.id);
  const verdict = notBetter(3);
  console.log(`  every node better federated than alone:              ${verdict.length === 0 ? 'met' : `NOT met (${verdict.join(', ')})`} (judged on personalised federated without DP vs alone, AUC on the shared test: a node's own rows hold no attack)`);
  for (const [k, label] of [[2, 'global, no DP'], [3, 'personalised, no DP'], [4, 'global, ε=8'], [5, 'personalised, ε=8']] as const) {
    const nb = notBetter(k);
    console.log(`    ${label.padEnd(22)} not better than alone: ${nb.length ? nb.join(', ') : 'none'} (smallest gain ${pts(Math.min(...perNode.map((p) => p.cols[k]!.auc - p.cols[0]!.auc)))})`);
  }

  console.log('\nCost per round (one histogram round; loopback HTTP, all nodes in one process on a shared, loaded machine)');
  for (const { name, results } of runs) {
    const rs = results.flatMap((r) => r.rounds);
    const ms = rs.reduce((a, s) => a + s.ms, 0) / rs.length;
    const mean = (rec: (s: (typeof rs)[number]) => Record<string, number>) => rs.reduce((a, s) => a + Object.values(rec(s)).reduce((x, y) => x + y, 0) / Object.keys(rec(s)).length, 0) / rs.length;
    console.log(`  ${name.padEnd(40)} ${ms.toFixed(0).padStart(5)} ms/round  ${(mean((s) => s.bytesIn) / 1024).toFixed(1).padStart(5)} KiB up, ${(mean((s) => s.bytesOut) / 1024).toFixed(1).padStart(5)} KiB down per node per round`);
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
