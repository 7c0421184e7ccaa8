/**
 * Governance scenarios with ground truth (frozen before the checks were run): proposals on the devnet DAO
 * (src/governance/devnet.ts), each benign or malicious with the detector that must say why. `split`: every
 * third scenario is held out (never looked at while tuning).
 */
import { encodeAbiParameters, encodeFunctionData, parseAbi, parseEther, type Address, type Hex } from 'viem';
import { artifact, callLocal, deployLocal, roleId, type DaoDeployment } from '../src/governance/devnet.js';
import { sendLocal } from '../src/governance/tx.js';
import type { ProposalActions } from '../src/governance/simulate.js';

export interface ScenarioContext {
  url: string;
  dao: DaoDeployment;
  /** Devnet accounts with history: the team. */
  team: Address;
  /** A brand-new address: no code, no transaction, no balance. */
  fresh: Address;
  /** An account outside the DAO (funded, used by attackers). */
  attacker: Address;
}

export interface GovScenario {
  name: string;
  /** Which devnet DAO: the OpenZeppelin one (default, newest hardfork) or the Bravo one (shanghai). */
  dao?: 'oz' | 'bravo';
  /** Written in session 2 or 3 of issue 23 (first contact recorded separately). */
  added?: 2 | 3;
  /** Changes the devnet for good (votes moved): run after the other scenarios of its DAO. */
  leavesState?: true;
  malicious: boolean;
  /** Detector (without `governance/`) that must be critical for a malicious scenario. */
  reason?: string;
  /** Prepares the chain; returns the actions, and who proposes and votes (default: the DAO's voters). */
  build(ctx: ScenarioContext): Promise<ProposalActions & { proposer?: Address; governor?: Address }>;
}

const A = parseAbi([
  'function setFee(uint256)', 'function setRewardRate(uint256)', 'function transfer(address,uint256)', 'function upgradeToAndCall(address,bytes)',
  'function updateDelay(uint256)', 'function updateQuorumNumerator(uint256)', 'function setVotingPeriod(uint32)', 'function mint(address,uint256)',
  'function grantRole(bytes32,address)', 'function transferOwnership(address)', 'function deposit()', 'function approve(address,uint256)',
  'function setReserveFactor(uint256)', 'function setCollateralFactor(uint256)', 'function upgradeTo(address)', 'function _setVotingPeriod(uint256)',
  'function _setQuorumVotes(uint256)', 'function setDelay(uint256)', 'function setPendingAdmin(address)', 'function setMinter(address)',
  'function sellTokens(address,uint256)', 'function migrate(address,address,address,uint256)', 'function deploy(bytes32,bytes)', 'function deploy(bytes)',
  'function _setVotingDelay(uint256)', 'function setVotingDelay(uint48)', 'function setRate(uint256)',
]);
const enc = (functionName: string, args: readonly unknown[] = []): Hex => encodeFunctionData({ abi: A, functionName, args } as Parameters<typeof encodeFunctionData>[0]);
const one = (target: Address, data: Hex, description: string, value = 0n): ProposalActions => ({ targets: [target], values: [value], calldatas: [data], description });
const upgrade = async (c: ScenarioContext, impl: string, by: Address, d: string) => one(c.dao.pool, enc('upgradeToAndCall', [await deployLocal(c.url, by, impl), '0x']), d);

