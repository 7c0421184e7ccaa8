import type { Detector } from './detector.js';
import txOrigin from './tx-origin.js';

/** Detectors of this group; index.ts joins the groups. */
export const ACCESS_DETECTORS: Detector[] = [txOrigin];
