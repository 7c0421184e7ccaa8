/**
 * The crypto-posts data set (../shared/datasets/crypto-posts, janitr, MIT), the label we learn, and the fixed
 * train/test split (models/post-split.json), shared by eval/train-posts.ts and eval/fraud-posts.ts.
 *
 * Positive class: `scam` OR `phishing` OR `recovery_scam` (406 of 3,214 posts; 38 of the 42 recovery
 * scams already carry `scam`, the other 4 are labelling misses — a recovery scam is a scam). `spam` and `promo` are negatives: unwanted, but
 * not a theft attempt, and a bot that warns "do not click" on every shill would be muted by its community.
 * The `notes` field is never read: it often states the label ("bankrbot deployment scam").
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/core/random.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', ...(fileURLToPath(import.meta.url).includes(`${path.sep}dist${path.sep}`) ? ['..'] : []));
export const POSTS_FILE = path.resolve(ROOT, '..', 'shared', 'datasets', 'crypto-posts', 'posts.jsonl');
export const SPLIT_FILE = path.join(ROOT, 'models', 'post-split.json');
export const MODEL_FILE = path.join(ROOT, 'models', 'post-model.json');
export const CARD_FILE = path.join(ROOT, 'models', 'post-model.md');

export interface LabelledPost {
  id: string;
  text: string;
  labels: string[];
}

export type LabelScheme = 'scam-or-phishing' | 'scam-phishing-or-spam';

export const POSITIVE_LABELS: Record<LabelScheme, string[]> = {
  'scam-or-phishing': ['scam', 'phishing', 'recovery_scam'],
  'scam-phishing-or-spam': ['scam', 'phishing', 'recovery_scam', 'spam'],
};

export function isPositive(p: LabelledPost, scheme: LabelScheme = 'scam-or-phishing'): boolean {
  return POSITIVE_LABELS[scheme].some((l) => p.labels.includes(l));
}

export function loadPosts(file = POSTS_FILE): LabelledPost[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const o = JSON.parse(l) as { id: string; text: string; labels: string[] };
      return { id: String(o.id), text: String(o.text ?? ''), labels: o.labels ?? [] };
    });
}

/** The project's seeded PRNG, so the split and the folds are the same on every run. */
export const rng = seededRandom;

export function shuffle<T>(items: T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** Assigns each item a fold 0..k-1, stratified by class. */
export function stratifiedFolds(labels: number[], k: number, seed: string): number[] {
  const random = rng(seed);
  const fold = new Array<number>(labels.length).fill(0);
  for (const cls of [0, 1]) {
    const idx = shuffle(labels.flatMap((y, i) => (y === cls ? [i] : [])), random);
    idx.forEach((i, n) => (fold[i] = n % k));
  }
  return fold;
}

export interface SplitFile {
  seed: string;
  positive: string;
  testShare: number;
  created: string;
  train: string[];
  test: string[];
  /** Posts left out of the test part because their text (by duplicateKey) is also a training post's. */
  droppedDuplicates?: string[];
}

const SPLIT_SEED = 'argus-posts-split-1';

/** Reads models/post-split.json, or makes it (stratified 80/20, seeded) when it does not exist yet. */
export function loadOrMakeSplit(posts: LabelledPost[]): SplitFile {
  if (existsSync(SPLIT_FILE)) return JSON.parse(readFileSync(SPLIT_FILE, 'utf8')) as SplitFile;
  // Stratified on scam OR phishing, as when the committed split was made; keep it so to stay reproducible.
  const labels = posts.map((p) => (p.labels.includes('scam') || p.labels.includes('phishing') ? 1 : 0));
  const fold = stratifiedFolds(labels, 5, SPLIT_SEED);
  const split: SplitFile = {
    seed: SPLIT_SEED,
    positive: 'scam OR phishing',
    testShare: 0.2,
    created: '2026-11-25',
    train: posts.filter((_, i) => fold[i] !== 0).map((p) => p.id),
    test: posts.filter((_, i) => fold[i] === 0).map((p) => p.id),
  };
  const deduped = dropTestDuplicates(posts, split);
  writeFileSync(SPLIT_FILE, JSON.stringify(deduped) + '\n');
  return deduped;
}

/** What two posts are compared on for duplicates: NFKC, lower case, every run of white space one space. */
export function duplicateKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Test posts whose text is also a training post's (by duplicateKey): scoring them measures memory, not generalisation. */
export function crossSplitDuplicates(posts: LabelledPost[], split: Pick<SplitFile, 'train' | 'test'>): LabelledPost[] {
  const byId = new Map(posts.map((p) => [p.id, p]));
  const trainKeys = new Set(split.train.flatMap((id) => (byId.has(id) ? [duplicateKey(byId.get(id)!.text)] : [])));
  return split.test.flatMap((id) => {
    const p = byId.get(id);
    return p && trainKeys.has(duplicateKey(p.text)) ? [p] : [];
  });
}

/** The split with the test posts that duplicate a training post left out (and named in droppedDuplicates). */
export function dropTestDuplicates(posts: LabelledPost[], split: SplitFile): SplitFile {
  const dropped = new Set(crossSplitDuplicates(posts, split).map((p) => p.id));
  return { ...split, test: split.test.filter((id) => !dropped.has(id)), droppedDuplicates: [...(split.droppedDuplicates ?? []), ...dropped] };
}

/** The two parts of the split; refuses a split whose test part repeats a training post's text. */
export function splitPosts(posts: LabelledPost[], split: SplitFile): { train: LabelledPost[]; test: LabelledPost[] } {
  const duplicates = crossSplitDuplicates(posts, split);
  if (duplicates.length > 0) throw new Error(`${SPLIT_FILE}: ${duplicates.length} test posts repeat a training post's text (${duplicates.map((p) => p.id).join(', ')}); drop them with dropTestDuplicates`);
  const byId = new Map(posts.map((p) => [p.id, p]));
  const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((p): p is LabelledPost => p !== undefined);
  return { train: pick(split.train), test: pick(split.test) };
}

export interface Metrics {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function metrics(scores: number[], labels: number[], threshold: number): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  scores.forEach((s, i) => {
    const p = s >= threshold;
    const y = labels[i] === 1;
    if (p && y) tp++;
    else if (p) fp++;
    else if (y) fn++;
    else tn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, tn, precision, recall, f1 };
}

/** The threshold that maximises F1 on the given (validation) scores. */
export function bestThreshold(scores: number[], labels: number[]): { threshold: number; f1: number } {
  let best = { threshold: 0.5, f1: -1 };
  const candidates = [...new Set(scores)].sort((a, b) => a - b);
  candidates.forEach((t, i) => {
    const f1 = metrics(scores, labels, t).f1;
    // Halfway to the next lower score: the cut should not sit exactly on one validation post.
    if (f1 > best.f1) best = { threshold: i > 0 ? (t + (candidates[i - 1] as number)) / 2 : t, f1 };
  });
  return best;
}