export const SCENARIOS: GovScenario[] = [
  { name: 'fee 0.3% to 0.5%', malicious: false, build: async (c) => one(c.dao.pool, enc('setFee', [50n]), 'Raise the pool fee to 50 bps') },
  { name: 'drain all ETH to a fresh EOA', malicious: true, reason: 'treasury-outflow', build: async (c) => one(c.fresh, '0x', 'Operational reserve', parseEther('500')) },
  { name: 'reward rate change', malicious: false, build: async (c) => one(c.dao.pool, enc('setRewardRate', [150n]), 'Rewards to 1.5%') },
  { name: 'grant 5,000 DUSD to the team', malicious: false, build: async (c) => one(c.dao.stable, enc('transfer', [c.team, parseEther('5000')]), 'Q3 grant') },
  { name: 'minting rights to an outsider', malicious: true, reason: 'minting-rights', build: async (c) => one(c.dao.mintable, enc('grantRole', [roleId('MINTER_ROLE'), c.attacker]), 'Add a market maker as minter') },
  { name: 'grant 10 ETH to the team', malicious: false, build: async (c) => one(c.team, '0x', 'Audit payment', parseEther('10')) },
  { name: 'routine upgrade to V2', malicious: false, build: (c) => upgrade(c, 'LendingPoolV2', c.dao.deployer, 'Upgrade pool to v2') },
  { name: 'timelock delay to 0', malicious: true, reason: 'governance-parameter', build: async (c) => one(c.dao.timelock, enc('updateDelay', [0n]), 'Speed up operations') },
  { name: 'upgrade adding a pause flag', malicious: false, build: (c) => upgrade(c, 'LendingPoolV2Pausable', c.dao.deployer, 'Pausable pool') },
  { name: 'timelock delay 1 h to 2 h', malicious: false, build: async (c) => one(c.dao.timelock, enc('updateDelay', [7200n]), 'Longer timelock') },
  { name: 'upgrade to a self-destructible implementation', malicious: true, reason: 'implementation-changed', build: (c) => upgrade(c, 'LendingPoolKill', c.attacker, 'Gas optimisation upgrade') },
  { name: 'quorum 4% to 5%', malicious: false, build: async (c) => one(c.dao.governor, enc('updateQuorumNumerator', [5n]), 'Quorum to 5%') },
  { name: 'drain 90% of DUSD to a fresh EOA', malicious: true, reason: 'treasury-outflow', build: async (c) => one(c.dao.stable, enc('transfer', [c.fresh, parseEther('9000000')]), 'Liquidity program') },
  { name: 'voting period 50 to 60 blocks', malicious: false, build: async (c) => one(c.dao.governor, enc('setVotingPeriod', [60]), 'Longer votes') },
  { name: 'upgrade with a re-initialiser anyone can call', malicious: true, reason: 'stranger-takeover', build: (c) => upgrade(c, 'LendingPoolReinit', c.attacker, 'Upgrade with v2 initializer') },
  { name: 'grant 50,000 DUSD to a vesting contract', malicious: false, build: async (c) => {
    const vesting = await deployLocal(c.url, c.team, 'GrantVesting', [c.team, c.dao.stable]);
    return one(c.dao.stable, enc('transfer', [vesting, parseEther('50000')]), 'Vested grant');
  } },
  { name: 'governor settings gutted', malicious: true, reason: 'governance-parameter', build: async (c) => ({ targets: [c.dao.governor, c.dao.governor], values: [0n, 0n], calldatas: [enc('setVotingPeriod', [1]), enc('updateQuorumNumerator', [0n])], description: 'Faster governance' }) },
  { name: 'mint 1,000 PROTO to the team', malicious: false, build: async (c) => one(c.dao.mintable, enc('mint', [c.team, parseEther('1000')]), 'Team incentive') },
  { name: 'upgrade to an implementation that delegatecalls anywhere', malicious: true, reason: 'implementation-changed', build: (c) => upgrade(c, 'LendingPoolExec', c.attacker, 'Add execute hook') },
  { name: 'fee change and a 1 ETH payment', malicious: false, build: async (c) => ({ targets: [c.dao.pool, c.team], values: [0n, parseEther('1')], calldatas: [enc('setFee', [20n]), '0x'], description: 'Fee cut and bounty' }) },
  { name: 'pool ownership to an outsider', malicious: true, reason: 'owner-changed', build: async (c) => one(c.dao.pool, enc('transferOwnership', [c.attacker]), 'Hand operations to ops key') },
  { name: 'approve 20,000 DUSD to the team for a swap', malicious: false, build: async (c) => one(c.dao.stable, enc('approve', [c.team, parseEther('20000')]), 'OTC swap allowance') },
  { name: 'target can self-destruct', malicious: true, reason: 'target-selfdestruct', build: async (c) => one(await deployLocal(c.url, c.attacker, 'LendingPoolKill'), enc('deposit'), 'Deposit into partner pool', parseEther('1')) },
  { name: 'deposit 5 ETH into the protocol pool', malicious: false, build: async (c) => one(c.dao.pool, enc('deposit'), 'Seed the pool', parseEther('5')) },
  // Last: the attacker's votes stay on the chain for later scenarios.
  { name: 'votes bought inside the snapshot window', leavesState: true, malicious: true, reason: 'vote-power-in-window', build: async (c) => {
    // A whale sells (or lends) 40% of the supply to the attacker two blocks before the proposal.
    await callLocal(c.url, c.dao.voters[0] as Address, c.dao.token, 'DaoToken', 'transfer', [c.attacker, parseEther('300000')]);
    await callLocal(c.url, c.dao.voters[1] as Address, c.dao.token, 'DaoToken', 'transfer', [c.attacker, parseEther('100000')]);
    await callLocal(c.url, c.attacker, c.dao.token, 'DaoToken', 'delegate', [c.attacker]);
    return { ...one(c.dao.pool, enc('setFee', [1000n]), 'Fee to 10%'), proposer: c.attacker };
  } },
];

