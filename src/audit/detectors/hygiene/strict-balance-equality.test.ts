import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/strict-balance-equality');

describe('audit/strict-balance-equality', () => {
  it('flags == and != on an ether balance', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract Game {
  uint deposits;
  function end() public {
    require(this.balance == deposits);
    if (address(this).balance != 10 ether) revert();
  }
}`);
    expect(found.map((f) => (f.subject as { startLine: number }).startLine)).toEqual([5, 6]);
    expect(found[0]!.tags).toContain('SWC-132');
  });

  it('does not flag inequalities or token balances', async () => {
    const found = await hits(`pragma solidity ^0.8.0;
interface IERC20 { function balanceOf(address) external view returns (uint); }
contract Game {
  function end(IERC20 t, uint d) public view returns (bool) {
    return address(this).balance >= d && t.balanceOf(address(this)) == d;
  }
}`);
    expect(found).toHaveLength(0);
  });
});
