import type { Detector } from '../detector.js';
import dosRevertingRecipient from './dos-reverting-recipient.js';
import arbitraryCall from './arbitrary-call.js';
import controlledDelegatecall from './controlled-delegatecall.js';
import dosExternalCallInLoop from './dos-external-call-in-loop.js';
import dosUnboundedLoop from './dos-unbounded-loop.js';
import uncheckedLowLevelCall from './unchecked-low-level-call.js';
import returnBomb from './return-bomb.js';

/** Detectors of this group; index.ts joins the groups. */
export const CALLS_DETECTORS: Detector[] = [uncheckedLowLevelCall, dosExternalCallInLoop, dosUnboundedLoop, dosRevertingRecipient, controlledDelegatecall, arbitraryCall];
CALLS_DETECTORS.push(returnBomb);
