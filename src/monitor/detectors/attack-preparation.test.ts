import { toFunctionSelector, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import type { DecodedEvent } from '../../chain/stream/decode.js';
import { compileSolidity } from '../../evm/solc.js';
import { ChainState, type TxView } from '../state.js';
import type { DetectorEnv } from './detector.js';
import preparation, { codeTargets } from './attack-preparation.js';

// A vault users deposit into, a contract written against it (calls its deposit and withdraw), and an
// ordinary contract that only moves tokens; all compiled by solc, so the selectors are where solc puts them.
const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
interface IERC20 { function transfer(address, uint256) external returns (bool); function balanceOf(address) external view returns (uint256); }
interface IVault { function deposit(uint256) external; function withdraw(uint256) external; }
contract Vault {
  mapping(address => uint256) public shares;
  function deposit(uint256 a) external { shares[msg.sender] += a; }
  function withdraw(uint256 a) external { shares[msg.sender] -= a; }
}
contract Drainer {
  function go(address v, uint256 n) external { for (uint256 i = 0; i < n; i++) { IVault(v).deposit(1); IVault(v).withdraw(2); } }
}
contract Payer {
  function pay(address t, address to) external { IERC20(t).transfer(to, IERC20(t).balanceOf(address(this))); }
}
`;

const compiled = compileSolidity({ sources: { 'Prep.sol': SOURCE }, outputs: ['evm.bytecode.object'] });
const creation = (name: string): Hex => compiled.find((c) => c.name === name)?.bytecode as Hex;
const DEPOSIT = toFunctionSelector('deposit(uint256)');
const WITHDRAW = toFunctionSelector('withdraw(uint256)');

const VAULT = '0x' + 'a1'.repeat(20);
const TOKEN = '0x' + 'b2'.repeat(20);
const USERS = ['0x' + 'c3'.repeat(20), '0x' + 'c4'.repeat(20)];
const ATTACKER = '0x' + 'd5'.repeat(20);
const OLD_TEAM = '0x' + 'e6'.repeat(20);
const NEW = '0x' + 'f7'.repeat(20);

let n = 0;
const tx = (from: string, to: string | null, input: Hex, block: bigint, events: DecodedEvent[] = []): TxView => ({
  blockNumber: block,
  hash: `0x${(++n).toString(16).padStart(64, '0')}`,
  index: 0,
  from,
  to,
  value: 0n,
  input,
  status: 'success',
  contractAddress: to === null ? NEW : null,
  events,
});

function world(): DetectorEnv {
  const state = new ChainState();
  state.contracts.set(VAULT, { deployer: OLD_TEAM, block: 1n });
  state.balances.set(TOKEN, new Map([[VAULT, 50n * 10n ** 18n]]));
  return { chainId: 1, state, knownGood: new Set(), sanctioned: new Set(), sanctionLabels: new Map(), tokens: new Map() };
}

describe('attack-preparation', () => {
  it("reads the selectors a contract calls out, not its own dispatcher's, from creation bytecode", () => {
    const drainer = codeTargets(creation('Drainer'));
    expect(drainer.outgoing.has(DEPOSIT)).toBe(true);
    expect(drainer.outgoing.has(WITHDRAW)).toBe(true);
    const vault = codeTargets(creation('Vault'));
    expect(vault.outgoing.has(DEPOSIT)).toBe(false);
    expect(vault.outgoing.has(WITHDRAW)).toBe(false);
    const payer = codeTargets(creation('Payer')).outgoing;
    expect(payer.has(toFunctionSelector('transfer(address,uint256)'))).toBe(true);
    expect(payer.has(toFunctionSelector('pay(address,address)'))).toBe(false);
  });

  it('flags a freshly funded deployer whose code calls what users call on a funded contract, not an old team or a token mover', async () => {
    const run = async (deployer: string, code: Hex, firstSeen: bigint) => {
      const env = world();
      const own = preparation.createState();
      for (const u of USERS) {
        const t = tx(u, VAULT, `${DEPOSIT}${'00'.repeat(32)}` as Hex, 10n);
        await preparation.inspect(t, own, env);
        env.state.learn(t);
      }
      env.state.firstSeen.set(deployer, firstSeen);
      return preparation.inspect(tx(deployer, null, code, 400n), own, env);
    };
    const [f] = await run(ATTACKER, creation('Drainer'), 399n);
    expect(f?.detector).toBe('monitor/attack-preparation');
    expect(f?.tags).toContain('stage:preparation');
    expect(f?.subject).toMatchObject({ kind: 'address', address: ATTACKER, role: 'attacker' });
    expect(f?.explanation).toContain(DEPOSIT);
    expect(await run(OLD_TEAM, creation('Drainer'), 2n)).toEqual([]);
    expect(await run(ATTACKER, creation('Payer'), 399n)).toEqual([]);
    expect(await run(ATTACKER, creation('Vault'), 399n)).toEqual([]);
  });

  it('flags dust first shares minted to a depositor, not an ordinary first deposit', async () => {
    const mint = (shares: bigint): DecodedEvent[] => [
      { standard: 'erc20', event: 'Transfer', address: TOKEN as Hex, blockNumber: 5n, transactionHash: '0x01', transactionIndex: 0, logIndex: 0, args: { from: ATTACKER, to: VAULT, value: shares } },
      { standard: 'erc20', event: 'Transfer', address: VAULT as Hex, blockNumber: 5n, transactionHash: '0x01', transactionIndex: 0, logIndex: 1, args: { from: '0x0000000000000000000000000000000000000000', to: ATTACKER, value: shares } },
    ];
    const [f] = await preparation.inspect(tx(ATTACKER, VAULT, DEPOSIT, 5n, mint(1n)), preparation.createState(), world());
    expect(f?.explanation).toContain('dust');
    expect(await preparation.inspect(tx(ATTACKER, VAULT, DEPOSIT, 5n, mint(3n * 10n ** 18n)), preparation.createState(), world())).toEqual([]);
  });
});
