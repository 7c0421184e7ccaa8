/**
 * Trains the post classifier (models/post-model.json) on the training part of the fixed split.
 *
 * Settings (regularisation, class weight, block weights, n-gram range) are chosen by 5-fold stratified
 * cross-validation inside the training part, and so is the decision threshold (F1-best on the pooled
 * out-of-fold scores). The test part is never read here: eval/fraud-posts.ts reports on it.
 *
 *   node dist/eval/train-posts.js [--quick] [--scheme scam-or-phishing|scam-phishing-or-spam] [--out file]
 */
import { writeFileSync } from 'node:fs';
import { postFeatures, type FeatureOptions, type PostFeatureSet } from '../src/fraud/posts/features.js';
import { dot, sigmoid, trainLogistic, type LogisticOptions } from '../src/fraud/posts/linear.js';
import { fitVectoriser, POST_MODEL_VERSION, vectoriseFeatures, type PostModelFile } from '../src/fraud/posts/model.js';
import { bestThreshold, isPositive, loadOrMakeSplit, loadPosts, MODEL_FILE, POSITIVE_LABELS, splitPosts, stratifiedFolds, type LabelScheme } from './posts-data.js';

interface Config {
  buckets: number;
  features: FeatureOptions;
  minDf: number;
  wordBlockWeight: number;
  lambda: number;
  balanced: boolean;
  epochs: number;
}

function fit(feats: PostFeatureSet[], labels: number[], c: Config) {
  const v = fitVectoriser(feats, c.buckets, c.features, c.minDf, c.wordBlockWeight);
  const rows = feats.map((f) => vectoriseFeatures(v, f));
  const pos = labels.filter((y) => y === 1).length;
  const options: LogisticOptions = {
    lambda: c.lambda,
    positiveWeight: c.balanced ? (labels.length - pos) / pos : 1,
    epochs: c.epochs,
    learningRate: 0.05,
  };
  const model = trainLogistic(rows, labels, c.buckets, options);
  return { v, model, options };
}

function crossValidate(feats: PostFeatureSet[], labels: number[], c: Config, k = 5) {
  const fold = stratifiedFolds(labels, k, 'argus-posts-cv-1');
  const oof = new Array<number>(labels.length).fill(0);
  for (let f = 0; f < k; f++) {
    const trainIdx = labels.flatMap((_, i) => (fold[i] !== f ? [i] : []));
    const valIdx = labels.flatMap((_, i) => (fold[i] === f ? [i] : []));
    const { v, model } = fit(
      trainIdx.map((i) => feats[i] as PostFeatureSet),
      trainIdx.map((i) => labels[i] as number),
      c,
    );
    for (const i of valIdx) oof[i] = sigmoid(dot(model.weights, vectoriseFeatures(v, feats[i] as PostFeatureSet)) + model.bias);
  }
  return { oof, ...bestThreshold(oof, labels) };
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

function main(): void {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const schemeAt = args.indexOf('--scheme');
  const scheme = (schemeAt >= 0 ? args[schemeAt + 1] : 'scam-or-phishing') as LabelScheme;
  if (!(scheme in POSITIVE_LABELS)) throw new Error(`--scheme: one of ${Object.keys(POSITIVE_LABELS).join(', ')}`);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? (args[outAt + 1] as string) : MODEL_FILE;

  const started = Date.now();
  const posts = loadPosts();
  const split = loadOrMakeSplit(posts);
  const { train } = splitPosts(posts, split);
  const labels = train.map((p) => (isPositive(p, scheme) ? 1 : 0));
  const pos = labels.filter((y) => y === 1).length;
  console.log(`training part: ${train.length} posts, ${pos} positive (${POSITIVE_LABELS[scheme].join(' OR ')})`);

  const base: Config = { buckets: 1 << 18, features: { charMin: 3, charMax: 5, wordBigrams: true }, minDf: 2, wordBlockWeight: 0.5, lambda: 1e-4, balanced: true, epochs: 150 };
  const grid: Config[] = [];
  for (const lambda of quick ? [1e-4] : [3e-5, 1e-4, 3e-4]) {
    for (const balanced of quick ? [true] : [true, false]) {
      for (const wordBlockWeight of quick ? [0.7] : [0.5, 0.7]) {
        grid.push({ ...base, lambda, balanced, wordBlockWeight });
      }
    }
  }
  if (!quick) grid.push({ ...base, wordBlockWeight: 0.7, features: { charMin: 2, charMax: 4, wordBigrams: true } }, { ...base, wordBlockWeight: 0.7, minDf: 3 });

  const cache = new Map<string, PostFeatureSet[]>();
  const featsFor = (o: FeatureOptions) => {
    const key = JSON.stringify(o);
    let f = cache.get(key);
    if (!f) {
      f = train.map((p) => postFeatures(p.text, o));
      cache.set(key, f);
    }
    return f;
  };

  let best: { c: Config; f1: number; threshold: number } | undefined;
  const describe = (c: Config) => `λ=${c.lambda} ${c.balanced ? 'balanced' : 'unweighted'} words=${c.wordBlockWeight} chars=${c.features.charMin}-${c.features.charMax}${c.features.wordBigrams ? '' : ' no-bigrams'} minDf=${c.minDf}`;
  for (const c of grid) {
    const cv = crossValidate(featsFor(c.features), labels, c);
    console.log(`  cv F1 ${cv.f1.toFixed(3)} at threshold ${cv.threshold.toFixed(3)}  ${describe(c)}`);
    if (!best || cv.f1 > best.f1) best = { c, f1: cv.f1, threshold: cv.threshold };
  }
  if (!best) throw new Error('empty grid');
  console.log(`chosen: ${describe(best.c)} (cv F1 ${best.f1.toFixed(3)}, threshold ${best.threshold.toFixed(3)})`);

  const feats = featsFor(best.c.features);
  const { v, model, options } = fit(feats, labels, best.c);
  const index: number[] = [];
  const idf: number[] = [];
  const weight: number[] = [];
  let last = 0;
  for (let b = 0; b < v.buckets; b++) {
    if (v.idf[b] === 0) continue;
    const w = round(model.weights[b] as number, 4);
    if (w === 0) continue; // a bucket whose weight rounds to 0 contributes nothing; its idf only moves the norm a little
    index.push(b - last);
    last = b;
    idf.push(round(v.idf[b] as number, 3));
    weight.push(w);
  }
  const file: PostModelFile = {
    version: POST_MODEL_VERSION,
    name: 'argus-posts-tfidf-logreg',
    date: '2026-11-25',
    positive: POSITIVE_LABELS[scheme].join(' OR '),
    dataset: `../shared/datasets/crypto-posts/posts.jsonl (janitr @ a5b1e74, MIT); split models/post-split.json (${split.seed})`,
    buckets: v.buckets,
    features: v.features,
    minDf: best.c.minDf,
    wordBlockWeight: v.wordBlockWeight,
    threshold: round(best.threshold, 4),
    bias: round(model.bias, 4),
    index,
    idf,
    weight,
    training: { posts: train.length, positives: pos, lambda: best.c.lambda, positiveWeight: round(options.positiveWeight, 3), epochs: best.c.epochs, optimiser: 'Adam full-batch, lr 0.05', cvF1: round(best.f1, 4), folds: 5 },
  };
  const json = JSON.stringify(file);
  writeFileSync(out, json + '\n');
  console.log(`wrote ${out}: ${index.length} buckets kept, ${(json.length / 1024).toFixed(0)} KB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main();
