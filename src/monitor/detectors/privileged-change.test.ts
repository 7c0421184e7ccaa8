import { describe, expect, it } from 'vitest';
import type { DecodedEvent } from '../../chain/stream/decode.js';
import { ChainState, type TxView } from '../state.js';
import type { DetectorEnv } from './detector.js';
import type { TraceCall } from '../../chain/stream/trace.js';
import privileged from './privileged-change.js';

const TEAM = '0x' + 'a'.repeat(40);
const STRANGER = '0x' + 'e'.repeat(40);
const PROXY = '0x' + 'c'.repeat(40);

const ev = (event: string, args: Record<string, unknown>): DecodedEvent => ({ standard: 'admin', event, address: PROXY as `0x${string}`, blockNumber: 5n, transactionHash: '0x01', transactionIndex: 0, logIndex: 0, args });
const tx = (from: string, events: DecodedEvent[], block = 20n): TxView => ({ blockNumber: block, hash: `0x${'ab'.repeat(32)}`, index: 0, from, to: PROXY, value: 0n, input: '0x', status: 'success', contractAddress: null, events });

function env(): DetectorEnv {
  const state = new ChainState();
  state.contracts.set(PROXY, { deployer: TEAM, block: 5n });
  return { chainId: 1, state, knownGood: new Set(), sanctioned: new Set(), sanctionLabels: new Map(), tokens: new Map() };
}

describe('privileged-change', () => {
  it("stays silent on the team's own upgrade and flags a stranger's", async () => {
    const e = env();
    const own = privileged.createState();
    expect(await privileged.inspect(tx(TEAM, [ev('Upgraded', { implementation: '0x' + '1'.repeat(40) })]), own, e)).toEqual([]);
    const [f] = await privileged.inspect(tx(STRANGER, [ev('Upgraded', { implementation: '0x' + '2'.repeat(40) })]), own, e);
    expect(f?.detector).toBe('monitor/privileged-change');
    expect(f?.explanation).toContain(STRANGER);
  });

  it('flags a second initialisation at the same version, even by the deployer, but not a reinitializer(2)', async () => {
    const e = env();
    const own = privileged.createState();
    expect(await privileged.inspect(tx(TEAM, [ev('Initialized', { version: 1n })]), own, e)).toEqual([]);
    expect(await privileged.inspect(tx(TEAM, [ev('Initialized', { version: 2n })], 25n), own, e)).toEqual([]);
    const [f] = await privileged.inspect(tx(TEAM, [ev('Initialized', { version: 2n })], 30n), own, e);
    expect(f?.explanation).toContain('initialised again');
  });

  it("stays silent when the owner is a multisig contract that executes the upgrade, and still flags a stranger calling the proxy", async () => {
    const SAFE = '0x' + '5'.repeat(40);
    const SIGNER = '0x' + '6'.repeat(40);
    const e = env();
    const own = privileged.createState();
    // The team hands the proxy to its multisig.
    expect(await privileged.inspect(tx(TEAM, [ev('OwnershipTransferred', { previousOwner: TEAM, newOwner: SAFE })]), own, e)).toEqual([]);
    // One of the multisig's owners sends the confirming transaction to the multisig, which upgrades the proxy.
    const viaSafe: TxView = { ...tx(SIGNER, [ev('Upgraded', { implementation: '0x' + '1'.repeat(40) })], 30n), to: SAFE };
    expect(await privileged.inspect(viaSafe, own, e)).toEqual([]);
    // The multisig's own event in the transaction also shows it ran (a relayer or module in between).
    const safeEvent: DecodedEvent = { ...ev('ExecutionSuccess', {}), address: SAFE as `0x${string}` };
    const relayed: TxView = { ...tx(SIGNER, [safeEvent, ev('Upgraded', { implementation: '0x' + '3'.repeat(40) })], 35n), to: '0x' + '7'.repeat(40) };
    expect(await privileged.inspect(relayed, own, e)).toEqual([]);
    // The same signer calling the proxy directly is a stranger to it.
    const [f] = await privileged.inspect(tx(SIGNER, [ev('Upgraded', { implementation: '0x' + '2'.repeat(40) })], 40n), own, e);
    expect(f?.explanation).toContain(SIGNER);
  });

  it('with call traces, an owner contract only poked in the transaction (1 wei to a Safe) does not vouch for the change', async () => {
    const SAFE = '0x' + '5'.repeat(40);
    const ATTACKER = '0x' + '8'.repeat(40);
    const TOOL = '0x' + '9'.repeat(40);
    const call = (from: string, to: string, value = 0n): TraceCall => ({ kind: 'CALL', from, to, value, depth: 1, ok: true });
    const withTrace = (calls: TraceCall[]): DetectorEnv => ({ ...env(), chain: { getBalance: async () => 0n, call: async () => ({ reverted: false, data: '0x' }), trace: async () => ({ calls, reentered: [], ethTransfers: [] }) } });
    const handOver = tx(TEAM, [ev('OwnershipTransferred', { previousOwner: TEAM, newOwner: SAFE })]);
    const safeEvent: DecodedEvent = { ...ev('SafeReceived', {}), address: SAFE as `0x${string}` };
    const attack: TxView = { ...tx(ATTACKER, [safeEvent, ev('Upgraded', { implementation: '0x' + '4'.repeat(40) })], 50n), to: TOOL };
    // The tool pays the Safe 1 wei (its event) and upgrades the proxy itself: flagged.
    const poked = withTrace([call(TOOL, SAFE, 1n), call(TOOL, PROXY)]);
    const own = privileged.createState();
    await privileged.inspect(handOver, own, poked);
    const [f] = await privileged.inspect(attack, own, poked);
    expect(f?.explanation).toContain(ATTACKER);
    // A module or relayer in between whose trace shows the Safe calling the proxy: the Safe's change.
    const relayed = withTrace([call(TOOL, SAFE), call(SAFE, PROXY)]);
    const own2 = privileged.createState();
    await privileged.inspect(handOver, own2, relayed);
    expect(await privileged.inspect(attack, own2, relayed)).toEqual([]);
  });
});
