import type { Detector } from '../detector.js';
import reentrancyCrossFunction from './reentrancy-cross-function.js';
import reentrancyEth from './reentrancy-eth.js';
import reentrancyNoEth from './reentrancy-no-eth.js';
import reentrancyReadOnly from './reentrancy-read-only.js';
import reentrancyStipend from './reentrancy-stipend.js';
import reentrancyEvents from './reentrancy-events.js';

/** Detectors of this group; index.ts joins the groups. */
export const REENTRANCY_DETECTORS: Detector[] = [reentrancyEth, reentrancyNoEth, reentrancyCrossFunction, reentrancyReadOnly, reentrancyStipend, reentrancyEvents];
