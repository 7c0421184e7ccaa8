/**
 * Development split for the personalisation step of eval:fed (never a test part): inside each node's
 * training part (what eval:fed trains on, after its own test and validation parts are cut off), a further
 * fifth by hash is held out as a development test. The global model is trained on the rest, pooled (without
 * DP the federated model is exactly that: eval:fed prints identical central and federated rows, so the HTTP
 * layer is left out here), each node alone on its rest, and each personalisation mode is applied with the
 * node's validation part as in eval:fed. Reported per mode: F1 on each node's development test at the
 * node's validation threshold, and how many nodes are better than alone there.
 *
 *   node dist/eval/fed-personal-dev.js [--task posts|domains]
 */
import { createHash } from 'node:crypto';
import { personalise, bestF1Threshold, type FineTuneOptions } from '../src/fed/personalise.js';
import { scoreRows } from '../src/fed/posts-task.js';
import { prepareRecords } from '../src/fed/task.js';
import { domainsData, localSplit, postsData, trainDirect, type TaskData } from './fed.js';
import { metrics } from './posts-data.js';

const MODES: Array<[string, FineTuneOptions | null]> = [
  ['global, threshold on validation', null],
  ['threshold only (no local step)', { maxSteps: 0 }],
  ['bias only (prior shift), ≤50 steps', { scope: 'bias' }],
  ['all weights, ≤50 steps (first contact)', {}],
  ['all weights, ≤200 steps, patience 10', { maxSteps: 200, patience: 10 }],
  ['all weights, ≤200 steps, learning rate ÷5', { maxSteps: 200, learningRate: 0.01 }],
];

function develop(data: TaskData): void {
  const nodes = data.nodes.map(([id, records]) => {
    const s = localSplit(records);
    const fit = s.train.filter((r) => createHash('sha256').update(`fed-personal-dev:${r.text}`).digest()[0]! % 5 !== 0);
    const dev = s.train.filter((r) => createHash('sha256').update(`fed-personal-dev:${r.text}`).digest()[0]! % 5 === 0);
    return { id, fit, fitRows: prepareRecords(data.spec, fit), val: prepareRecords(data.spec, s.val), dev: prepareRecords(data.spec, dev) };
  });
  const global = trainDirect(data.spec, nodes.flatMap((n) => n.fit));
  console.log(`\n== ${data.title.split(',')[0]}: development test inside each node's training part`);
  const f1 = (model: Float64Array, t: number, d: { rows: typeof nodes[number]['dev']['rows']; labels: number[] }) => metrics(scoreRows(model, d.rows), d.labels, t).f1;
  const alone = nodes.map((n) => {
    const m = trainDirect(data.spec, n.fit);
    return f1(m, bestF1Threshold(scoreRows(m, n.val.rows), n.val.labels), n.dev);
  });
  const defined = nodes.map((n) => n.dev.labels.some((y) => y === 1));
  const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
  console.log(`  ${'mode'.padEnd(42)}${nodes.map((n) => n.id.slice(-8).padStart(9)).join('')}   mean   better than alone`);
  console.log(`  ${'alone'.padEnd(42)}${alone.map((a, i) => (defined[i] ? pct(a) : '   n/a').padStart(9)).join('')}`);
  for (const [name, o] of MODES) {
    const scores = nodes.map((n) => {
      if (!o) return f1(global, bestF1Threshold(scoreRows(global, n.val.rows), n.val.labels), n.dev);
      const p = personalise(data.spec, global, n.fitRows, n.val, o);
      return f1(p.model, p.threshold, n.dev);
    });
    const idx = scores.map((_, i) => i).filter((i) => defined[i]);
    const mean = idx.reduce((a, i) => a + scores[i]!, 0) / idx.length;
    const better = idx.filter((i) => scores[i]! > alone[i]!).length;
    console.log(`  ${name.padEnd(42)}${scores.map((s, i) => (defined[i] ? pct(s) : '   n/a').padStart(9)).join('')} ${pct(mean)}   ${better}/${idx.length}`);
  }
}

const task = process.argv.indexOf('--task') >= 0 ? process.argv[process.argv.indexOf('--task') + 1] : undefined;
if (!task || task === 'posts') develop(postsData());
if (!task || task === 'domains') develop(domainsData());
