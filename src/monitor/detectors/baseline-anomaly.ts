/**
 * The learned per-entity baseline: every successful transaction is turned into a feature row relative to
 * its sender's own history (src/monitor/baseline/features.ts), scored by the isolation forest in
 * models/monitor-baseline.json (trained on background traffic only by `npm run train:monitor`), and the
 * history is then updated online (it lives in this detector's state, so engine snapshots persist it).
 *
 * Only senders with the model's `minHistory` earlier transactions are scored: "unlike its history" means
 * nothing for a wallet without one. The kind tag is `anomaly`: a departure from learnt behaviour says
 * nothing about which attack it is part of (the incident combiner joins it to the rule findings that do).
 *
 * Without a model file the detector stays silent rather than failing the whole monitor.
 */
import { existsSync } from 'node:fs';
import { defineMonitorDetector, report } from './detector.js';
import { FEATURE_NAMES, createBaselineState } from '../baseline/features.js';
import { BaselineScorer, defaultModelPath, loadBaselineModel } from '../baseline/model.js';
import { observe } from '../baseline/observe.js';
import { transfersOf } from '../state.js';

const meta = {
  id: 'baseline-anomaly',
  title: 'Transaction unlike its sender\'s history (learned baseline)',
  severity: 'low' as const,
  confidence: 0.5,
  kind: 'anomaly' as const,
  description: 'An isolation forest trained on background traffic scores each transaction\'s features relative to its sender\'s own history (amount z-scores, share of balance moved, new recipients, calldata, pools moved…); a score above the threshold chosen on the training data is reported with the features that departed.',
  recommendation: 'Look at the departing features named in the explanation and ask the owner of the sending address whether the transaction was intended.',
};

let scorer: BaselineScorer | null | undefined;

/** The model, loaded once on first use (null when there is none). */
function loadScorer(): BaselineScorer | null {
  if (scorer === undefined) {
    const file = defaultModelPath();
    scorer = existsSync(file) ? new BaselineScorer(loadBaselineModel(file)) : null;
  }
  return scorer;
}

export default defineMonitorDetector(meta, createBaselineState, (tx, own, env) => {
  const o = observe(tx, own, env);
  const s = loadScorer();
  if (!o || !s || o.context.history < s.model.minHistory || env.knownGood.has(tx.from)) return [];
  const score = s.score(o.row);
  if (score < s.model.threshold) return [];
  const departures = s.departures(o.row);
  const finding = report(meta, env, {
    tx,
    stage: 'exploitation',
    message: `${tx.from}: ${s.explain(score, departures, o.context, o.context.token ? env.tokens.get(o.context.token.address) : undefined)}`,
    // `from` and `tokensMoved` name the actors, so the incident combiner joins this finding to others about
    // the same sender or the same (scam) token; popular tokens are the combiner's `ignore` list's business.
    evidence: { from: tx.from, tokensMoved: [...new Set(transfersOf(tx).map((t) => t.token))], score, threshold: s.model.threshold, departures, senderHistory: o.context.history, senderMeanEth: o.context.meanEth, features: o.row, featureNames: [...FEATURE_NAMES] },
  });
  finding.tags.push('baseline-anomaly');
  return [finding];
});
