export { startDevnet, devnetAccounts, type Devnet, type DevnetAccount, type DevnetDescription, type DevnetOptions } from './devnet.js';
export { DEFAULT_POOLS, DEFAULT_TOKENS, computePairAddress, devnetChain, type DeployedPool, type DeployedToken, type PoolSpec, type TokenSpec } from './deploy.js';
export { loadUniswapV2, patchInitCodeHash, MAINNET_PAIR_INIT_CODE_HASH, type Artifact, type UniswapV2Artifacts } from './artifacts.js';
export { DEVNET_CHAIN_ID, DEVNET_HOST, DEVNET_MNEMONIC, isPortOpen } from '../../evm/hardhat-node.js';
