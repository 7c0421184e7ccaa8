import type { Detector } from '../detector.js';
import costlyLoop from './costly-loop.js';
import delegatecallLoop from './delegatecall-loop.js';
import msgValueLoop from './msg-value-loop.js';

/** Detectors of what goes wrong inside loops; index.ts joins the groups. */
export const LOOPS_DETECTORS: Detector[] = [msgValueLoop, delegatecallLoop, costlyLoop];
