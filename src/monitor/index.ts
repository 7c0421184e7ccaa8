export { MonitorEngine, devnetKnownGood, rpcChainAccess, watchRange, type MonitorEngineOptions } from './engine.js';
export { ChainState, transfersOf, txViews, type Erc20Transfer, type TxView } from './state.js';
export { MONITOR_DETECTORS, defineMonitorDetector, report, type CallOutcome, type ChainAccess, type DetectorEnv, type MonitorDetector, type MonitorDetectorMeta } from './detectors/index.js';
export { MonitorStateStore, resumePlan, type MonitorStateStoreOptions, type SavedMonitorState } from './state-store.js';
export { combineFindings, incidentFinding, incidentSeverity, findingActors, DEFAULT_INCIDENT_WINDOW, type CombineOptions, type Incident, type IncidentStage } from './incidents/index.js';
export { Watcher, dispatchFindings, type WatchOptions, type WatchStats } from './watch.js';
export { governanceProposalDetector, type GovernanceProposalOptions } from './detectors/governance-proposal.js';
export { balanceKey, callKey, emptyChainReads, recordingChain, replayChain, type ChainReads } from './recorded-chain.js';
