import { describe, expect, it } from 'vitest';
import { parseUnit } from '../../solidity/sources.js';
import { buildContracts } from '../../solidity/model/build.js';
import { FEATURE_NAMES, functionFeatures, unitsToScore, type FeatureName } from './features.js';

async function features(src: string): Promise<Record<string, (name: FeatureName) => number>> {
  const unit = await parseUnit('t.sol', src);
  const { contracts } = buildContracts([unit]);
  const out: Record<string, (name: FeatureName) => number> = {};
  for (const { fn, contract } of unitsToScore(contracts, new Set([unit.path]))) {
    const f = functionFeatures(fn, contract);
    out[fn.name] = (name) => f.values[FEATURE_NAMES.indexOf(name)]!;
  }
  return out;
}

describe('functionFeatures', () => {
  it('reads operation order, call results and guards from the analysis model', async () => {
    const f = await features(`pragma solidity ^0.4.24;
contract Bank {
  mapping(address => uint) balances; address owner;
  modifier onlyOwner { require(msg.sender == owner); _; }
  function withdraw(uint amount) public {
    require(balances[msg.sender] >= amount);
    require(msg.sender.call.value(amount)());
    balances[msg.sender] -= amount;
  }
  function safe(uint amount) public {
    balances[msg.sender] -= amount;
    msg.sender.transfer(amount);
  }
  function drop(address to) public onlyOwner { to.send(1 ether); }
  function byOrigin() public { require(tx.origin == owner); owner = msg.sender; }
}`);
    expect(f.withdraw!('write-after-value-call')).toBe(1);
    expect(f.withdraw!('read-before-call-write-after')).toBe(1);
    expect(f.withdraw!('call-value-from-caller')).toBe(1);
    expect(f.safe!('write-after-call')).toBe(0);
    expect(f.drop!('call-result-ignored')).toBe(1);
    expect(f.drop!('sender-guarded')).toBe(1);
    expect(f.withdraw!('sender-guarded')).toBe(0);
    expect(f.byOrigin!('tx-origin-in-guard')).toBe(1);
    expect(f.byOrigin!('tx-origin-compared-to-state')).toBe(1);
    expect(f.withdraw!('pre-0.8')).toBe(1);
  });

  it('tells wrapping arithmetic from checked arithmetic, and sees block values', async () => {
    const f = await features(`pragma solidity ^0.8.0;
contract T {
  uint total; uint8 level;
  function cost(uint n, uint price) public returns (uint) { unchecked { return n * price; } }
  function add(uint n) public { total += n; }
  function lucky() public view returns (bool) { uint t = block.timestamp; return t % 2 == 0; }
}`);
    expect(f.cost!('arith-wraps')).toBe(1);
    expect(f.cost!('arith-unchecked-block')).toBe(1);
    expect(f.cost!('arith-from-caller')).toBe(1);
    expect(f.add!('arith-wraps')).toBe(0);
    expect(f.add!('arith-compound-state')).toBe(1);
    expect(f.lucky!('timestamp-used')).toBe(1);
    expect(f.lucky!('timestamp-modulo')).toBe(1);
  });
});
