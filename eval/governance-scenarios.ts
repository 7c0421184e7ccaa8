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
  /** Written in session 2 of issue 23 (first contact recorded separately). */
  added?: 2;
  /** Changes the devnet for good (votes moved): run after the other scenarios of its DAO. */
  leavesState?: true;
  malicious: boolean;
  /** Detector (without `governance/`) that must be critical for a malicious scenario. */
  reason?: string;
  /** Prepares the chain; returns the actions, and who proposes and votes (default: the DAO's voters). */
  build(ctx: ScenarioContext): Promise<ProposalActions & { proposer?: Address }>;
}

const A = parseAbi([
  'function setFee(uint256)', 'function setRewardRate(uint256)', 'function transfer(address,uint256)', 'function upgradeToAndCall(address,bytes)',
  'function updateDelay(uint256)', 'function updateQuorumNumerator(uint256)', 'function setVotingPeriod(uint32)', 'function mint(address,uint256)',
  'function grantRole(bytes32,address)', 'function transferOwnership(address)', 'function deposit()', 'function approve(address,uint256)',
  'function setReserveFactor(uint256)', 'function setCollateralFactor(uint256)', 'function upgradeTo(address)', 'function _setVotingPeriod(uint256)',
  'function _setQuorumVotes(uint256)', 'function setDelay(uint256)', 'function setPendingAdmin(address)', 'function setMinter(address)',
  'function sellTokens(address,uint256)', 'function migrate(address,address,address,uint256)', 'function deploy(bytes32,bytes)', 'function deploy(bytes)',
  'function _setVotingDelay(uint256)', 'function setVotingDelay(uint48)',
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

export const ALL_SCENARIOS: GovScenario[] = [...SCENARIOS, ...SCENARIOS_2];

export const splitOf = (i: number): 'dev' | 'heldout' => (i % 3 === 2 ? 'heldout' : 'dev');
