/**
 * Governance scenarios with ground truth (frozen before the checks were run): proposals on the devnet DAO
 * (src/governance/devnet.ts), each benign or malicious with the detector that must say why. `split`: every
 * third scenario is held out (never looked at while tuning).
 */
import { encodeFunctionData, parseAbi, parseEther, type Address, type Hex } from 'viem';
import { callLocal, deployLocal, roleId, type DaoDeployment } from '../src/governance/devnet.js';
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
  { name: 'votes bought inside the snapshot window', malicious: true, reason: 'vote-power-in-window', build: async (c) => {
    // A whale sells (or lends) 40% of the supply to the attacker two blocks before the proposal.
    await callLocal(c.url, c.dao.voters[0] as Address, c.dao.token, 'DaoToken', 'transfer', [c.attacker, parseEther('300000')]);
    await callLocal(c.url, c.dao.voters[1] as Address, c.dao.token, 'DaoToken', 'transfer', [c.attacker, parseEther('100000')]);
    await callLocal(c.url, c.attacker, c.dao.token, 'DaoToken', 'delegate', [c.attacker]);
    return { ...one(c.dao.pool, enc('setFee', [1000n]), 'Fee to 10%'), proposer: c.attacker };
  } },
];

export const splitOf = (i: number): 'dev' | 'heldout' => (i % 3 === 2 ? 'heldout' : 'dev');
