/**
 * Builds the training rows for the domain model from data first seen before a cut-off and trains it.
 * Shared by eval/train-domains.ts (the shipped model) and eval/fraud-domains.ts (a model trained only on
 * the past, so the evaluation on later months is honest).
 */
import { modelPoints, scoreOf, SUSPICIOUS_AT } from '../src/fraud/domains/index.js';
import { checkLookalike, type LookalikeResult } from '../src/fraud/domains/lookalike.js';
import { DomainModel } from '../src/fraud/domains/model.js';
import { parseHost, type ParsedHost } from '../src/fraud/domains/parse.js';
import { marginRow, packRows, trainLogistic, type TrainingRow } from '../src/fraud/domains/train.js';
import { legitSets, loadProjectHosts, loadScamSniffer, PROJECT_FOLDS, type DatedDomain, type ProjectHost } from './domain-data.js';

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

function row(domain: string, y: 0 | 1): (TrainingRow & { look: LookalikeResult }) | null {
  const p = parseHost(domain);
  if (!p.ok || p.value.isIp) return null;
  const parsed: ParsedHost = p.value;
  const look = checkLookalike(parsed);
  return { parsed, brand: look.brandHit, brandExact: look.brandExact, lure: look.lureHit, y, look };
}

/** A legitimate row scored out-of-fold, with what the checker needs to reach its verdict. */
interface OofLegit {
  group: string;
  parsed: ParsedHost;
  look: LookalikeResult;
  /** The fold model's margin (log-odds). */
  z: number;
}

/** Is this legitimate row flagged (suspicious or worse) by the checker when the model's threshold is `t` log-odds? */
function flaggedAt(r: OofLegit, t: number): boolean {
  if (r.look.official) return false;
  const points = modelPoints(r.z - t, r.parsed, r.look);
  return scoreOf([...r.look.reasons, { points, code: 'model', reason: '' }]) >= SUSPICIOUS_AT;
}

/** Flagged share of each development group at threshold `t` (log-odds). */
function groupRates(rows: OofLegit[], t: number): Record<string, { n: number; flagged: number; rate: number }> {
  const out: Record<string, { n: number; flagged: number; rate: number }> = {};
  for (const r of rows) {
    const g = (out[r.group] ??= { n: 0, flagged: 0, rate: 0 });
    g.n++;
    if (flaggedAt(r, t)) g.flagged++;
  }
  for (const g of Object.values(out)) g.rate = g.n ? g.flagged / g.n : 0;
  return out;
}

/**
 * The operating point: the lowest model threshold (log-odds) at which the checker's own verdicts — rules
 * and model together, as a user sees them — flag at most TARGET_PROJECT_FPR of the out-of-fold real project
 * hosts and at most TARGET_OTHER_FPR of the other development names pooled (MetaMask, token-list,
 * well-known, mined: a hundred-name group alone cannot resolve a rate under 1%). A group whose names the
 * rules alone already flag (the model cannot lower that) is held to that level instead.
 */
