export { Fork, upstreamHead, type ForkOptions, type ForkState } from '../../evm/fork.js';
export { findPools, findDeepestPool, devnetDex, MAINNET_UNISWAP_V2, type DexConfig, type PoolInfo } from './pool.js';
export { simulateTrades, emptySimulation, HONEYPOT_ROUND_TRIP_KEEP, DEFAULT_BUY_WEI, type TradeOptions } from './trade.js';
export { TradeSimulator } from './simulator.js';
export { RpcAnswerError, redactUrl } from '../../chain/rpc/errors.js';
