export { BlockStream, type BlockStreamOptions, type BlockStreamStats, type ReorgEvent, type StreamBlock, type StreamBlockData } from './block-stream.js';
export {
  decodeBlock,
  decodeLogs,
  decodePermitCall,
  ERC1155_EVENTS_ABI,
  ERC20_EVENTS_ABI,
  ERC721_EVENTS_ABI,
  PERMIT_CALLS_ABI,
  PERMIT2_ADDRESS,
  PERMIT2_CALLS_ABI,
  PERMIT2_EVENTS_ABI,
  UNISWAP_V2_PAIR_EVENTS_ABI,
  UNISWAP_V3_POOL_EVENTS_ABI,
  type DecodedEvent,
  type DecodedStandard,
} from './decode.js';
export { isPermanentRpcError, RpcPool, type RetryOptions, type RpcFailure, type RpcPoolOptions } from '../rpc/pool.js';
export { backoffDelay, StoppedError } from '../rpc/retry.js';
