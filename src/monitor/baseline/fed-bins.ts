/**
 * The fixed, public bins of the federated baseline (src/fed/baseline-task.ts: HBOS over summed
 * histograms), one list of edges per baseline feature, chosen from what each feature is (features.ts),
 * never from data: z-scores on a symmetric scale with a bin of their own for the neutral 0, shares on
 * 0..1 with bins for exactly 0 and exactly 1, counts on integers, the history length on half steps of
 * log2, flags on 0/1.
 */
import type { BaselineTaskSpec } from '../../fed/baseline-task.js';
import { FEATURE_NAMES } from './features.js';

const Z_EDGES = [-20, -10, -6, -4, -3, -2, -1.5, -1, -0.5, -0.25, -1e-9, 1e-9, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 10, 20];
const EDGES_BY_FEATURE: Record<(typeof FEATURE_NAMES)[number], number[]> = {
  // log2(1 + n); the scored rows have n ≥ 3 (2.0), and a sender with 4,000 transactions is at 12.
  historyLength: Array.from({ length: 25 }, (_, i) => i * 0.5),
  ethValueZ: Z_EDGES,
  tokenAmountZ: Z_EDGES,
  // 0 (nothing moved) and 1 (everything) get bins of their own.
  balanceShareMoved: [1e-9, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99, 1 - 1e-9],
  newRecipient: [0.5],
  foreignOutflows: [0.5, 1.5, 2.5, 3.5, 5.5, 10.5],
  // Relative reserve change, capped at 10 by the feature: roughly half-decades.
  poolReserveChange: [1e-9, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10 - 1e-9],
  contractCreation: [0.5],
};

export const BASELINE_TASK: BaselineTaskSpec = { task: 'baseline', features: [...FEATURE_NAMES], edges: FEATURE_NAMES.map((f) => EDGES_BY_FEATURE[f]) };

