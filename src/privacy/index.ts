export { activityOfBlock, mixerEvents, feeFingerprint, MIXER_EVENTS_ABI, PRIVACY_ITEM, type PrivacyEvent, type PrivacyTx } from './activity.js';
export { syncPrivacyLedger, privacyRecords, privacyStreamId } from './sync.js';
export { ActivityIndex } from './index-activity.js';
export { allLinks, HEURISTICS, HEURISTIC_META, HEURISTIC_DEFAULTS, type HeuristicId, type Link } from './heuristics.js';
export { analyseAddress, anonymitySets, clusterOf, privacyFinding, type PrivacyReport, type WithdrawalAnonymity } from './analyse.js';
