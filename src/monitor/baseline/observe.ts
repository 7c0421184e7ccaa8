/**
 * The per-transaction step shared by the baseline detector, the training script and the evaluation:
 * compute the row against the history so far, then learn from the transaction (online update), so a
 * transaction is never measured against itself.
 */
import type { DetectorEnv, MonitorDetector } from '../detectors/detector.js';
import { defineMonitorDetector } from '../detectors/detector.js';
import type { TxView } from '../state.js';
import { createBaselineState, extractFeatures, learnBaseline, type BaselineState, type FeatureContext } from './features.js';

export interface Observation {
  tx: TxView;
  row: number[];
  context: FeatureContext;
}

/** The row of a successful transaction (undefined for a reverted one, which changes nothing) and the update. */
export function observe(tx: TxView, own: BaselineState, env: DetectorEnv): Observation | undefined {
  if (tx.status !== 'success') return undefined;
  const { row, context } = extractFeatures(tx, own, env.state);
  learnBaseline(tx, own);
  return { tx, row, context };
}

/** A detector that never reports and hands every observation to `visit` (for training and evaluation). */
export function baselineObserver(visit: (o: Observation, env: DetectorEnv) => void): MonitorDetector<BaselineState> {
  const meta = {
    id: 'baseline-observer',
    title: 'Baseline features (no findings)',
    severity: 'info' as const,
    confidence: 0,
    kind: 'anomaly' as const,
    description: 'Computes the learned baseline\'s features of every transaction for a training or evaluation script.',
    recommendation: 'None.',
  };
  return defineMonitorDetector(meta, createBaselineState, (tx, own, env) => {
    const o = observe(tx, own, env);
    if (o) visit(o, env);
    return [];
  });
}
