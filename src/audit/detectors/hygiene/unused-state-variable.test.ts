import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/unused-state-variable');

describe('audit/unused-state-variable', () => {
  it('flags non-public state variables that nothing reads', async () => {
    const found = await hits(`pragma solidity ^0.5.0;
contract Base {
  int public a;
  int internal c;
  mapping(uint => uint) f;
  uint[] g = [1, 2, 3];
  function assign(uint x, uint y) public { f[x] = y; }
}
contract Derived is Base {
  function get() public view returns (uint) { return g[1]; }
}`);
    expect(found.map((f) => (f.subject as { startLine: number }).startLine)).toEqual([4, 5]);
    expect(found[0]!.tags).toContain('SWC-131');
  });

  it('does not flag public variables, constants, or variables read in assembly or by derived contracts', async () => {
    const found = await hits(`pragma solidity ^0.5.0;
contract Base {
  uint public total;
  uint constant LIMIT = 10;
  uint internal rate;
  uint private slotVar;
  function raw() public view returns (uint r) { assembly { r := sload(slotVar_slot) } }
}
contract Derived is Base {
  function price(uint x) public view returns (uint) { return x * rate; }
}`);
    expect(found).toHaveLength(0);
  });
});
