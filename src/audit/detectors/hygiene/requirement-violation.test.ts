import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/requirement-violation');

describe('audit/requirement-violation', () => {
  it('flags a constant argument the callee requires to be different', async () => {
    const found = await hits(`pragma solidity ^0.4.25;
contract Bar {
  Foo private f = new Foo();
  function doubleBaz() public view returns (int256) {
    return 2 * f.baz(0);
  }
}
contract Foo {
  function baz(int256 x) public pure returns (int256) {
    require(0 < x);
    return 42;
  }
}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.subject).toMatchObject({ kind: 'source', startLine: 5 });
    expect(found[0]!.tags).toContain('SWC-123');
  });

  it('does not flag arguments that satisfy the requirement or are computed', async () => {
    const found = await hits(`pragma solidity ^0.4.25;
contract Bar {
  Foo private f = new Foo();
  function a() public view returns (int256) { return f.baz(1); }
  function b(int256 y) public view returns (int256) { return f.baz(y); }
  function c() public pure returns (uint) { return half(0); }
  function half(uint v) internal pure returns (uint) { return v / 2; }
}
contract Foo {
  function baz(int256 x) public pure returns (int256) { require(0 < x); return 42; }
}`);
    expect(found).toHaveLength(0);
  });
});
