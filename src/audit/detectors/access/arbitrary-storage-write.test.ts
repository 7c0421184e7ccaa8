import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/arbitrary-storage-write');

const wallet = (check: string) => `pragma solidity ^0.4.25;
contract Wallet {
  uint[] private bonusCodes;
  function PushBonusCode(uint c) public { bonusCodes.push(c); }
  function PopBonusCode() public {
    require(${check});
    bonusCodes.length--;
  }
  function UpdateBonusCodeAt(uint idx, uint c) public { require(idx < bonusCodes.length); bonusCodes[idx] = c; }
}`;

describe('audit/arbitrary-storage-write', () => {
  it('flags an always-true check before a length decrement', async () => {
    const h = await hits(wallet('0 <= bonusCodes.length'));
    expect(h).toHaveLength(1);
    expect(h[0]!.subject).toMatchObject({ startLine: 6 });
  });

  it('accepts a real non-empty check', async () => {
    expect(await hits(wallet('0 < bonusCodes.length'))).toHaveLength(0);
  });

  it('flags a write after a caller-set length', async () => {
    const h = await hits(`pragma solidity ^0.4.24;
contract Map {
  uint256[] map;
  function set(uint256 key, uint256 value) public {
    if (map.length <= key) { map.length = key + 1; }
    map[key] = value;
  }
}`);
    expect(h).toHaveLength(1);
    expect(h[0]!.subject).toMatchObject({ startLine: 6 });
  });
});
