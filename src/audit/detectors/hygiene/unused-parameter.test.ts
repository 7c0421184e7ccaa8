import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';
import detector from './unused-parameter.js';

const hits = async (src: string) => (await auditSource(src, 'input.sol', { detectors: [detector] })).filter((f) => f.detector === 'audit/unused-parameter');

describe('audit/unused-parameter', () => {
  it('flags a named parameter that is never read', async () => {
    const found = await hits(`pragma solidity ^0.5.0;
contract C {
  int a = 1;
  function unusedArg(int x, int y) public view returns (int z) {
    z = x + a;
  }
}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.subject).toMatchObject({ kind: 'source', startLine: 4 });
    expect(found[0]!.tags).toContain('SWC-131');
  });

  it('does not flag unnamed parameters, empty hooks or parameters passed to modifiers', async () => {
    const found = await hits(`pragma solidity ^0.5.0;
contract C {
  modifier atLeast(uint v) { require(msg.value >= v); _; }
  function hook(address from) internal {}
  function f(uint) public pure returns (uint) { return 1; }
  function g(uint min) public payable atLeast(min) { msg.sender.transfer(1); }
}`);
    expect(found).toHaveLength(0);
  });
});
