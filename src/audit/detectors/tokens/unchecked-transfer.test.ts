import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/unchecked-transfer');

describe('audit/unchecked-transfer', () => {
  it('flags an ignored ERC-20 transfer result (0.4 and 0.8)', async () => {
    const v8 = await hits(`pragma solidity ^0.8.0;
interface IERC20 { function transfer(address to, uint256 v) external returns (bool); }
contract Pay {
  function pay(IERC20 t, address to) external { t.transfer(to, 1); }
}`);
    expect(v8).toHaveLength(1);
    expect(v8[0]!.tags).toEqual(expect.arrayContaining(['SWC-104', 'DASP:unchecked_low_level_calls']));
    const v4 = await hits(`pragma solidity ^0.4.24;
contract ERC20 { function transferFrom(address f, address t, uint256 v) public returns (bool); }
contract Sale {
  ERC20 token;
  function buy(uint256 v) public { token.transferFrom(msg.sender, this, v); }
}`);
    expect(v4).toHaveLength(1);
  });

  it('does not flag a checked result, SafeERC20, ether transfer, tokens without a result or whose transfer only returns true', async () => {
    const fs = await hits(`pragma solidity ^0.4.24;
contract OldToken { function transfer(address to, uint256 v) public; }
contract Own {
  mapping(address => uint256) b;
  function transfer(address to, uint256 v) public returns (bool) { require(b[msg.sender] >= v); b[msg.sender] -= v; b[to] += v; return true; }
}
contract ERC20 { function transfer(address to, uint256 v) public returns (bool); }
contract User {
  OldToken old; Own own; ERC20 t;
  function f(address to) public {
    old.transfer(to, 1);
    own.transfer(to, 1);
    require(t.transfer(to, 1));
    to.transfer(1);
  }
}`);
    expect(fs).toHaveLength(0);
  });
});
