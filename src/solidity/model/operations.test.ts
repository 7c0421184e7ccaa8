import { describe, expect, it } from 'vitest';
import { parseUnit } from '../sources.js';
import { buildContracts } from './build.js';
import { isRestricted } from './access.js';
import { analyzeFunction } from './operations.js';

/** `senderGuarded` of every function of the last contract in `src`, by name. */
async function guards(src: string): Promise<Record<string, boolean>> {
  const unit = await parseUnit('t.sol', src);
  const { contracts } = buildContracts([unit]);
  const c = contracts[contracts.length - 1]!;
  return Object.fromEntries(c.ownFunctions.filter((f) => f.kind === 'function').map((f) => [f.name, analyzeFunction(f, c).senderGuarded]));
}

describe('senderGuarded', () => {
  it('recognises the shapes access control is written in', async () => {
    const g = await guards(`pragma solidity ^0.4.24;
contract C {
  address owner; address admin; mapping(address => uint) ownerIndex; mapping(address => uint) owners;
  mapping(address => uint) balances; mapping(address => mapping(uint => bool)) voted;
  modifier onlyOwner { require(msg.sender == owner); _; }
  modifier onlyIf { if (msg.sender == owner) _; }
  modifier viaLocal { address s = msg.sender; if (s == owner) { _; } else { revert(); } }
  function isOwner(address a) internal view returns (bool) { return a == owner; }
  function checksCaller() internal returns (bool) { return ownerIndex[msg.sender] > 0; }
  function requireMod() public onlyOwner { owner = 0; }
  function ifModifier() public onlyIf { owner = 0; }
  function localModifier() public viaLocal { owner = 0; }
  function eitherOf() public { require(msg.sender == owner || msg.sender == admin); owner = 0; }
  function membership() public { require(owners[msg.sender] != 0); owner = 0; }
  function callerIndex() public { uint i = ownerIndex[uint(msg.sender)]; if (i == 0) return; owner = 0; }
  function callEqualsTrue() public { require(isOwner(msg.sender) == true); owner = 0; }
  function viaHelper() public { if (!checksCaller()) return; owner = 0; }
  function ifAround() public { if (msg.sender == owner) { owner = 0; } }
  function bookkeeping(uint n) public { uint before = balances[msg.sender]; balances[msg.sender] -= n; assert(balances[msg.sender] == before - n); }
  function perCallerData(uint id) public { require(!voted[msg.sender][id]); voted[msg.sender][id] = true; }
  function amountBound(uint n) public { require(balances[msg.sender] >= n); balances[msg.sender] -= n; }
  function open() public { owner = msg.sender; }
}`);
    for (const name of ['requireMod', 'ifModifier', 'localModifier', 'eitherOf', 'membership', 'callerIndex', 'callEqualsTrue', 'viaHelper', 'ifAround']) {
      expect(g[name], name).toBe(true);
    }
    for (const name of ['bookkeeping', 'perCallerData', 'amountBound', 'open']) expect(g[name], name).toBe(false);
  });

  it('trusts access-control names only for modifiers it cannot see, unless asked to', async () => {
    const src = `pragma solidity ^0.4.24;
contract C {
  address owner; address helper;
  modifier onlyManager { require(check()); _; }
  function check() internal view returns (bool) { return helper != 0; }
  function imported() public onlyAdmin { owner = 0; }
  function named() public onlyManager { owner = 0; }
}`;
    const g = await guards(src);
    expect(g.imported).toBe(true);
    expect(g.named).toBe(false);
    const unit = await parseUnit('t.sol', src);
    const c = buildContracts([unit]).contracts[0]!;
    const named = c.ownFunctions.find((f) => f.name === 'named')!;
    expect(isRestricted(named, c, { modifierNames: 'access' })).toBe(true);
  });

  it('adminOnly excludes checks against a per-record party', async () => {
    const src = `pragma solidity ^0.4.24;
contract C {
  struct Channel { address party; } Channel[] channels; address owner;
  function close(uint id) public { require(channels[id].party == msg.sender); owner = 0; }
  function admin() public { require(msg.sender == owner); owner = 0; }
}`;
    const unit = await parseUnit('t.sol', src);
    const c = buildContracts([unit]).contracts[0]!;
    const fn = (n: string) => c.ownFunctions.find((f) => f.name === n)!;
    expect(isRestricted(fn('close'), c)).toBe(true);
    expect(isRestricted(fn('close'), c, { adminOnly: true })).toBe(false);
    expect(isRestricted(fn('admin'), c, { adminOnly: true })).toBe(true);
  });
});
