import type { Detector } from '../detector.js';
import erc20ApproveRace from './erc20-approve-race.js';
import frontRunnableSolution from './front-runnable-solution.js';
import timestampDependence from './timestamp-dependence.js';
import todMutablePayout from './tod-mutable-payout.js';
import todOrderDependentOutcome from './tod-order-dependent-outcome.js';
import unhiddenPlayerChoice from './unhidden-player-choice.js';
import weakRandomness from './weak-randomness.js';

/** Detectors of this group; index.ts joins the groups. */
export const BLOCKCHAIN_DETECTORS: Detector[] = [weakRandomness, timestampDependence, erc20ApproveRace, frontRunnableSolution, todMutablePayout, unhiddenPlayerChoice, todOrderDependentOutcome];