/** Initcode of a devnet contract with constructor arguments. */
async function initcode(name: string, args: readonly unknown[] = []): Promise<Hex> {
  const a = await artifact(name);
  const { encodeDeployData } = await import('viem');
  return encodeDeployData({ abi: a.abi, bytecode: a.bytecode, args } as Parameters<typeof encodeDeployData>[0]);
}

/** Address a contract call creates (read with eth_call first, then sent). */
async function created(c: ScenarioContext, from: Address, to: Address, data: Hex): Promise<Address> {
  const { rpc } = await import('../src/chain/rpc/json-rpc.js');
  const out = await rpc<Hex>(c.url, 'eth_call', [{ from, to, data }, 'latest']);
  await sendLocal(c.url, { from, to, data });
  return `0x${out.slice(26, 66)}` as Address;
}

/**
 * Session 2 (frozen before the Bravo support and the code-can-change check were written): the Bravo-shaped
 * DAO on a pre-Cancun (shanghai) devnet, the CREATE2 redeploy (Tornado Cash 2023) and more benign work.
 */
export const SCENARIOS_2: GovScenario[] = [
  { name: 'bravo: reserve factor 10% to 15% (signature form)', dao: 'bravo', added: 2, malicious: false, build: async (c) => ({ targets: [c.dao.pool], values: [0n], signatures: ['setReserveFactor(uint256)'], calldatas: [encodeAbiParameters([{ type: 'uint256' }], [1500n])], description: 'Reserve factor to 15%' }) },
  { name: 'bravo: Tornado-style helper placed by a CREATE2 deployer that can be redeployed', dao: 'bravo', added: 2, malicious: true, reason: 'code-can-change', build: async (c) => {
    const factory = await deployLocal(c.url, c.attacker, 'Create2Factory');
    const deployer = await created(c, c.attacker, factory, enc('deploy', [`0x${'11'.repeat(32)}`, await initcode('ProposalDeployer')]));
    const helper = await created(c, c.attacker, deployer, encodeFunctionData({ abi: A, functionName: 'deploy', args: [await initcode('MigrationHelper')] } as Parameters<typeof encodeFunctionData>[0]));
    const vault = await deployLocal(c.url, c.team, 'BravoVault', [c.dao.timelock]);
    const amount = parseEther('1000000');
    return { targets: [c.dao.stable, helper], values: [0n, 0n], calldatas: [enc('approve', [helper, amount]), enc('migrate', [c.dao.stable, c.dao.timelock, vault, amount])], description: 'Move 1M BUSD into the DAO vault' };
  } },
  { name: 'bravo: grant 25,000 BUSD to the team', dao: 'bravo', added: 2, malicious: false, build: async (c) => one(c.dao.stable, enc('transfer', [c.team, parseEther('25000')]), 'Contributor grant') },
  { name: 'bravo: routine market upgrade by the team', dao: 'bravo', added: 2, malicious: false, build: async (c) => one(c.dao.pool, enc('upgradeTo', [await deployLocal(c.url, c.team, 'BravoMarketV2')]), 'Market v2') },
  { name: 'bravo: timelock admin handed to an outsider', dao: 'bravo', added: 2, malicious: true, reason: 'admin-changed', build: async (c) => one(c.dao.timelock, enc('setPendingAdmin', [c.attacker]), 'Migrate to the new governor') },
  { name: 'bravo: treasury swap of 10,000 BUSD for ETH at an OTC desk', dao: 'bravo', added: 2, malicious: false, build: async (c) => {
    const desk = await deployLocal(c.url, c.team, 'OtcDesk', [parseEther('0.0005')]);
    const { rpc } = await import('../src/chain/rpc/json-rpc.js');
    await rpc(c.url, 'hardhat_setBalance', [desk, '0x56bc75e2d63100000']);
    const amount = parseEther('10000');
    return { targets: [c.dao.stable, desk], values: [0n, 0n], calldatas: [enc('approve', [desk, amount]), enc('sellTokens', [c.dao.stable, amount])], description: 'Diversify: sell 10k BUSD for ETH' };
  } },
  { name: 'bravo: voting period 50 to 80 blocks', dao: 'bravo', added: 2, malicious: false, build: async (c) => one(c.dao.governor, enc('_setVotingPeriod', [80n]), 'Longer votes') },
  { name: 'bravo: allowance to a helper placed directly by CREATE2 that can self-destruct', dao: 'bravo', added: 2, malicious: true, reason: 'code-can-change', build: async (c) => {
    const factory = await deployLocal(c.url, c.attacker, 'Create2Factory');
    const helper = await created(c, c.attacker, factory, enc('deploy', [`0x${'22'.repeat(32)}`, await initcode('MigrationHelper')]));
    return one(c.dao.stable, enc('approve', [helper, parseEther('500000')]), 'Allowance for the migration helper');
  } },
  { name: 'bravo: timelock delay 1 h to 2 h', dao: 'bravo', added: 2, malicious: false, build: async (c) => one(c.dao.timelock, enc('setDelay', [7200n]), 'Longer timelock') },
  { name: 'bravo: grant stream placed by CREATE2, funded with 5 ETH', dao: 'bravo', added: 2, malicious: false, build: async (c) => {
    const factory = await deployLocal(c.url, c.team, 'Create2Factory');
    const stream = await created(c, c.team, factory, enc('deploy', [`0x${'33'.repeat(32)}`, await initcode('BravoGrantStream', [c.team])]));
    return one(stream, '0x', 'Fund the grant stream', parseEther('5'));
  } },
  { name: 'bravo: minter moved to an outsider', dao: 'bravo', added: 2, malicious: true, reason: 'minting-rights', build: async (c) => one(c.dao.mintable, enc('setMinter', [c.attacker]), 'Minter to the emissions operator') },
  { name: 'bravo: collateral factor 75% to 70%', dao: 'bravo', added: 2, malicious: false, build: async (c) => one(c.dao.pool, enc('setCollateralFactor', [7000n]), 'Safer collateral factor') },
  { name: 'bravo: voting period to 1 block and quorum to 0', dao: 'bravo', added: 2, malicious: true, reason: 'governance-parameter', build: async (c) => ({ targets: [c.dao.governor, c.dao.governor], values: [0n, 0n], calldatas: [enc('_setVotingPeriod', [1n]), enc('_setQuorumVotes', [0n])], description: 'Faster governance' }) },
  { name: 'bravo: mint 1,000 PROTO to the team', dao: 'bravo', added: 2, malicious: false, build: async (c) => one(c.dao.mintable, enc('mint', [c.team, parseEther('1000')]), 'Team incentive') },
  { name: 'quorum 4% to 6%', added: 2, malicious: false, build: async (c) => one(c.dao.governor, enc('updateQuorumNumerator', [6n]), 'Quorum to 6%') },
  { name: 'treasury swap of 20,000 DUSD for ETH at an OTC desk', added: 2, malicious: false, build: async (c) => {
    const desk = await deployLocal(c.url, c.team, 'OtcDesk', [parseEther('0.0005')]);
    const { rpc } = await import('../src/chain/rpc/json-rpc.js');
    await rpc(c.url, 'hardhat_setBalance', [desk, '0x56bc75e2d63100000']);
    const amount = parseEther('20000');
    return { targets: [c.dao.stable, desk], values: [0n, 0n], calldatas: [enc('approve', [desk, amount]), enc('sellTokens', [c.dao.stable, amount])], description: 'Diversify: sell 20k DUSD for ETH' };
  } },
  { name: 'grant 100 ETH to a vesting contract', added: 2, malicious: false, build: async (c) => {
    const vesting = await deployLocal(c.url, c.team, 'BravoGrantStream', [c.team]);
    return one(vesting, '0x', 'Ecosystem grant, vested', parseEther('100'));
  } },
  { name: 'voting delay 1 to 5 blocks', added: 2, malicious: false, build: async (c) => one(c.dao.governor, enc('setVotingDelay', [5]), 'Longer review before votes') },
  // Last of the Bravo DAO: the attacker's votes stay on its chain.
  { name: 'bravo: votes bought inside the snapshot window', dao: 'bravo', added: 2, leavesState: true, malicious: true, reason: 'vote-power-in-window', build: async (c) => {
    await callLocal(c.url, c.dao.voters[0] as Address, c.dao.token, 'BravoToken', 'transfer', [c.attacker, parseEther('3000000')]);
    await callLocal(c.url, c.dao.voters[1] as Address, c.dao.token, 'BravoToken', 'transfer', [c.attacker, parseEther('1000000')]);
    await callLocal(c.url, c.attacker, c.dao.token, 'BravoToken', 'delegate', [c.attacker]);
    return { ...one(c.dao.pool, enc('setReserveFactor', [5000n]), 'Reserve factor to 50%'), proposer: c.attacker };
  } },
];

