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

/** A fold for a project host outside the evaluation's folds (the shipped model trains on every host). */
function fnvFold(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FOLDS;
}

function row(domain: string, y: 0 | 1): TrainingRow | null {
  const p = parseHost(domain);
  if (!p.ok || p.value.isIp) return null;
  const parsed: ParsedHost = p.value;
  const look = checkLookalike(parsed);
  return { parsed, brand: look.brandHit, lure: look.lureHit, y };
}

export const TRAIN_OPTIONS = { epochs: 5, learningRate: 0.4, l2: 1e-6, seed: 20260127 };
/**
 * The operating point is set on the sites users visit: the model's threshold keeps this share of the
 * out-of-fold real project hosts under it…
 */
export const TARGET_PROJECT_PASS = 0.997;
/**
 * …and at least this share of the other out-of-fold legitimate names (MetaMask's allowlist is full of names
 * that resemble brands on purpose; the lookalike rules, not the model's threshold, answer for those).
 */
export const TARGET_NEGATIVE_PASS = 0.99;
/** Share of the negative draws given to real project hosts (the rest: the other legitimate names). */
export const PROJECT_SHARE = 0.5;
const FOLDS = PROJECT_FOLDS;

const quantile = (sorted: number[], q: number) => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number) : 0);

export function trainDomainModel(cutoff: string, all: DatedDomain[] = loadScamSniffer(), log: (s: string) => void = () => {}, data: TrainDataOptions = {}): TrainResult {
  const t0 = performance.now();
  const legit = legitSets();
  // Mined domains that fall in an evaluation half are dropped, so no legitimate domain is both.
  const evalHalves = new Set([...legit.metamaskAllow.eval, ...legit.tokenProjects.eval, ...legit.wellKnown.eval]);
  const mined = legit.mined.filter((d) => !evalHalves.has(d));
  const projects = (data.projects ?? []).filter((p) => !evalHalves.has(p.host));
  const projectHosts = new Set(projects.map((p) => p.host));
  const negatives = [...new Set([...legit.brands, ...legit.metamaskAllow.train, ...legit.tokenProjects.train, ...legit.wellKnown.train, ...mined])].filter((d) => !projectHosts.has(d));
  const positives = all.filter((d) => d.firstSeen < cutoff).map((d) => d.domain);
  const posSet = new Set(positives);
  const rows: TrainingRow[] = [];
  /** Fold of each row (positives and other negatives by position, project hosts by their own fold). */
  const fold: number[] = [];
  const isProject: boolean[] = [];
  for (const d of positives) {
    const r = row(d, 1);
    if (r) {
      fold.push(rows.length % FOLDS);
      isProject.push(false);
      rows.push(r);
    }
  }
  let negRows = 0;
  let projectRows = 0;
  for (const d of negatives) {
    if (posSet.has(d)) continue; // listed as phishing by ScamSniffer: do not teach it as legitimate
    const r = row(d, 0);
    if (r) {
      fold.push(negRows % FOLDS);
      isProject.push(false);
      rows.push(r);
      negRows++;
    }
  }
  for (const p of projects) {
    if (posSet.has(p.host)) continue;
    const r = row(p.host, 0);
    if (r) {
      fold.push(p.fold >= 0 ? p.fold : fnvFold(p.registrable));
      isProject.push(true);
      rows.push(r);
      projectRows++;
    }
  }
  const packed = packRows(rows);
  // Weighted draws: the project hosts get PROJECT_SHARE of the negative draws whatever their number.
  const drawWeight = new Float32Array(rows.length);
  const otherNeg = negRows;
  for (let i = 0; i < rows.length; i++) if (!packed.y[i]) drawWeight[i] = isProject[i] ? (projectRows ? PROJECT_SHARE / projectRows : 0) : (projectRows ? 1 - PROJECT_SHARE : 1) / otherNeg;
  log(`rows: ${rows.length - negRows - projectRows} phishing (first seen before ${cutoff}), ${negRows} legitimate names, ${projectRows} real project hosts; featurised in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Threshold from out-of-fold scores of the legitimate rows: FOLDS models, each trained without one fold
  // of every class (project hosts by their fold, so a project's hosts are never on both sides).
  const oof: number[] = [];
  const oofProject: number[] = [];
  const oofPos: number[] = [];
  const foldWeights: { weights: Float32Array; bias: number }[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const subset: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < packed.length; i++) (fold[i] === k ? held : subset).push(i);
    const m = trainLogistic(packed, { ...TRAIN_OPTIONS, subset: Int32Array.from(subset), drawWeight });
    if (data.foldModels && projectRows > 0) foldWeights.push(m);
    for (const i of held) (packed.y[i] ? oofPos : isProject[i] ? oofProject : oof).push(predictRow(packed, i, m.weights, m.bias));
    log(`fold ${k + 1}/${FOLDS} done (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  oof.sort((a, b) => a - b);
  oofProject.sort((a, b) => a - b);
  const threshold = Math.max(0.5, quantile(oof, TARGET_NEGATIVE_PASS), quantile(oofProject, TARGET_PROJECT_PASS));
  const oofRecall = oofPos.filter((p) => p >= threshold).length / oofPos.length;
  const oofFp = oof.filter((p) => p >= threshold).length / oof.length;
  const oofProjectFp = oofProject.length ? oofProject.filter((p) => p >= threshold).length / oofProject.length : null;
  const final = trainLogistic(packed, { ...TRAIN_OPTIONS, drawWeight });
  const stats = {
    cutoff,
    positives: rows.length - negRows - projectRows,
    negatives: negRows,
    projectHosts: projectRows,
    projectShareOfNegativeDraws: projectRows ? PROJECT_SHARE : 0,
    negativeSources: { brandDomains: legit.brands.length, metamaskAllowTrainHalf: legit.metamaskAllow.train.length, tokenProjectsTrainHalf: legit.tokenProjects.train.length, wellKnownTrainHalf: legit.wellKnown.train.length, minedFromPackageDocs: mined.length },
    options: TRAIN_OPTIONS,
    threshold,
    outOfFold: { recall: +oofRecall.toFixed(4), falsePositiveRate: +oofFp.toFixed(4), projectFalsePositiveRate: oofProjectFp === null ? null : +oofProjectFp.toFixed(4) },
    seconds: +((performance.now() - t0) / 1000).toFixed(1),
  };
  const model = DomainModel.fromWeights(final.weights, final.bias, {
    name: 'argus-domain-ngram-logreg',
    trainedAt: new Date().toISOString().slice(0, 10),
    cutoff,
    threshold,
    training: stats,
  });
  const meta = { name: 'argus-domain-ngram-logreg', trainedAt: model.file.trainedAt, cutoff, threshold, training: { fold: true } };
  const foldModels = foldWeights.map((m) => DomainModel.fromWeights(m.weights, m.bias, meta));
  return { model, foldModels, stats };
}
