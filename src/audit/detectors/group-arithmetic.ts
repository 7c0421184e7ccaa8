import type { Detector } from './detector.js';

/** Detectors of this group; index.ts joins the groups. */
export const ARITHMETIC_DETECTORS: Detector[] = [];