const E = 10n ** 18n;

/**
 * A Beanstalk-shaped DAO made for one scenario (src/governance never sees this shape's names): a new
 * ERC20Votes token, lending pools that offer ERC-3156 flash loans of what suppliers put in, and an
 * EmergencyGovernor without timelock that holds 300 ETH and runs a proposal at once when two thirds of the
 * supply vote for it. `liveVotes`: votes weighed when cast (the flaw) or at the snapshot. Holders'
 * delegations are made long before any proposal.
 */
async function siloDao(c: ScenarioContext, opts: { liveVotes: boolean; lenders: bigint[] }): Promise<{ governor: Address; token: Address; lenders: Address[] }> {
  const d = c.dao.deployer;
  const token = await deployLocal(c.url, d, 'DaoToken', [d, 1_000_000n * E]);
  const holders: Array<[Address, bigint]> = [[c.dao.voters[2] as Address, 100_000n * E], [c.team, 50_000n * E]];
  for (const [h, amount] of holders) {
    await callLocal(c.url, d, token, 'DaoToken', 'transfer', [h, amount]);
    await callLocal(c.url, h, token, 'DaoToken', 'delegate', [h]);
  }
  const lenders: Address[] = [];
  for (const amount of opts.lenders) {
    const lender = await deployLocal(c.url, d, 'TokenLendingPool');
    await callLocal(c.url, d, token, 'DaoToken', 'approve', [lender, amount]);
    await callLocal(c.url, d, lender, 'TokenLendingPool', 'supply', [token, amount]);
    lenders.push(lender);
  }
  const governor = await deployLocal(c.url, d, 'EmergencyGovernor', [token, c.dao.settings.votingDelay, c.dao.settings.votingPeriod, 1_000n * E, 4n, opts.liveVotes, 1n]);
  await sendLocal(c.url, { from: d, to: governor, value: parseEther('300') });
  const { rpc } = await import('../src/chain/rpc/json-rpc.js');
  await rpc(c.url, 'hardhat_mine', [`0x${(2 * (c.dao.settings.votingDelay + c.dao.settings.votingPeriod)).toString(16)}`]);
  return { governor, token, lenders };
}

