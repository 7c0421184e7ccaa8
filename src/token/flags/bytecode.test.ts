import { beforeAll, describe, expect, it } from 'vitest';
import { keccak256, toFunctionSelector, toHex } from 'viem';
import { FLAG_NAMES } from '../types.js';
import { analyzeBytecode, bytecodeFlags } from './bytecode.js';
import { compileRuntime, CORPUS_SOURCES, loadExpected, SCENARIO_SOURCES, weth9Runtime, type CompiledToken } from './corpus.js';
import { disassemble, dispatcher } from '../../evm/disasm.js';
import { EIP1967_IMPLEMENTATION_SLOT, TRANSFER_TOPIC } from './selectors.js';

let tokens: CompiledToken[] = [];
const runtimeOf = (name: string): string => {
  if (name === 'WETH9') return weth9Runtime();
  const t = tokens.find((x) => x.name === name);
  if (!t) throw new Error(`no token ${name}`);
  return t.runtime;
};

beforeAll(async () => {
  tokens = [...(await compileRuntime(CORPUS_SOURCES)), ...(await compileRuntime(SCENARIO_SOURCES))];
}, 180_000);

describe('disassembler', () => {
  it('skips PUSH data: a 0x5b pushed as a constant is not a JUMPDEST', () => {
    const code = disassemble('0x605b5b00');
    expect(code.instrs.map((i) => i.pc)).toEqual([0, 2, 3]);
    expect([...code.jumpdests]).toEqual([2]);
    expect(code.instrs[0]!.push).toBe(0x5bn);
  });

  it('reads the dispatcher of a compiled token', () => {
    const selectors = dispatcher(disassemble(runtimeOf('PlainToken'))).map((e) => e.selector);
    expect(selectors).toContain(toFunctionSelector('function transfer(address,uint256)'));
    expect(selectors).toContain(toFunctionSelector('function balanceOf(address)'));
  });

  it('rejects text that is not hex', () => {
    expect(() => disassemble('0xzz')).toThrow(/hex/);
  });
});

describe('bytecode flags on the token corpus', () => {
  const expected = loadExpected();
  for (const [name, entry] of Object.entries(expected)) {
    it(`${name}${entry.scenario ? ' (scenario)' : ''}`, () => {
      const flags = bytecodeFlags(runtimeOf(name));
      const got = Object.fromEntries(Object.keys(entry.flags).map((f) => [f, flags[f as keyof typeof flags].value]));
      expect(got).toEqual(entry.flags);
      // Every true flag says why.
      for (const f of FLAG_NAMES) if (flags[f].value === true) expect(flags[f].evidence.length, f).toBeGreaterThan(0);
    });
  }
});

describe('bytecode evidence and unknowns', () => {
  it('points the hidden mint of ElasticRewardToken at rebase()', () => {
    const flags = bytecodeFlags(runtimeOf('ElasticRewardToken'));
    expect(flags.hidden_mint.value).toBe(true);
    expect(flags.hidden_mint.evidence[0]!.selector).toBe(toFunctionSelector('function rebase(uint256,uint256)'));
  });

  it('finds the disguised balance setter of BalanceSyncToken by what it does', () => {
    const flags = bytecodeFlags(runtimeOf('BalanceSyncToken'));
    expect(flags.owner_change_balance.evidence.map((e) => e.selector)).toContain(toFunctionSelector('function sync(address,uint256)'));
  });

  it('leaves what a proxy hides unknown, and owner_renounced (chain state) always unknown', () => {
    const flags = bytecodeFlags(runtimeOf('UpgradeableTokenProxy'));
    expect(flags.is_proxy.value).toBe(true);
    expect(flags.hidden_mint.value).toBeNull();
    expect(flags.limit_sell.value).toBeNull();
    expect(bytecodeFlags(runtimeOf('PlainToken')).owner_renounced.value).toBeNull();
  });

  it('names the EIP-1967 slot the proxy reads (the constants are the hashes they stand for)', () => {
    expect(EIP1967_IMPLEMENTATION_SLOT).toBe(BigInt(keccak256(toHex('eip1967.proxy.implementation'))) - 1n);
    expect(TRANSFER_TOPIC).toBe(BigInt(keccak256(toHex('Transfer(address,address,uint256)'))));
    expect(bytecodeFlags(runtimeOf('UpgradeableTokenProxy')).is_proxy.evidence[0]!.detail).toMatch(/EIP-1967 implementation slot/);
  });

  it('reads the storage layout from the standard getters', () => {
    const { layout } = analyzeBytecode(runtimeOf('OwnerMintToken'));
    expect(layout).toEqual({ balances: '0[]', balanceMaps: ['0[]'], allowances: '1[][]', totalSupply: '2', owner: '5' });
  });
});
