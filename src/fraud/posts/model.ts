/**
 * The post classifier at run time: hashed TF-IDF features (src/fraud/posts/features.ts) and a logistic
 * regression (src/fraud/posts/linear.ts), read from models/post-model.json (written by
 * eval/train-posts.ts). Explanations re-extract the post's own n-grams, so they name words, not buckets.
 */
import { readFileSync } from 'node:fs';
import { hashFeature, postFeatures, type FeatureCounts, type FeatureOptions, type PostFeatureSet } from './features.js';
import { dot, sigmoid, type SparseRow } from './linear.js';
import { modelFile, packagePath } from '../../core/package-root.js';

export const POST_MODEL_VERSION = 1;

/** The vectoriser's fitted state: which buckets are kept and their inverse document frequency. */
export interface Vectoriser {
  buckets: number;
  features: FeatureOptions;
  /** idf per bucket; 0 = the bucket was seen in fewer than minDf training posts and is ignored. */
  idf: Float64Array;
  /** Relative weight of the word block vs the char block (each block is L2-normalised first). */
  wordBlockWeight: number;
}

/** Sublinear term frequency: a word said ten times is not ten times the evidence. */
const tf = (count: number) => 1 + Math.log(count);

function blockVector(v: Vectoriser, counts: FeatureCounts, into: Map<number, number>, scale: number, names?: Map<number, string[]>): void {
  const local = new Map<number, number>();
  for (const [feature, count] of counts) {
    const b = hashFeature(feature, v.buckets);
    const idf = v.idf[b] as number;
    if (idf === 0) continue;
    local.set(b, (local.get(b) ?? 0) + tf(count) * idf);
    if (names) {
      const list = names.get(b) ?? [];
      list.push(feature);
      names.set(b, list);
    }
  }
  let norm = 0;
  for (const x of local.values()) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm === 0) return;
  for (const [b, x] of local) into.set(b, (into.get(b) ?? 0) + (scale * x) / norm);
}

/** The sparse row of one post; `names` (optional) collects which features fell in each bucket. */
export function vectorise(v: Vectoriser, text: string, names?: Map<number, string[]>): SparseRow {
  return vectoriseFeatures(v, postFeatures(text, v.features), names);
}

/** As vectorise, from features already extracted (training extracts each post's features once). */
export function vectoriseFeatures(v: Vectoriser, f: PostFeatureSet, names?: Map<number, string[]>): SparseRow {
  const { words, chars } = f;
  const acc = new Map<number, number>();
  const ww = Math.sqrt(v.wordBlockWeight);
  const cw = Math.sqrt(1 - v.wordBlockWeight);
  blockVector(v, words, acc, ww, names);
  blockVector(v, chars, acc, cw, names);
  const index = Int32Array.from([...acc.keys()].sort((a, b) => a - b));
  const value = Float64Array.from(index, (b) => acc.get(b) as number);
  return { index, value };
}

/** Counts documents per bucket over training texts and turns them into idf, dropping rare buckets. */
export function fitVectoriser(posts: PostFeatureSet[], buckets: number, features: FeatureOptions, minDf: number, wordBlockWeight: number): Vectoriser {
  const df = new Uint32Array(buckets);
  for (const { words, chars } of posts) {
    const seen = new Set<number>();
    for (const f of [...words.keys(), ...chars.keys()]) seen.add(hashFeature(f, buckets));
    for (const b of seen) df[b] = (df[b] as number) + 1;
  }
  const n = posts.length;
  const idf = Float64Array.from(df, (d) => (d >= minDf ? Math.log((n + 1) / (d + 1)) + 1 : 0));
  return { buckets, features, idf, wordBlockWeight };
}

/** models/post-model.json. Sparse arrays: `index` is delta-encoded, values rounded to keep the file small. */
export interface PostModelFile {
  version: number;
  name: string;
  date: string;
  /** What the positive class is, in the dataset's labels. */
  positive: string;
  dataset: string;
  buckets: number;
  features: FeatureOptions;
  minDf: number;
  wordBlockWeight: number;
  /** Probability at or above which a post counts as a scam/phishing lure (chosen on training folds). */
  threshold: number;
  bias: number;
  index: number[];
  idf: number[];
  weight: number[];
  training: Record<string, unknown>;
}

