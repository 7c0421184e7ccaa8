import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';
import detector from './unused-local.js';

const hits = async (src: string) => (await auditSource(src, 'input.sol', { detectors: [detector] })).filter((f) => f.detector === 'audit/unused-local');

describe('audit/unused-local', () => {
  it('flags a local variable that is never read', async () => {
    const found = await hits(`pragma solidity ^0.5.0;
contract C {
  function f(int test) public pure returns (int) {
    int z = 10;
    if (test > z) {
      int x = test - z;
      return test - z;
    }
    return z;
  }
}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.subject).toMatchObject({ kind: 'source', startLine: 6 });
    expect(found[0]!.tags).toContain('SWC-131');
  });

  it('does not flag locals that are read, or tuple components that are skipped', async () => {
    const found = await hits(`pragma solidity ^0.5.0;
contract C {
  function g() public pure returns (int, int) { return (1, 2); }
  function h(address a) public { bool ok = a.send(1); }
  function f() public pure returns (int) {
    (int a, ) = g();
    int b;
    b = a;
    return b;
  }
}`);
    expect(found).toHaveLength(0);
  });
});
