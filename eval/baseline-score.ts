/**
 * Held-out scoring of the learned baseline (models/monitor-baseline.json) on eval:monitor's seeds, which
 * training never sees. Every successful transaction is scored by the model; the labels come from the
 * scenario ground truth and the action log: positive = a transaction of an attack's ground truth sent by
 * the attacker side, negative = a background action. Anything else (an attack's scenery, such as a
 * treasury's usual payouts, or a victim's own transactions) is left out of both.
 *
 * Reported: ROC-AUC of the score (the probability that a random positive outscores a random negative,
 * ties counting half) among transactions the detector scores (sender with `minHistory` earlier ones) and
 * among all; precision and recall at the model's threshold; attacks the detector's findings catch alone.
 */
import type { Finding } from '../src/core/finding.js';
import type { GroundTruth } from '../src/chain/scenarios/truth.js';
import { matchesAttack as matches } from '../src/chain/scenarios/match.js';

export interface ScoredTx {
  score: number;
  history: number;
}

export interface BaselineRun {
  /** Hash (lower case) -> score of every successful transaction. */
  scored: Map<string, ScoredTx>;
  attacks: GroundTruth[];
  /** Hashes (lower case) of background actions. */
  background: Set<string>;
  findings: Finding[];
}

export interface BaselineScore {
  /** Among scored (enough history) transactions. */
  auc: number | null;
  positives: number;
  negatives: number;
  /** Among all successful labelled transactions, short histories included (outside the model's training domain). */
  aucAll: number | null;
  positivesAll: number;
  negativesAll: number;
  /** At the threshold, among scored transactions. */
  truePositives: number;
  falsePositives: number;
  precision: number | null;
  recall: number | null;
  /** Attacks that the detector's findings match on their own, and its findings matching no attack. */
  attacksCaught: number;
  attacks: number;
  detectorFindings: number;
  detectorFalseAlerts: number;
}

/** Mann–Whitney ROC-AUC with ties counted half (rank-based, O(n log n)). */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const all = [...positives.map((s) => ({ s, p: true })), ...negatives.map((s) => ({ s, p: false }))].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.p) rankSum += rank;
    i = j;
  }
  return (rankSum - (positives.length * (positives.length + 1)) / 2) / (positives.length * negatives.length);
}

export function scoreBaseline(runs: readonly BaselineRun[], model: { threshold: number; minHistory: number }, detector = 'monitor/baseline-anomaly'): BaselineScore {
  const pos: ScoredTx[] = [];
  const neg: ScoredTx[] = [];
  let attacks = 0;
  let caught = 0;
  let detectorFindings = 0;
  let detectorFalse = 0;
  for (const run of runs) {
    const attackerTxs = new Set(run.attacks.flatMap((t) => t.txs.filter((x) => x.actor === 'attacker').map((x) => x.hash.toLowerCase())));
    for (const [hash, s] of run.scored) {
      if (attackerTxs.has(hash)) pos.push(s);
      else if (run.background.has(hash)) neg.push(s);
    }
    const mine = run.findings.filter((f) => f.detector === detector);
    detectorFindings += mine.length;
    detectorFalse += mine.filter((f) => !run.attacks.some((t) => matches(f, t))).length;
    attacks += run.attacks.length;
    caught += run.attacks.filter((t) => mine.some((f) => matches(f, t))).length;
  }
  const eligible = (s: ScoredTx) => s.history >= model.minHistory;
  const [p, n] = [pos.filter(eligible), neg.filter(eligible)];
  const tp = p.filter((s) => s.score >= model.threshold).length;
  const fp = n.filter((s) => s.score >= model.threshold).length;
  return {
    auc: rocAuc(
      p.map((s) => s.score),
      n.map((s) => s.score),
    ),
    positives: p.length,
    negatives: n.length,
    aucAll: rocAuc(
      pos.map((s) => s.score),
      neg.map((s) => s.score),
    ),
    positivesAll: pos.length,
    negativesAll: neg.length,
    truePositives: tp,
    falsePositives: fp,
    precision: tp + fp ? tp / (tp + fp) : null,
    recall: p.length ? tp / p.length : null,
    attacksCaught: caught,
    attacks,
    detectorFindings,
    detectorFalseAlerts: detectorFalse,
  };
}
