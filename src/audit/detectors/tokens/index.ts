import type { Detector } from '../detector.js';
import arbitrarySendErc20 from './arbitrary-send-erc20.js';
import arbitrarySendErc20Permit from './arbitrary-send-erc20-permit.js';
import incorrectEquality from './incorrect-equality.js';
import uncheckedTransfer from './unchecked-transfer.js';

/** Detectors of ERC-20 token handling; index.ts joins the groups. */
export const TOKENS_DETECTORS: Detector[] = [arbitrarySendErc20, arbitrarySendErc20Permit, uncheckedTransfer, incorrectEquality];