/**
 * A staking rewards distributor behind an ERC-1967 proxy owned by the DAO's timelock, paying 100 reward
 * tokens a block shared by ETH stake, funded with 400,000; three stakers stake and claim over ~300 blocks
 * so the chain holds the ordinary traffic of the protocol.
 */
async function distributor(c: ScenarioContext): Promise<{ proxy: Address; reward: Address }> {
  const d = c.dao.deployer;
  const { rpc } = await import('../src/chain/rpc/json-rpc.js');
  const reward = await deployLocal(c.url, d, 'RewardToken', [d, 1_000_000n * E]);
  const impl = await deployLocal(c.url, d, 'RewardsDistributorV1');
  const v1 = await artifact('RewardsDistributorV1');
  const init = encodeFunctionData({ abi: v1.abi, functionName: 'initialize', args: [c.dao.timelock, reward, 100n * E] } as Parameters<typeof encodeFunctionData>[0]);
  const proxy = await deployLocal(c.url, d, 'PoolProxy', [impl, init]);
  await callLocal(c.url, d, reward, 'RewardToken', 'transfer', [proxy, 400_000n * E]);
  const stakers: Array<[Address, bigint]> = [[c.dao.voters[2] as Address, 10n * E], [c.dao.voters[3] as Address, 30n * E], [c.team, 5n * E]];
  for (const [who, amount] of stakers) await callLocal(c.url, who, proxy, 'RewardsDistributorV1', 'stake', [], amount);
  await rpc(c.url, 'hardhat_mine', ['0x96']);
  for (const [who] of stakers) await callLocal(c.url, who, proxy, 'RewardsDistributorV1', 'claim');
  await rpc(c.url, 'hardhat_mine', ['0x64']);
  await callLocal(c.url, stakers[0]![0], proxy, 'RewardsDistributorV1', 'claim');
  await callLocal(c.url, stakers[2]![0], proxy, 'RewardsDistributorV1', 'stake', [], 2n * E);
  await rpc(c.url, 'hardhat_mine', ['0x32']);
  return { proxy, reward };
}

