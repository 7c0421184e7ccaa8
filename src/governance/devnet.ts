/**
 * A DAO on the devnet: an OpenZeppelin 5 Governor (settings, simple counting, ERC20Votes, quorum fraction,
 * timelock control) behind a TimelockController that holds the treasury (ETH and an ERC-20), owns a UUPS
 * lending pool behind an ERC-1967 proxy and holds the MINTER role of a protocol token. The sources are
 * `contracts/governance/Dao.sol`, compiled by the devnet's solc step with OpenZeppelin imports.
 */
import { encodeDeployData, encodeFunctionData, getAddress, keccak256, parseEther, toHex, zeroAddress, type Abi, type Address, type Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { rpc } from '../chain/rpc/json-rpc.js';
import { compileDevContracts } from '../chain/devnet/compile.js';
import type { Artifact } from '../chain/devnet/artifacts.js';
import { sendLocal } from './tx.js';

export const DAO_SOURCES = ['contracts/governance/Dao.sol', 'contracts/governance/Incidents.sol'] as const;
/** The Bravo-shaped DAO and the CREATE2 contracts, for a pre-Cancun (shanghai) devnet. */
export const BRAVO_SOURCES = ['contracts/governance/Bravo.sol'] as const;

export interface DaoSettings {
  votingDelay: number;
  votingPeriod: number;
  /** Timelock delay in seconds. */
  minDelay: number;
  quorumPercent: number;
}

export const DEFAULT_DAO_SETTINGS: DaoSettings = { votingDelay: 1, votingPeriod: 50, minDelay: 3600, quorumPercent: 4 };

export interface DaoDeployment {
  /** OpenZeppelin Governor + TimelockController, or the Compound GovernorBravo shape. */
  kind: 'oz' | 'bravo';
  governor: Address;
  timelock: Address;
  token: Address;
  /** ERC-20 held by the treasury (the timelock). */
  stable: Address;
  /** Protocol token whose MINTER_ROLE the timelock holds. */
  mintable: Address;
  /** ERC-1967 proxy of the lending pool (UUPS), owned by the timelock. */
  pool: Address;
  poolImplementation: Address;
  deployer: Address;
  /** Token holders, each delegated to itself, largest first. */
  voters: Address[];
  settings: DaoSettings;
}

let compiled: Promise<Record<string, Artifact>> | undefined;
export function daoArtifacts(): Promise<Record<string, Artifact>> {
  compiled ??= compileDevContracts({ sources: DAO_SOURCES });
  return compiled;
}

let bravoCompiled: Promise<Record<string, Artifact>> | undefined;
export function bravoArtifacts(): Promise<Record<string, Artifact>> {
  bravoCompiled ??= compileDevContracts({ sources: BRAVO_SOURCES, evmVersion: 'shanghai' });
  return bravoCompiled;
}

export async function artifact(name: string): Promise<Artifact> {
  const a = (await daoArtifacts())[name] ?? (await bravoArtifacts())[name];
  if (!a) throw new ArgusError(ERROR_CODES.DEVNET, `${name} is missing from the compiled governance contracts`);
  return a;
}

/** Deploys `name` from `from` (an unlocked account of the node); returns its address. */
export async function deployLocal(url: string, from: Address, name: string, args: readonly unknown[] = []): Promise<Address> {
  const a = await artifact(name);
  const data = encodeDeployData({ abi: a.abi as Abi, bytecode: a.bytecode, args } as Parameters<typeof encodeDeployData>[0]);
  const receipt = await sendLocal(url, { from, data });
  if (!receipt.contractAddress) throw new ArgusError(ERROR_CODES.DEVNET, `deploying ${name} created no contract`);
  return getAddress(receipt.contractAddress);
}

export async function callLocal(url: string, from: Address, to: Address, name: string, fn: string, args: readonly unknown[] = [], value?: bigint): Promise<void> {
  const a = await artifact(name);
  const data = encodeFunctionData({ abi: a.abi as Abi, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0]);
  await sendLocal(url, { from, to, data, value });
}

export const roleId = (name: string): Hex => keccak256(toHex(name));

/**
 * Deploys the DAO from `accounts[0]`; `accounts[1..]` receive voting tokens (30/25/15/10 % of 1M) and
 * delegate to themselves. Then 2 × (voting delay + period) blocks are mined, so that the distribution is
 * old history when the first proposal is made.
 */
export async function deployDao(url: string, accounts: Address[], settings: DaoSettings = DEFAULT_DAO_SETTINGS): Promise<DaoDeployment> {
  if (accounts.length < 5) throw new ArgusError(ERROR_CODES.USAGE, 'the DAO needs at least 5 funded accounts');
  const [deployer, ...holders] = accounts as [Address, ...Address[]];
  // Compile first: a keep-alive socket left idle while solc runs (~30 s cold) is closed by the node.
  await daoArtifacts();
  const supply = parseEther('1000000');
  const token = await deployLocal(url, deployer, 'DaoToken', [deployer, supply]);
  const shares = [30n, 25n, 15n, 10n];
  const voters = holders.slice(0, shares.length);
  for (const [i, v] of voters.entries()) {
    await callLocal(url, deployer, token, 'DaoToken', 'transfer', [v, (supply * (shares[i] as bigint)) / 100n]);
    await callLocal(url, v, token, 'DaoToken', 'delegate', [v]);
  }
  const timelock = await deployLocal(url, deployer, 'DaoTimelock', [BigInt(settings.minDelay), [], [zeroAddress], deployer]);
  const governor = await deployLocal(url, deployer, 'DaoGovernor', [token, timelock, settings.votingDelay, settings.votingPeriod, parseEther('1000'), BigInt(settings.quorumPercent)]);
  for (const role of ['PROPOSER_ROLE', 'CANCELLER_ROLE']) await callLocal(url, deployer, timelock, 'DaoTimelock', 'grantRole', [roleId(role), governor]);
  await callLocal(url, deployer, timelock, 'DaoTimelock', 'renounceRole', [`0x${'0'.repeat(64)}`, deployer]);

  const stable = await deployLocal(url, deployer, 'TreasuryStable', [timelock, parseEther('10000000')]);
  await sendLocal(url, { from: deployer, to: timelock, value: parseEther('500') });
  const mintable = await deployLocal(url, deployer, 'MintableToken', [timelock]);
  const poolImplementation = await deployLocal(url, deployer, 'LendingPoolV1');
  const v1 = await artifact('LendingPoolV1');
  const init = encodeFunctionData({ abi: v1.abi as Abi, functionName: 'initialize', args: [timelock, 30n] } as Parameters<typeof encodeFunctionData>[0]);
  const pool = await deployLocal(url, deployer, 'PoolProxy', [poolImplementation, init]);
  await rpc(url, 'hardhat_mine', [toHex(2 * (settings.votingDelay + settings.votingPeriod))]);
  return { kind: 'oz', governor, timelock, token, stable, mintable, pool, poolImplementation, deployer, voters, settings };
}

/**
 * Deploys a DAO in the GovernorBravo shape from `accounts[0]`: a Comp-like token (10M, 30/25/15/10 % to
 * `accounts[1..4]`, each delegated to itself), a Compound-style timelock (admin: the governor) holding 500
 * ETH and 10M of a stablecoin, the minter of a protocol token, and the admin of a market behind an
 * ERC-1967 proxy. Proposal threshold 0.1 % of the supply, quorum 4 %. Contracts compiled for shanghai.
 */
export async function deployBravoDao(url: string, accounts: Address[], settings: DaoSettings = DEFAULT_DAO_SETTINGS): Promise<DaoDeployment> {
  if (accounts.length < 5) throw new ArgusError(ERROR_CODES.USAGE, 'the DAO needs at least 5 funded accounts');
  const [deployer, ...holders] = accounts as [Address, ...Address[]];
  await Promise.all([daoArtifacts(), bravoArtifacts()]);
  const supply = parseEther('10000000');
  const token = await deployLocal(url, deployer, 'BravoToken', [deployer, supply]);
  const shares = [30n, 25n, 15n, 10n];
  const voters = holders.slice(0, shares.length);
  for (const [i, v] of voters.entries()) {
    await callLocal(url, deployer, token, 'BravoToken', 'transfer', [v, (supply * (shares[i] as bigint)) / 100n]);
    await callLocal(url, v, token, 'BravoToken', 'delegate', [v]);
  }
  const timelock = await deployLocal(url, deployer, 'BravoTimelock', [deployer, BigInt(settings.minDelay)]);
  const governor = await deployLocal(url, deployer, 'BravoGovernor', [timelock, token, timelock, BigInt(settings.votingDelay), BigInt(settings.votingPeriod), parseEther('10000'), (supply * BigInt(settings.quorumPercent)) / 100n]);
  await callLocal(url, deployer, timelock, 'BravoTimelock', 'setPendingAdmin', [governor]);
  await callLocal(url, deployer, governor, 'BravoGovernor', '__acceptTimelockAdmin');
  const stable = await deployLocal(url, deployer, 'BravoStable', [timelock, parseEther('10000000')]);
  await sendLocal(url, { from: deployer, to: timelock, value: parseEther('500') });
  const mintable = await deployLocal(url, deployer, 'BravoMintable', [timelock]);
  const poolImplementation = await deployLocal(url, deployer, 'BravoMarket');
  const m = await artifact('BravoMarket');
  const init = encodeFunctionData({ abi: m.abi as Abi, functionName: 'initialize', args: [timelock] } as Parameters<typeof encodeFunctionData>[0]);
  const pool = await deployLocal(url, deployer, 'BravoProxy', [poolImplementation, timelock, init]);
  await rpc(url, 'hardhat_mine', [toHex(2 * (settings.votingDelay + settings.votingPeriod))]);
  return { kind: 'bravo', governor, timelock, token, stable, mintable, pool, poolImplementation, deployer, voters, settings };
}