export interface ModelScore {
  probability: number;
  /** The post's n-grams that pushed the score up most (contribution in log-odds), largest first. */
  top: Array<{ feature: string; contribution: number }>;
}

export class PostClassifier {
  readonly vectoriser: Vectoriser;
  readonly weights: Float64Array;

  constructor(readonly file: PostModelFile) {
    if (file.version !== POST_MODEL_VERSION) throw new Error(`post model version ${String(file.version)} is not ${POST_MODEL_VERSION}; retrain with npm run train:posts`);
    const idf = new Float64Array(file.buckets);
    this.weights = new Float64Array(file.buckets);
    let at = 0;
    file.index.forEach((delta, k) => {
      at += delta;
      idf[at] = file.idf[k] as number;
      this.weights[at] = file.weight[k] as number;
    });
    this.vectoriser = { buckets: file.buckets, features: file.features, idf, wordBlockWeight: file.wordBlockWeight };
  }

  get threshold(): number {
    return this.file.threshold;
  }

  probability(text: string): number {
    return sigmoid(dot(this.weights, vectorise(this.vectoriser, text)) + this.file.bias);
  }

  score(text: string, topN = 5): ModelScore {
    const names = new Map<number, string[]>();
    const row = vectorise(this.vectoriser, text, names);
    const probability = sigmoid(dot(this.weights, row) + this.file.bias);
    const top: ModelScore['top'] = [];
    row.index.forEach((b, k) => {
      const contribution = (this.weights[b] as number) * (row.value[k] as number);
      // A bucket may hold several of the post's features; name the most readable (the longest).
      const feature = (names.get(b) ?? ['?']).sort((x, y) => y.length - x.length)[0] as string;
      if (contribution > 0) top.push({ feature: readable(feature), contribution });
    });
    top.sort((a, b) => b.contribution - a.contribution);
    // Char n-grams overlap (`clai`, `claim`, `laim`): keep one per stretch of text.
    const kept: ModelScore['top'] = [];
    for (const t of top) {
      if (kept.some((k) => k.feature.includes(t.feature) || t.feature.includes(k.feature))) continue;
      kept.push(t);
      if (kept.length === topN) break;
    }
    return { probability, top: kept };
  }
}

/** Shape tokens (features.ts) in words. */
const SHAPES: Record<string, string> = {
  urls1: 'a link',
  urls2: 'two links',
  urls3: 'many links',
  addr1: 'an address',
  addr2: 'several addresses',
  ment1: 'a mention',
  ment2: '2-3 mentions',
  ment3: 'many mentions',
  emoji1: 'some emoji',
  emoji2: 'many emoji',
  emoji3: 'lots of emoji',
  upper2: 'much upper case',
  upper3: 'shouting',
};

/** `w:claim` → `claim`, `c: mint` → `"mint"`, placeholders shown as <link>, <address>, … */
function readable(feature: string): string {
  const body = feature.slice(2);
  const text = body
    .replace(/xurlx/g, '<link>')
    .replace(/xaddrx/g, '<address>')
    .replace(/xtxhashx/g, '<tx hash>')
    .replace(/xensx/g, '<ens name>')
    .replace(/xmoneyx/g, '<amount>')
    .replace(/xtickerx/g, '<ticker>')
    .replace(/xnumx/g, '<number>')
    .replace(/xmentionx/g, '<mention>');
  if (feature.startsWith('c:')) return `"${text.trim()}"`;
  if (feature.startsWith('s:')) return `[${SHAPES[body] ?? body}]`;
  if (feature.startsWith('l:')) return `[lure: ${body}]`;
  return text;
}

/** models/post-model.json of the package. */
export function defaultPostModelPath(): string {
  const file = modelFile('post-model.json');
  if (!file) throw new Error(`models/post-model.json not found in ${packagePath()}; run npm run train:posts`);
  return file;
}

let cached: PostClassifier | undefined;

/** Loads the bundled model once per process. */
export function loadPostClassifier(file?: string): PostClassifier {
  if (file) return new PostClassifier(JSON.parse(readFileSync(file, 'utf8')) as PostModelFile);
  cached ??= new PostClassifier(JSON.parse(readFileSync(defaultPostModelPath(), 'utf8')) as PostModelFile);
  return cached;
}
