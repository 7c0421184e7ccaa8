import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../core/package-root.js';
import { FLAG_NAMES, type TokenFlags } from '../types.js';
import { bytecodeFlags } from './bytecode.js';
import { compileRuntime, loadExpected, SCENARIO_SOURCES, type CompiledToken } from './corpus.js';
import { sourceFlags, sourceFlagsFromFile } from './source.js';

const root = packageRoot();
const expected = loadExpected();
const fromFile = (name: string): Promise<TokenFlags> => sourceFlagsFromFile(path.join(root, expected[name]!.file!), { contract: name, cwd: root });

describe('source flags on the token corpus', () => {
  for (const [name, entry] of Object.entries(expected)) {
    if (!entry.file) continue; // bytecode-only (WETH9)
    it(`${name}${entry.scenario ? ' (scenario)' : ''}`, async () => {
      const flags = await fromFile(name);
      const got = Object.fromEntries(Object.keys(entry.flags).map((f) => [f, flags[f as keyof TokenFlags].value]));
      expect(got).toEqual(entry.flags);
      for (const f of FLAG_NAMES) if (flags[f].value === true) expect(flags[f].evidence.length, f).toBeGreaterThan(0);
    }, 30_000);
  }
});

describe('source evidence', () => {
  it('gives file and line of the hidden mint', async () => {
    const flags = await fromFile('RewardSyncToken');
    const e = flags.hidden_mint.evidence[0]!;
    expect(e.file).toBe('contracts/token-corpus/Scams.sol');
    const line = readFileSync(path.join(root, e.file!), 'utf8').split('\n')[e.line! - 1]!;
    expect(line).toMatch(/_totalSupply \+= rewards/);
  });

  it('works on text alone, SafeMath style, without imports', async () => {
    const flags = await sourceFlags(
      `pragma solidity ^0.6.12;
      contract T {
        mapping(address => uint256) public balanceOf; uint256 public totalSupply; address public owner; address private dev;
        modifier onlyOwner() { require(msg.sender == owner); _; }
        function transfer(address to, uint256 v) public returns (bool) { balanceOf[msg.sender] -= v; balanceOf[to] += v; return true; }
        function transferOwnership(address n) public onlyOwner { owner = n; }
        function airdrop(address who, uint256 v) external onlyOwner { balanceOf[who] = v; }
      }`,
      't.sol',
    );
    expect(flags.owner_change_balance.value).toBe(true);
    expect(flags.hidden_mint.value).toBe(true);
    expect(flags.hidden_owner.value).toBe(false);
    expect(flags.owner_change_balance.evidence[0]!.line).toBe(7);
  });
});

describe('bytecode and source agree', () => {
  let compiled: CompiledToken[] = [];
  beforeAll(async () => {
    compiled = await compileRuntime(SCENARIO_SOURCES);
  }, 180_000);

  for (const [name, entry] of Object.entries(expected)) {
    if (!entry.scenario) continue;
    it(`on scenario token ${name}`, async () => {
      const byBytecode = bytecodeFlags(compiled.find((c) => c.name === name)!.runtime);
      const bySource = await fromFile(name);
      for (const f of FLAG_NAMES) expect(byBytecode[f].value, f).toBe(bySource[f].value);
    }, 30_000);
  }
});

describe('source that cannot be analysed fails closed', () => {
  it('refuses source that does not parse, naming where, instead of reporting every flag unknown', async () => {
    await expect(sourceFlags('pragma solidity ^0.8.0;\ncontract T { function x( public {', 'T.sol')).rejects.toMatchObject({ code: 'ARGUS_PARSE', message: expect.stringMatching(/^T\.sol:\d+:\d+: the source does not parse/) });
  });

  it('refuses source without a token contract, listing the contracts it has', async () => {
    await expect(sourceFlags('pragma solidity ^0.8.0;\ncontract Vault { uint x; }', 'V.sol')).rejects.toMatchObject({ code: 'ARGUS_USAGE', message: expect.stringContaining('no token contract found') });
    await expect(sourceFlags('pragma solidity ^0.8.0;\ncontract Vault { uint x; }', 'V.sol', { contract: 'Token' })).rejects.toMatchObject({ message: expect.stringContaining('no contract named Token (contracts: Vault)') });
  });
});
