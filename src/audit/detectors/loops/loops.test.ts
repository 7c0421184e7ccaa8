import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (id: string, src: string) => (await auditSource(src)).filter((f) => f.detector === `audit/${id}`);
const lines = (fs: Array<{ subject: unknown }>) => fs.map((f) => (f.subject as { startLine: number }).startLine);

describe('audit/msg-value-loop', () => {
  it('flags msg.value counted whole in a loop, directly or through an internal function', async () => {
    const fs = await hits('msg-value-loop', `pragma solidity ^0.5.0;
contract Batch {
  mapping(address => uint256) credit;
  function _credit(address a) internal { credit[a] += msg.value; }
  function all(address[] memory a) public payable {
    for (uint256 i = 0; i < a.length; i++) credit[a[i]] += msg.value;
  }
  function viaHelper(address[] memory a) public payable {
    for (uint256 i = 0; i < a.length; i++) _credit(a[i]);
  }
}`);
    expect(lines(fs)).toEqual([6, 9]);
  });

  it('does not flag a share of msg.value, a comparison with it, an event, or a non-payable function', async () => {
    const fs = await hits('msg-value-loop', `pragma solidity ^0.5.0;
contract Split {
  address payable[] owners; uint256[] pct;
  event Paid(uint256 v);
  function pay() public payable {
    uint256 total;
    for (uint256 i = 0; i < owners.length; i++) {
      owners[i].transfer(msg.value * pct[i] / 100);
      total += pct[i];
      require(total <= msg.value);
      emit Paid(msg.value);
    }
  }
}`);
    expect(fs).toHaveLength(0);
  });
});

describe('audit/delegatecall-loop', () => {
  it('flags delegatecall in a loop of a payable function, and not in a non-payable or ether-refusing one', async () => {
    const fs = await hits('delegatecall-loop', `pragma solidity ^0.8.0;
contract M {
  function a(bytes[] calldata c) external payable {
    for (uint256 i; i < c.length; i++) { (bool ok, ) = address(this).delegatecall(c[i]); require(ok); }
  }
  function b(bytes[] calldata c) external {
    for (uint256 i; i < c.length; i++) { (bool ok, ) = address(this).delegatecall(c[i]); require(ok); }
  }
  function d(bytes[] calldata c) external payable {
    require(msg.value == 0);
    for (uint256 i; i < c.length; i++) { (bool ok, ) = address(this).delegatecall(c[i]); require(ok); }
  }
}`);
    expect(lines(fs)).toEqual([4]);
    expect(fs[0]!.tags).toContain('SWC-112');
  });
});

describe('audit/costly-loop', () => {
  it('flags a scalar state variable written per iteration, and not a local accumulator or per-key writes', async () => {
    const fs = await hits('costly-loop', `pragma solidity ^0.8.0;
contract C {
  uint256 total; mapping(address => uint256) bal;
  function bad(address[] calldata a) external { for (uint256 i; i < a.length; i++) { bal[a[i]] += 1; total += 1; } }
  function good(address[] calldata a) external { uint256 t = total; for (uint256 i; i < a.length; i++) { bal[a[i]] += 1; t += 1; } total = t; }
}`);
    expect(lines(fs)).toEqual([4]);
    expect(fs[0]!.severity).toBe('low');
  });
});
