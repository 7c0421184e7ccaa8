import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/incorrect-equality');

describe('audit/incorrect-equality', () => {
  it('flags exact comparisons of a token balance, a balance held in a local, and the timestamp', async () => {
    const fs = await hits(`pragma solidity ^0.5.0;
interface IERC20 { function balanceOf(address a) external view returns (uint256); }
contract Sale {
  IERC20 token; uint256 goal; uint256 end; bool done;
  function close() public {
    require(token.balanceOf(address(this)) == goal);
    uint256 bal = address(this).balance;
    if (bal != goal) revert();
    require(now == end);
    done = true;
  }
}`);
    expect(fs.map((f) => (f.subject as { startLine: number }).startLine)).toEqual([6, 8, 9]);
    expect(fs[0]!.tags).toEqual(expect.arrayContaining(['SWC-132']));
  });

  it('does not flag >=, comparisons with zero, or a balance checked against another balance read', async () => {
    const fs = await hits(`pragma solidity ^0.5.0;
interface IERC20 { function balanceOf(address a) external view returns (uint256); function transfer(address t, uint256 v) external returns (bool); }
contract Sale {
  IERC20 token; uint256 goal; bool done;
  function close(address to, uint256 v) public {
    require(token.balanceOf(address(this)) >= goal);
    require(token.balanceOf(msg.sender) != 0);
    uint256 before = token.balanceOf(to);
    require(token.transfer(to, v));
    require(token.balanceOf(to) == before + v);
    done = true;
  }
}`);
    expect(fs).toHaveLength(0);
  });
});
