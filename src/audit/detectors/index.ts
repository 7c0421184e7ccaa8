import type { Detector } from './detector.js';
import txOrigin from './tx-origin.js';

/** Every audit detector. Adding a detector is adding its module and one line here. */
export const DETECTORS: Detector[] = [txOrigin];
