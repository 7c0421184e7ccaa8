import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RugScore } from '../types.js';
import { Gbdt, type GbdtJson } from './gbdt.js';

export { computeRugFeatures, type PairChainData, type LiveFeatures } from './features.js';
export { RUG_FEATURES, type RugFeatures } from './dataset.js';

/** models/rug-score.json: the trained trees plus what they were trained on. */
export interface RugModelFile {
  name: string;
  date: string;
  variant: string;
  dataset: string;
  /** Rows trained on, by class. */
  trainRows: { rug: number; notRug: number };
  model: GbdtJson;
}

/** Finds models/<file> walking up from this module (works from src/ under vitest and from dist/src/). */
export function modelPath(file = 'rug-score.json'): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'models', file);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`models/${file} not found above ${fileURLToPath(import.meta.url)}; run npm run train:rug`);
}

export function loadRugModel(file = modelPath()): RugScorer {
  return new RugScorer(JSON.parse(readFileSync(file, 'utf8')) as RugModelFile);
}

export class RugScorer {
  readonly gbdt: Gbdt;

  constructor(readonly file: RugModelFile) {
    this.gbdt = Gbdt.fromJSON(file.model);
  }

  get features(): string[] {
    return this.gbdt.features;
  }

  /**
   * Scores one token from its features (by name; those the model does not use are ignored, a missing or
   * non-finite one counts as missing and follows each split's left branch). `drivers` are the features
   * whose path contributions (log-odds, Saabas) pushed the score up most, largest first.
   */
  score(features: Record<string, number | null | undefined>, topDrivers = 5): RugScore {
    const x = this.gbdt.features.map((f) => {
      const v = features[f];
      return typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN;
    });
    const { raw, contributions } = this.gbdt.explain(x);
    const drivers = this.gbdt.features
      .map((feature, i) => ({ feature, value: x[i] as number, contribution: contributions[i] as number }))
      .filter((d) => d.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, topDrivers);
    return {
      probability: 1 / (1 + Math.exp(-raw)),
      features: Object.fromEntries(this.gbdt.features.map((f, i) => [f, x[i] as number])),
      drivers,
      model: `${this.file.name} (${this.file.variant}, ${this.file.date})`,
    };
  }
}
