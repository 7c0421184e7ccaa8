import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/erc20-approve-race').map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0));
const token = (approveBody: string, extra = '') => `pragma solidity ^0.4.24;
contract Token {
  mapping(address => mapping(address => uint256)) internal _allowed;
  function approve(address spender, uint256 value) public returns (bool) {
${approveBody}
    return true;
  }
${extra}
}`;

describe('audit/erc20-approve-race', () => {
  it('flags an allowance overwritten directly', async () => {
    expect(await hits(token('    _allowed[msg.sender][spender] = value;'))).toEqual([5]);
  });
  it('does not flag an approve that requires a zero allowance first', async () => {
    expect(await hits(token('    require(value == 0 || _allowed[msg.sender][spender] == 0);\n    _allowed[msg.sender][spender] = value;'))).toEqual([]);
  });
  it('does not flag a token offering increaseAllowance', async () => {
    expect(await hits(token('    _allowed[msg.sender][spender] = value;', '  function increaseAllowance(address s, uint256 a) public returns (bool) { _allowed[msg.sender][s] += a; return true; }'))).toEqual([]);
  });
});

describe('audit/erc20-approve-race under another name', () => {
  const run = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/erc20-approve-race').map((f) => (f.subject as { startLine: number }).startLine);
  const token = (extra: string) => `pragma solidity ^0.4.24;
contract T {
  mapping(address => mapping(address => uint256)) allowed;
  mapping(address => uint256) bal;
  function approveSpender(address spender, uint256 value) public returns (bool) {
    allowed[msg.sender][spender] = value;
    return true;
  }
  function spendFrom(address from, address to, uint256 value) public {
    require(allowed[from][msg.sender] >= value);
    allowed[from][msg.sender] -= value;
    bal[from] -= value;
    bal[to] += value;
  }
${extra}}`;
  it('flags an overwrite of a mapping that is spent as an allowance', async () => {
    expect(await run(token(''))).toEqual([6]);
  });
  it('does not flag it when increase/decrease functions change that mapping', async () => {
    expect(await run(token('  function increaseAllowance(address s, uint256 v) public { allowed[msg.sender][s] += v; }\n'))).toEqual([]);
  });
  it('flags an allowance overwritten by an internal helper, and not when the helper requires zero first', async () => {
    const helper = (check: string) => `pragma solidity ^0.5.0;
contract T {
  mapping(address => mapping(address => uint256)) permits;
  function _set(address h, address s, uint256 a) internal {
    ${check}
    permits[h][s] = a;
  }
  function approve(address spender, uint256 amount) public returns (bool) { _set(msg.sender, spender, amount); return true; }
  function pull(address from, uint256 a) public { permits[from][msg.sender] -= a; }
}`;
    expect(await hits(helper(''))).toEqual([6]);
    expect(await hits(helper('require(a == 0 || permits[h][s] == 0);'))).toEqual([]);
  });
});
