import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/hardcoded-gas');

describe('audit/hardcoded-gas', () => {
  it('flags .gas(n) and {gas: n} with a literal', async () => {
    const found = await hits(`pragma solidity 0.6.4;
interface ICallable { function callMe() external; }
contract C {
  address payable a;
  ICallable c;
  function low() public { a.call.value(0).gas(10000)(""); }
  function high() public { c.callMe{gas: 10000}(); }
}`);
    expect(found.map((f) => (f.subject as { startLine: number }).startLine)).toEqual([6, 7]);
    expect(found[0]!.tags).toContain('SWC-134');
  });

  it('does not flag transfer, send or computed gas', async () => {
    const found = await hits(`pragma solidity 0.6.4;
contract C {
  address payable a;
  function f(uint amount) public {
    a.transfer(amount);
    a.send(amount);
    a.call{gas: gasleft() - 5000}("");
  }
}`);
    expect(found).toHaveLength(0);
  });
});
