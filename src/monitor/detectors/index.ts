import type { MonitorDetector } from './detector.js';
import liquidityPull from './liquidity-pull.js';
import hiddenMint from './hidden-mint.js';
import approvalPhishing from './approval-phishing.js';
import exploitContract from './exploit-contract.js';
import attackContractDeploy from './attack-contract-deploy.js';
import flashPrice from './flash-price-manipulation.js';
import washTrading from './wash-trading.js';
import largeTransfer from './large-transfer.js';
import addressPoisoning from './address-poisoning.js';
import sanctioned from './sanctioned-counterparty.js';
import honeypot from './honeypot.js';
import baselineAnomaly from './baseline-anomaly.js';
import valueExtraction from './value-extraction.js';
import privilegedChange from './privileged-change.js';
import attackPreparation from './attack-preparation.js';
import protocolInvariants from './protocol-invariants.js';
import attackStaging from './attack-staging.js';

export * from './detector.js';

/** Every on-chain detector, in priority order. */
export const MONITOR_DETECTORS: readonly MonitorDetector<unknown>[] = [
  liquidityPull,
  hiddenMint,
  approvalPhishing,
  attackContractDeploy,
  exploitContract,
  flashPrice,
  washTrading,
  largeTransfer,
  addressPoisoning,
  sanctioned,
  honeypot,
  valueExtraction,
  privilegedChange,
  attackPreparation,
  protocolInvariants,
  attackStaging,
  baselineAnomaly,
] as MonitorDetector<unknown>[];
