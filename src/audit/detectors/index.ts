import type { Detector } from './detector.js';
import { ACCESS_DETECTORS } from './group-access.js';
import { ARITHMETIC_DETECTORS } from './group-arithmetic.js';
import { BLOCKCHAIN_DETECTORS } from './group-blockchain.js';
import { CALLS_DETECTORS } from './group-calls.js';
import { REENTRANCY_DETECTORS } from './group-reentrancy.js';

/**
 * Every audit detector, one module each, gathered by theme. Adding a detector is adding its module and
 * one line in its group.
 */
export const DETECTORS: Detector[] = [
  ...REENTRANCY_DETECTORS,
  ...CALLS_DETECTORS,
  ...ACCESS_DETECTORS,
  ...ARITHMETIC_DETECTORS,
  ...BLOCKCHAIN_DETECTORS,
];
