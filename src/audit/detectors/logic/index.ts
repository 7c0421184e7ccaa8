import type { Detector } from '../detector.js';
import booleanCst from './boolean-cst.js';
import encodePackedCollision from './encode-packed-collision.js';
import incorrectExp from './incorrect-exp.js';
import incorrectShift from './incorrect-shift.js';
import tautology from './tautology.js';

/** Detectors of expressions that do not compute what they say; index.ts joins the groups. */
export const LOGIC_DETECTORS: Detector[] = [incorrectExp, incorrectShift, tautology, booleanCst, encodePackedCollision];
