import type { Detector } from '../detector.js';
import integerOverflow from './integer-overflow.js';

/** Integer overflow and underflow: pre-0.8 arithmetic and `unchecked` blocks. */
export const ARITHMETIC_DETECTORS: Detector[] = [integerOverflow];
