export { MonitorEngine, devnetKnownGood, rpcChainAccess, watchRange, type MonitorEngineOptions } from './engine.js';
export { ChainState, transfersOf, txViews, type Erc20Transfer, type TxView } from './state.js';
export { MONITOR_DETECTORS, defineMonitorDetector, report, type ChainAccess, type DetectorEnv, type MonitorDetector, type MonitorDetectorMeta } from './detectors/index.js';
