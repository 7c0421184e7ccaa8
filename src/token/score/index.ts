import { readFileSync } from 'node:fs';
import type { RugScore } from '../types.js';
import { Gbdt, type GbdtJson } from './gbdt.js';
import { modelFile, packagePath } from '../../core/package-root.js';

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

/** models/<file> of the package. */
export function modelPath(file = 'rug-score.json'): string {
  const found = modelFile(file);
  if (!found) throw new Error(`models/${file} not found in ${packagePath()}; run npm run train:rug`);
  return found;
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