/**
 * Session 3 (frozen, first contact recorded, before the checks for them were written): the flash-loan vote
 * capture with emergency execution (Beanstalk, 2022), the honest upgrade that mis-accrues rewards (Compound
 * proposal 62, 2021), and benign twins of both.
 */
export const SCENARIOS_3: GovScenario[] = [
  { name: 'flash-loan vote capture: governor weighs votes when cast and commits at once on a supermajority', added: 3, malicious: true, reason: 'flash-loan-vote', build: async (c) => {
    const { governor, token } = await siloDao(c, { liveVotes: true, lenders: [800_000n * E] });
    // The attacker buys just enough to propose, then proposes a "donation" of the treasury to its contract.
    await callLocal(c.url, c.dao.deployer, token, 'DaoToken', 'transfer', [c.attacker, 2_000n * E]);
    await callLocal(c.url, c.attacker, token, 'DaoToken', 'delegate', [c.attacker]);
    const raider = await deployLocal(c.url, c.attacker, 'VoteRaider');
    return { ...one(raider, '0x', 'BIP-18: donation to a relief fund', parseEther('300')), proposer: c.attacker, governor };
  } },
  { name: 'distributor upgrade with packed checkpoints that forgets stakers\' paid index', added: 3, malicious: true, reason: 'replay-outflow', build: async (c) => {
    const { proxy } = await distributor(c);
    return one(proxy, enc('upgradeToAndCall', [await deployLocal(c.url, c.team, 'RewardsDistributorV2Packed'), '0x']), 'Distributor v2: packed staker checkpoints (saves gas on claim)');
  } },
  { name: 'flash-loan vote capture with power borrowed from two lending pools, part of the treasury', added: 3, malicious: true, reason: 'flash-loan-vote', build: async (c) => {
    const { governor, token } = await siloDao(c, { liveVotes: true, lenders: [450_000n * E, 350_000n * E] });
    await callLocal(c.url, c.dao.deployer, token, 'DaoToken', 'transfer', [c.attacker, 1_500n * E]);
    await callLocal(c.url, c.attacker, token, 'DaoToken', 'delegate', [c.attacker]);
    const raider = await deployLocal(c.url, c.attacker, 'VoteRaider');
    return { ...one(raider, '0x', 'Liquidity incentive for the new market', parseEther('120')), proposer: c.attacker, governor };
  } },
  { name: 'honest distributor upgrade adding claimTo', added: 3, malicious: false, build: async (c) => {
    const { proxy } = await distributor(c);
    return one(proxy, enc('upgradeToAndCall', [await deployLocal(c.url, c.team, 'RewardsDistributorV2'), '0x']), 'Distributor v2: claim to another address');
  } },
  { name: 'distributor emission 100 to 150 a block', added: 3, malicious: false, build: async (c) => one((await distributor(c)).proxy, enc('setRate', [150n * E]), 'Raise staking emissions by half') },
  { name: 'distributor upgrade that measures emissions per second against a block number', added: 3, malicious: true, reason: 'replay-outflow', build: async (c) => {
    const { proxy } = await distributor(c);
    return one(proxy, enc('upgradeToAndCall', [await deployLocal(c.url, c.team, 'RewardsDistributorV2PerSecond'), '0x']), 'Distributor: emissions per second instead of per block');
  } },
  { name: 'emergency governor weighing votes at the snapshot: grant by a long-time holder', added: 3, malicious: false, build: async (c) => {
    const { governor } = await siloDao(c, { liveVotes: false, lenders: [800_000n * E] });
    return { ...one(c.team, '0x', 'Audit payment', parseEther('10')), proposer: c.dao.voters[2] as Address, governor };
  } },
  { name: 'governor weighing votes when cast: grant proposed by a long-time holder', added: 3, malicious: false, build: async (c) => {
    const { governor } = await siloDao(c, { liveVotes: true, lenders: [800_000n * E] });
    return { ...one(c.team, '0x', 'Bug bounty payout', parseEther('5')), proposer: c.dao.voters[2] as Address, governor };
  } },
  { name: 'fee change while a fifth of the voting token sits in a flash-loan pool', added: 3, malicious: false, build: async (c) => {
    const lender = await deployLocal(c.url, c.dao.deployer, 'TokenLendingPool');
    await callLocal(c.url, c.dao.deployer, c.dao.token, 'DaoToken', 'approve', [lender, 150_000n * E]);
    await callLocal(c.url, c.dao.deployer, lender, 'TokenLendingPool', 'supply', [c.dao.token, 150_000n * E]);
    return one(c.dao.pool, enc('setFee', [40n]), 'Fee to 40 bps');
  } },
  { name: 'largest holder proposes and votes with tokens held since launch', added: 3, malicious: false, build: async (c) => ({ ...one(c.dao.pool, enc('setRewardRate', [120n]), 'Rewards to 1.2%'), proposer: c.dao.voters[0] as Address }) },
  { name: 'top up the rewards distributor with 50,000 reward tokens', added: 3, malicious: false, build: async (c) => {
    const { proxy, reward } = await distributor(c);
    // The timelock buys the reward tokens first (given by the deployer here), then sends them on.
    await callLocal(c.url, c.dao.deployer, reward, 'RewardToken', 'transfer', [c.dao.timelock, 50_000n * E]);
    return one(reward, enc('transfer', [proxy, 50_000n * E]), 'Top up staking rewards');
  } },
  { name: 'honest distributor upgrade and emission change in one proposal', added: 3, malicious: false, build: async (c) => {
    const { proxy } = await distributor(c);
    const v2 = await deployLocal(c.url, c.team, 'RewardsDistributorV2');
    return { targets: [proxy, proxy], values: [0n, 0n], calldatas: [enc('upgradeToAndCall', [v2, '0x']), enc('setRate', [80n * E])], description: 'Distributor v2 and emissions to 80 a block' };
  } },
];

export const ALL_SCENARIOS: GovScenario[] = [...SCENARIOS, ...SCENARIOS_2, ...SCENARIOS_3];

export const splitOf = (i: number): 'dev' | 'heldout' => (i % 3 === 2 ? 'heldout' : 'dev');
