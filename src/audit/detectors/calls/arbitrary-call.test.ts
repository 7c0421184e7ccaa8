import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/arbitrary-call');

describe('audit/arbitrary-call', () => {
  const token = `interface IERC20 { function transferFrom(address, address, uint) external returns (bool); }`;
  it('flags a public call with caller-chosen target and calldata in a token-handling contract', async () => {
    const fs = await hits(`pragma solidity ^0.8.0;
${token}
contract Router {
  function pull(IERC20 t, uint a) external { t.transferFrom(msg.sender, address(this), a); }
  function exec(address target, bytes calldata data) external {
    (bool ok, ) = target.call(data);
    require(ok);
  }
}`);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.subject).toMatchObject({ kind: 'source', startLine: 6 });
  });

  it('does not flag an owner-only executor', async () => {
    const fs = await hits(`pragma solidity ^0.8.0;
${token}
contract Router {
  address owner;
  modifier onlyOwner { if (msg.sender == owner) _; }
  function pull(IERC20 t, uint a) external { t.transferFrom(msg.sender, address(this), a); }
  function exec(address target, bytes calldata data) external onlyOwner {
    (bool ok, ) = target.call(data);
    require(ok);
  }
}`);
    expect(fs).toHaveLength(0);
  });
});
