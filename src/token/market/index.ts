export { marketSignals, soft, DEAD_ADDRESS, type MarketSignalsDetail, type SignalOptions } from './signals.js';
export { ruggedFromAlerts, ruggedFromStore, RUG_DETECTORS } from './rugs.js';
export { creationBlock, findCreator, creatorTokens } from './creation.js';
export { replayTransfers, topHolders, TRANSFER_TOPIC, type ReplayLimits } from './holders.js';