export function chooseThreshold(rows: OofLegit[], targets: { project: number; other: number }): number {
  const pooled = rows.map((r) => (r.group === 'project' ? r : { ...r, group: 'other' }));
  const limits = Object.fromEntries(Object.entries(groupRates(pooled, 1e9)).map(([g, v]) => [g, Math.max(v.rate, g === 'project' ? targets.project : targets.other)]));
  const ok = (t: number) => Object.entries(groupRates(pooled, t)).every(([g, v]) => v.rate <= (limits[g] as number) + 1e-12);
  let lo = 0;
  let hi = 40;
  if (ok(lo)) return lo;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

export const TRAIN_OPTIONS = { epochs: 5, learningRate: 0.4, l2: 1e-6, seed: 20260127 };
/**
 * The operating point is set on the sites users visit, on the checker's verdicts out-of-fold: at most this
 * share of the real project hosts flagged (the floor is 0.5%; the rest is margin for unseen sites)…
 */
export const TARGET_PROJECT_FPR = 0.003;
/** …and at most this share of each other development group (MetaMask, token-list, well-known, mined). */
export const TARGET_OTHER_FPR = 0.004;
/** Share of the negative draws given to real project hosts (the rest: the other legitimate names). */
export const PROJECT_SHARE = 0.5;
/**
 * Draw weight of one chain-registry host relative to another legitimate name, or off (the default).
 * Measured 2026-12-07 (`--quick`, cut-off 2025-01-01): at weights 1 / 0.25 / 0.1 / 0.03 later-month recall
 * fell from 65.2% to 59.9 / 60.1 / 59.4 / 61.3% (the phishing names' scores drop as a whole), under the
 * 65% floor, so the shipped model does not train on them. Set ARGUS_CHAIN_REGISTRY_WEIGHT to try again.
 */
export const CHAIN_REGISTRY_WEIGHT = process.env.ARGUS_CHAIN_REGISTRY_WEIGHT ? Number(process.env.ARGUS_CHAIN_REGISTRY_WEIGHT) : 0;
const FOLDS = PROJECT_FOLDS;


export function trainDomainModel(cutoff: string, all: DatedDomain[] = loadScamSniffer(), log: (s: string) => void = () => {}, data: TrainDataOptions = {}): TrainResult {
  const t0 = performance.now();
  const legit = legitSets();
  // Mined domains that fall in an evaluation half are dropped, so no legitimate domain is both.
  const evalHalves = new Set([...legit.metamaskAllow.eval, ...legit.tokenProjects.eval, ...legit.wellKnown.eval]);
  const mined = legit.mined.filter((d) => !evalHalves.has(d));
  // Chain-registry hosts are kept out when they or their registrable domain stand in an evaluation half
  // or in the held-out third of the project hosts (that third's registrable domains).
  const heldRegistrable = new Set(loadProjectHosts().filter((p) => p.fold < 0).map((p) => p.registrable));
  const registrableOf = (d: string) => {
    const p = parseHost(d);
    return p.ok && p.value.registrable ? p.value.registrable : d;
  };
  const evalRegistrable = new Set([...evalHalves].map(registrableOf));
  const chainRegistry = CHAIN_REGISTRY_WEIGHT <= 0 ? [] : legit.chainRegistry.filter((d) => !evalHalves.has(d) && !evalRegistrable.has(registrableOf(d)) && !heldRegistrable.has(registrableOf(d)));
  const projects = (data.projects ?? []).filter((p) => !evalHalves.has(p.host));
  const projectHosts = new Set(projects.map((p) => p.host));
  // Each legitimate name's source, for the per-group operating point (the first source listed wins).
  const source = new Map<string, string>();
  const tag = (list: string[], g: string) => {
    for (const d of list) if (!source.has(d)) source.set(d, g);
  };
  tag(legit.brands, 'brand');
  tag(legit.metamaskAllow.train, 'metamask');
  tag(legit.tokenProjects.train, 'token-list');
  tag(legit.wellKnown.train, 'well-known');
  tag(mined, 'mined');
  tag(chainRegistry, 'chain-registry');
  const negatives = [...source.keys()].filter((d) => !projectHosts.has(d));
  const positives = all.filter((d) => d.firstSeen < cutoff).map((d) => d.domain);
  const posSet = new Set(positives);
  const rows: TrainingRow[] = [];
  /** Fold of each row (positives and other negatives by position, project hosts by their own fold). */
  const fold: number[] = [];
  /** Development group of each legitimate row ('' for a positive). */
  const group: string[] = [];
  const looks: (LookalikeResult | null)[] = [];
  for (const d of positives) {
    const r = row(d, 1);
    if (r) {
      fold.push(rows.length % FOLDS);
      group.push('');
      looks.push(null);
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
      group.push(source.get(d) ?? 'other');
      looks.push(r.look);
      rows.push(r);
      negRows++;
    }
  }
  for (const p of projects) {
    if (posSet.has(p.host)) continue;
    const r = row(p.host, 0);
    if (r) {
      fold.push(p.fold >= 0 ? p.fold : fnvFold(p.registrable));
      group.push('project');
      looks.push(r.look);
      rows.push(r);
      projectRows++;
    }
  }
  const packed = packRows(rows);
  // Weighted draws: the project hosts get PROJECT_SHARE of the negative draws whatever their number.
  const drawWeight = new Float32Array(rows.length);
  const otherNeg = negRows;
  // Chain-registry hosts count CHAIN_REGISTRY_WEIGHT of an ordinary legitimate name each (infrastructure
  // names; at full weight they pull the model's crypto-ish scores down and cost recall on later months).
  const chainRows = group.filter((g) => g === 'chain-registry').length;
  const otherMass = otherNeg - chainRows + chainRows * CHAIN_REGISTRY_WEIGHT;
  for (let i = 0; i < rows.length; i++) if (!packed.y[i]) drawWeight[i] = group[i] === 'project' ? (projectRows ? PROJECT_SHARE / projectRows : 0) : ((projectRows ? 1 - PROJECT_SHARE : 1) * (group[i] === 'chain-registry' ? CHAIN_REGISTRY_WEIGHT : 1)) / otherMass;
  log(`rows: ${rows.length - negRows - projectRows} phishing (first seen before ${cutoff}), ${negRows} legitimate names, ${projectRows} real project hosts; featurised in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Operating point from out-of-fold scores: FOLDS models, each trained without one fold of every class
  // (project hosts by their fold, so a project's hosts are never on both sides).
  const oofLegit: OofLegit[] = [];
  const oofPos: number[] = [];
  const foldWeights: { weights: Float32Array; bias: number }[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const subset: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < packed.length; i++) (fold[i] === k ? held : subset).push(i);
    const m = trainLogistic(packed, { ...TRAIN_OPTIONS, subset: Int32Array.from(subset), drawWeight });
    if (data.foldModels && projectRows > 0) foldWeights.push(m);
    for (const i of held) {
      const z = marginRow(packed, i, m.weights, m.bias);
      if (packed.y[i]) oofPos.push(z);
      else if (group[i] !== 'brand') oofLegit.push({ group: group[i] as string, parsed: (rows[i] as TrainingRow).parsed, look: looks[i] as LookalikeResult, z });
    }
    log(`fold ${k + 1}/${FOLDS} done (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const t = chooseThreshold(oofLegit, { project: TARGET_PROJECT_FPR, other: TARGET_OTHER_FPR });
  // The legitimate names nearest the line, so a reader sees what sets the operating point.
  const top = [...oofLegit].sort((a, b) => b.z - a.z).slice(0, 12);
  log(`highest out-of-fold legitimate scores (log-odds): ${top.map((r) => `${r.parsed.host} [${r.group}] ${r.z.toFixed(1)}`).join(', ')}`);
  const posSorted = [...oofPos].sort((a, b) => a - b);
  log(`out-of-fold phishing log-odds: 25th ${posSorted[Math.floor(posSorted.length * 0.25)]?.toFixed(1)}, 35th ${posSorted[Math.floor(posSorted.length * 0.35)]?.toFixed(1)}, median ${posSorted[Math.floor(posSorted.length * 0.5)]?.toFixed(1)}`);
  const threshold = 1 / (1 + Math.exp(-t));
  const oofRecall = oofPos.filter((z) => z >= t).length / oofPos.length;
  const development = groupRates(oofLegit, t);
  log(`operating point: ${t.toFixed(2)} log-odds; out-of-fold model-alone recall ${(100 * oofRecall).toFixed(1)}%; development groups flagged by the checker: ${Object.entries(development).map(([g, v]) => `${g} ${v.flagged}/${v.n}`).join(', ')}`);
  const final = trainLogistic(packed, { ...TRAIN_OPTIONS, drawWeight });
  const stats = {
    cutoff,
    positives: rows.length - negRows - projectRows,
    negatives: negRows,
    projectHosts: projectRows,
    projectShareOfNegativeDraws: projectRows ? PROJECT_SHARE : 0,
    negativeSources: { brandDomains: legit.brands.length, metamaskAllowTrainHalf: legit.metamaskAllow.train.length, tokenProjectsTrainHalf: legit.tokenProjects.train.length, wellKnownTrainHalf: legit.wellKnown.train.length, minedFromPackageDocs: mined.length, chainRegistryHosts: chainRegistry.length },
    options: TRAIN_OPTIONS,
    targets: { projectFalsePositiveRate: TARGET_PROJECT_FPR, otherGroupFalsePositiveRate: TARGET_OTHER_FPR },
    threshold,
    thresholdLogOdds: +t.toFixed(3),
    outOfFold: { modelRecall: +oofRecall.toFixed(4), development: Object.fromEntries(Object.entries(development).map(([g, v]) => [g, { n: v.n, flagged: v.flagged, rate: +v.rate.toFixed(4) }])) },
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
