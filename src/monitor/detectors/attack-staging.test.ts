import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import type { DecodedEvent } from '../../chain/stream/decode.js';
import { compileSolidity } from '../../evm/solc.js';
import { ChainState, type TxView } from '../state.js';
import type { DetectorEnv } from './detector.js';
import type { TraceSummary } from '../trace.js';
import staging from './attack-staging.js';

// A tool (one owner-gated trigger that calls a pool's burn and sync) and a protocol (a pool users supply
// to, with views): both compiled by solc, so their dispatchers and outgoing selectors are solc's.
const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
interface IVictim { function burn(address, uint256) external; function sync() external; }
interface IERC20 { function transferFrom(address, address, uint256) external returns (bool); function transfer(address, uint256) external returns (bool); }
contract Tool {
  address private immutable owner = msg.sender;
  function run(IVictim token, address pool, uint256 amount) external { require(msg.sender == owner); token.burn(pool, amount); IVictim(pool).sync(); }
}
contract Pool {
  IERC20 public immutable asset;
  mapping(address => uint256) public supplied;
  uint256 public total;
  constructor(IERC20 a) { asset = a; }
  function supply(uint256 x) external { asset.transferFrom(msg.sender, address(this), x); supplied[msg.sender] += x; total += x; }
  function withdraw(uint256 x) external { supplied[msg.sender] -= x; total -= x; asset.transfer(msg.sender, x); }
}
`;
const compiled = compileSolidity({ sources: { 'Staging.sol': SOURCE }, outputs: ['evm.bytecode.object'] });
const creation = (name: string): Hex => compiled.find((c) => c.name === name)?.bytecode as Hex;

const DEPLOYER = '0x' + 'd5'.repeat(20);
const CONTRACT = '0x' + 'f7'.repeat(20);
const TOKEN = '0x' + 'b2'.repeat(20);
const LENDER = '0x' + 'a1'.repeat(20);

let n = 0;
const tx = (to: string | null, input: Hex, block: bigint, events: DecodedEvent[] = [], value = 0n): TxView => ({
  blockNumber: block,
  hash: `0x${(++n).toString(16).padStart(64, '0')}`,
  index: 0,
  from: DEPLOYER,
  to,
  value,
  input,
  status: 'success',
  contractAddress: to === null ? CONTRACT : null,
  events,
});
const approval = (owner: string, spender: string, value: bigint): DecodedEvent => ({ standard: 'erc20', event: 'Approval', address: TOKEN as `0x${string}`, blockNumber: 1n, transactionHash: '0x01', transactionIndex: 0, logIndex: 0, args: { owner, spender, value } });

function world(trace?: TraceSummary): DetectorEnv {
  const state = new ChainState();
  state.firstSeen.set(DEPLOYER, 100n);
  state.sent.set(DEPLOYER, 1);
  const chain = trace ? { getBalance: async () => 0n, call: async () => ({ reverted: false as const, data: '0x' as Hex }), trace: async () => trace } : undefined;
  return { chainId: 1, state, knownGood: new Set(), sanctioned: new Set(), sanctionLabels: new Map(), tokens: new Map(), ...(chain ? { chain } : {}) };
}

async function deployThenApprove(code: Hex) {
  const env = world();
  const own = staging.createState();
  expect(await staging.inspect(tx(null, code, 110n), own, env)).toEqual([]);
  return staging.inspect(tx(TOKEN, '0x095ea7b3', 112n, [approval(DEPLOYER, CONTRACT, 10n ** 20n)]), own, env);
}

describe('attack-staging', () => {
  it("flags a fresh deployer's allowance to its single-purpose tool, not to its new protocol", async () => {
    const [f] = await deployThenApprove(creation('Tool'));
    expect(f?.detector).toBe('monitor/attack-staging');
    expect(f?.subject).toMatchObject({ kind: 'address', address: DEPLOYER });
    expect(f?.tags).toContain('stage:preparation');
    expect(await deployThenApprove(creation('Pool'))).toEqual([]);
  });

  it('forgets a contract once someone other than its deployer calls it (a protocol with users)', async () => {
    const env = world();
    const own = staging.createState();
    await staging.inspect(tx(null, creation('Tool'), 110n), own, env);
    await staging.inspect({ ...tx(CONTRACT, '0x12345678', 111n), from: LENDER }, own, env);
    expect(await staging.inspect(tx(TOKEN, '0x095ea7b3', 112n, [approval(DEPLOYER, CONTRACT, 10n ** 20n)]), own, env)).toEqual([]);
  });

  it('flags a second run of the same entry point after a first run that moved nothing', async () => {
    const env = world();
    const own = staging.createState();
    await staging.inspect(tx(null, creation('Tool'), 110n), own, env);
    const call = '0x12345678' + '00'.repeat(96);
    expect(await staging.inspect(tx(CONTRACT, call as Hex, 111n), own, env)).toEqual([]);
    const [f] = await staging.inspect(tx(CONTRACT, call as Hex, 113n), own, env);
    expect(f?.evidence).toMatchObject({ rehearsal: true });
    expect(f?.severity).toBe('high');
  });

  it('flags a third-party contract calling back into the tool mid-call, not a payment to it', async () => {
    const callback: TraceSummary = { calls: [{ kind: 'CALL', from: CONTRACT, to: LENDER, value: 0n, depth: 1, ok: true }, { kind: 'CALL', from: LENDER, to: CONTRACT, value: 0n, depth: 2, ok: true }], reentered: [], ethTransfers: [] };
    const payment: TraceSummary = { calls: [{ kind: 'CALL', from: CONTRACT, to: LENDER, value: 0n, depth: 1, ok: true }, { kind: 'CALL', from: LENDER, to: CONTRACT, value: 5n, depth: 2, ok: true }], reentered: [], ethTransfers: [] };
    const run = async (trace: TraceSummary) => {
      const env = world(trace);
      const own = staging.createState();
      await staging.inspect(tx(null, creation('Tool'), 110n), own, env);
      return staging.inspect(tx(CONTRACT, ('0xabcdef01' + '00'.repeat(32)) as Hex, 111n), own, env);
    };
    const [f] = await run(callback);
    expect(f?.evidence).toMatchObject({ callbacksFrom: [LENDER] });
    expect(await run(payment)).toEqual([]);
  });
});
