import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (id: string, src: string) => (await auditSource(src)).filter((f) => f.detector === `audit/${id}`);
const line = (f: { subject: unknown }) => (f.subject as { startLine: number }).startLine;

const IERC20 = `interface IERC20 {
  function transferFrom(address from, address to, uint256 v) external returns (bool);
  function permit(address o, address s, uint256 v, uint256 d, uint8 x, bytes32 r, bytes32 q) external;
}`;

describe('audit/arbitrary-send-erc20', () => {
  it('flags transferFrom from an account the caller passes', async () => {
    const fs = await hits('arbitrary-send-erc20', `pragma solidity ^0.8.0;
${IERC20}
contract Pool {
  IERC20 token;
  function join(address from, uint256 v) external {
    token.transferFrom(from, address(this), v);
  }
}`);
    expect(fs.map(line)).toEqual([9]);
    expect(fs[0]!.tags).toContain('DASP:access_control');
  });

  it('does not flag msg.sender, a stored seller selected by id, a guard tying from to the caller, or an owner-only function', async () => {
    const fs = await hits('arbitrary-send-erc20', `pragma solidity ^0.8.0;
${IERC20}
contract Market {
  IERC20 token;
  address owner;
  mapping(uint256 => address) seller;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function join(uint256 v) external { token.transferFrom(msg.sender, address(this), v); }
  function buy(uint256 id) external { token.transferFrom(seller[id], msg.sender, 1); }
  function pull(address from, uint256 v) external { require(from == msg.sender); token.transferFrom(from, address(this), v); }
  function sweep(address from, uint256 v) external onlyOwner { token.transferFrom(from, owner, v); }
}`);
    expect(fs).toHaveLength(0);
  });
});

describe('audit/arbitrary-send-erc20-permit', () => {
  it('flags permit then transferFrom from a caller-chosen owner, and not the msg.sender version', async () => {
    const fs = await hits('arbitrary-send-erc20-permit', `pragma solidity ^0.8.0;
${IERC20}
contract Router {
  IERC20 token;
  function bad(address o, uint256 v, uint256 d, uint8 x, bytes32 r, bytes32 s) external {
    token.permit(o, address(this), v, d, x, r, s);
    token.transferFrom(o, address(this), v);
  }
  function good(uint256 v, uint256 d, uint8 x, bytes32 r, bytes32 s) external {
    token.permit(msg.sender, address(this), v, d, x, r, s);
    token.transferFrom(msg.sender, address(this), v);
  }
}`);
    expect(fs.map(line)).toEqual([10]);
    expect(await hits('arbitrary-send-erc20', `pragma solidity ^0.8.0;
${IERC20}
contract Router {
  IERC20 token;
  function bad(address o, uint256 v, uint256 d, uint8 x, bytes32 r, bytes32 s) external {
    token.permit(o, address(this), v, d, x, r, s);
    token.transferFrom(o, address(this), v);
  }
}`)).toHaveLength(0);
  });
});
