import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../core/package-root.js';
import { analyzeCode } from '../token/flags/code.js';
import { analyzeBytecode } from '../token/flags/bytecode.js';
import { creationSegment, runtimeFromCreation, tinyProxy } from './code-kind.js';
import { compileSolidity } from './solc.js';

const root = packageRoot();
function compile(file: string, contract: string, version = '0.8.26', optimizer = true) {
  const c = compileSolidity({ sources: { [file]: readFileSync(path.join(root, file), 'utf8') }, version, optimizer: { enabled: optimizer, runs: 200 }, outputs: ['evm.bytecode.object', 'evm.deployedBytecode.object'] }).find((x) => x.name === contract)!;
  return { creation: c.bytecode!, runtime: `0x${c.runtime!}` };
}

const IMPL = '0xbebebebebebebebebebebebebebebebebebebebe';
const clone = (impl: string) => `0x363d3d373d3d3d363d73${impl.slice(2)}5af43d82803e903d91602b57fd5bf3`;

describe('creation bytecode', () => {
  it('is told from runtime code, and its constructor run in the in-process EVM gives the deployed runtime code', async () => {
    const { creation, runtime } = compile('contracts/token-era/families/F04_Oz5.sol', 'Oz5SellSwitch');
    expect(creationSegment(runtime)).toBeNull();
    const seg = creationSegment(creation);
    expect(seg).not.toBeNull();
    const got = await runtimeFromCreation(creation, seg!);
    expect(got.how).toBe('executed');
    expect(got.runtime).toBe(runtime);
    const a = await analyzeCode(creation);
    expect(a.kind).toBe('creation');
    expect(a.notes.join(' ')).toMatch(/creation \(deployment\) bytecode: the constructor was run/);
    expect(a.flags.limit_sell.value).toBe(true);
  }, 60_000);

  it('old compilers too (solc 0.5 and 0.6, optimizer off): the same flags as the runtime code', async () => {
    for (const [file, contract, version] of [
      ['contracts/token-era/families/F01_Oz2.sol', 'Oz2RewardMint', '0.5.17'],
      ['contracts/token-era/families/F05_Reflection.sol', 'ReflectMaxTx', '0.6.12'],
    ] as const) {
      const { creation, runtime } = compile(file, contract, version, false);
      expect(creationSegment(runtime)).toBeNull();
      const fromCreation = (await analyzeCode(creation)).flags;
      const fromRuntime = analyzeBytecode(runtime).flags;
      for (const f of ['hidden_mint', 'leaking_token', 'limit_sell'] as const) expect(fromCreation[f].value, `${contract}.${f}`).toBe(fromRuntime[f].value);
    }
  }, 120_000);

  it('a constructor that cannot run offline (it calls the Uniswap router): the runtime segment it copies, immutables stood in for', async () => {
    const { creation, runtime } = compile('contracts/token-era/families/F08_LaunchBots.sol', 'LaunchSetBots');
    const a = await analyzeCode(creation);
    expect(a.kind).toBe('creation');
    expect(a.notes.join(' ')).toMatch(/the constructor reverted.*the runtime code it copies/);
    expect(a.runtime.length).toBe(runtime.length);
    expect(a.flags.limit_sell.value).toBe(true);
    expect(a.flags.hidden_mint.value).toBe(false);
  }, 60_000);
});

describe('tiny proxies', () => {
  it('an EIP-1167 clone (45 bytes) is said to be a proxy of its implementation, nothing more is claimed', async () => {
    const p = tinyProxy(clone(IMPL));
    expect(p).toEqual({ address: IMPL, eip1167: true, size: 45 });
    const a = await analyzeCode(clone(IMPL));
    expect(a.kind).toBe('proxy');
    expect(a.flags.is_proxy.value).toBe(true);
    expect(a.flags.is_proxy.evidence[0]!.detail).toContain(IMPL);
    expect(a.flags.hidden_mint.value).toBeNull();
    expect(a.flags.limit_sell.value).toBeNull();
    expect(a.notes.join(' ')).toMatch(/EIP-1167 minimal proxy of 0xbebe.*--rpc/);
  });

  it("an EIP-1167 clone's creation code is run, and the clone it deploys is recognised", async () => {
    const init = `0x3d602d80600a3d3981f3${clone(IMPL).slice(2)}`;
    const a = await analyzeCode(init);
    expect(a.kind).toBe('creation');
    expect(a.proxy?.address).toBe(IMPL);
    expect(a.flags.is_proxy.value).toBe(true);
  }, 60_000);

  it('a forwarder that reads its implementation from storage is a tiny proxy with that slot; a token is not', () => {
    const { runtime } = compile('contracts/token-era/proxies/TinyProxies.sol', 'SlotForwarder');
    expect(tinyProxy(runtime)).toMatchObject({ slot: '0', eip1167: false });
    expect(tinyProxy(compile('contracts/token-era/families/F04_Oz5.sol', 'Oz5Plain').runtime)).toBeNull();
  });
});
