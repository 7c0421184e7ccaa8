/**
 * Runs the governance scenarios on a devnet DAO: each proposal is made on the devnet (by a DAO voter, or
 * by the attacker of the scenario who then votes), then simulated on a fork of the devnet by the product.
 * Shared by `eval:governance` and `bench:governance`.
 */
import { encodeFunctionData, keccak256, toHex, type Address } from 'viem';
import { rpc } from '../src/chain/rpc/json-rpc.js';
import { startHardhatNode, type HardhatNode } from '../src/evm/hardhat-node.js';
import { Fork } from '../src/evm/fork.js';
import { bravoArtifacts, daoArtifacts, deployBravoDao, deployDao, type DaoDeployment } from '../src/governance/devnet.js';
import { BRAVO_ABI, GOVERNOR_ABI } from '../src/governance/abi.js';
import { sendLocal } from '../src/governance/tx.js';
import { analyzeProposal, type ProposalReport } from '../src/governance/report.js';
import { ALL_SCENARIOS, SCENARIOS, splitOf, type GovScenario, type ScenarioContext } from './governance-scenarios.js';

export interface ScenarioOutcome {
  scenario: GovScenario;
  split: 'dev' | 'heldout';
  report: ProposalReport | null;
  error: string | null;
  seconds: number;
}

export interface GovLab {
  kind: 'oz' | 'bravo';
  node: HardhatNode;
  fork: Fork;
  ctx: ScenarioContext;
  stop(): Promise<void>;
}

/**
 * A devnet with one DAO and a long-lived fork of it. `oz`: the OpenZeppelin DAO on Hardhat's newest
 * hardfork; `bravo`: the GovernorBravo-shaped DAO on a shanghai (pre-Cancun) chain, fork included.
 */
export async function startGovLab(kind: 'oz' | 'bravo' = 'oz'): Promise<GovLab> {
  const compiling = Promise.all([daoArtifacts(), bravoArtifacts()]);
  const hardfork = kind === 'bravo' ? 'shanghai' : undefined;
  const node = await startHardhatNode({ port: 0, accounts: 8, hardfork });
  try {
    await compiling;
    const accounts = await rpc<Address[]>(node.rpcUrl, 'eth_accounts');
    const dao: DaoDeployment = await (kind === 'bravo' ? deployBravoDao : deployDao)(node.rpcUrl, accounts.slice(0, 5));
    const ctx: ScenarioContext = { url: node.rpcUrl, dao, team: accounts[5] as Address, attacker: accounts[6] as Address, fresh: '0x9f1e5c0000000000000000000000000000a11ce5' };
    const fork = await Fork.start({ upstreamUrl: node.rpcUrl, hardfork });
    return { kind, node, fork, ctx, stop: async () => { await fork.stop(); await node.stop(); } };
  } catch (error) {
    await node.stop();
    throw error;
  }
}

/** Makes the scenario's proposal on the devnet; returns its id (and the governor, when the scenario made its own). */
export async function proposeOnDevnet(lab: GovLab, scenario: GovScenario): Promise<bigint> {
  return (await proposeScenario(lab, scenario)).id;
}

export async function proposeScenario(lab: GovLab, scenario: GovScenario): Promise<{ id: bigint; governor: Address }> {
  const built = await scenario.build(lab.ctx);
  // A scenario may bring its own governor (an OpenZeppelin one) on the lab's chain.
  const ctx: ScenarioContext = built.governor ? { ...lab.ctx, dao: { ...lab.ctx.dao, governor: built.governor } } : lab.ctx;
  const proposer = built.proposer ?? (ctx.dao.voters[0] as Address);
  let id: bigint;
  if (ctx.dao.kind === 'bravo') {
    const signatures = built.signatures ?? built.targets.map(() => '');
    await sendLocal(ctx.url, { from: proposer, to: ctx.dao.governor, data: encodeFunctionData({ abi: BRAVO_ABI, functionName: 'propose', args: [built.targets, built.values, signatures, built.calldatas, built.description] }) });
    id = BigInt(await rpc<`0x${string}`>(ctx.url, 'eth_call', [{ to: ctx.dao.governor, data: encodeFunctionData({ abi: BRAVO_ABI, functionName: 'proposalCount' }) }, 'latest']));
  } else {
    const args = [built.targets, built.values, built.calldatas, built.description] as const;
    await sendLocal(ctx.url, { from: proposer, to: ctx.dao.governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'propose', args }) });
    id = BigInt(keccak256(encodeAbi(built.targets, built.values, built.calldatas, keccak256(toHex(built.description)))));
  }
  if (built.proposer) {
    // The attacker votes with its new power as soon as the vote opens.
    await rpc(ctx.url, 'hardhat_mine', [toHex(ctx.dao.settings.votingDelay + 1)]);
    await sendLocal(ctx.url, { from: proposer, to: ctx.dao.governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'castVote', args: [id, 1] }) });
  }
  return { id, governor: ctx.dao.governor };
}

function encodeAbi(targets: readonly Address[], values: readonly bigint[], calldatas: readonly `0x${string}`[], descriptionHash: `0x${string}`): `0x${string}` {
  // hashProposal = keccak256(abi.encode(targets, values, calldatas, descriptionHash))
  return `0x${encodeFunctionData({ abi: [{ type: 'function', name: 'x', inputs: [{ type: 'address[]' }, { type: 'uint256[]' }, { type: 'bytes[]' }, { type: 'bytes32' }], outputs: [], stateMutability: 'pure' }], functionName: 'x', args: [targets, values, calldatas, descriptionHash] }).slice(10)}`;
}

export async function runScenario(lab: GovLab, scenario: GovScenario, index: number): Promise<ScenarioOutcome> {
  const split = splitOf(index);
  try {
    const { id: proposalId, governor } = await proposeScenario(lab, scenario);
    const t = performance.now();
    const report = await analyzeProposal({ rpcUrl: lab.ctx.url, governor, proposalId, fork: lab.fork });
    return { scenario, split, report, error: null, seconds: (performance.now() - t) / 1000 };
  } catch (error) {
    return { scenario, split, report: null, error: (error as Error).message, seconds: 0 };
  } finally {
    // A Bravo proposer may have one live proposal: close this vote on the devnet before the next.
    if (lab.kind === 'bravo') await rpc(lab.ctx.url, 'hardhat_mine', [toHex(lab.ctx.dao.settings.votingDelay + lab.ctx.dao.settings.votingPeriod + 2)]).catch(() => undefined);
  }
}

export { SCENARIOS, ALL_SCENARIOS };
