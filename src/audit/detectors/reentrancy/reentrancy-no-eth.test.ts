import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/reentrancy-no-eth');
const lineOf = (f: { subject: unknown }) => (f.subject as { startLine: number }).startLine;

describe('audit/reentrancy-no-eth', () => {
  it('flags a modifier that calls the caller before the body updates state another modifier checked', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract ModifierEntrancy {
  mapping (address => uint) public tokenBalance;
  function airDrop() hasNoBalance supportsToken public {
    tokenBalance[msg.sender] += 20;
  }
  modifier supportsToken() {
    require(keccak256(abi.encodePacked("Nu Token")) == Bank(msg.sender).supportsToken());
    _;
  }
  modifier hasNoBalance {
    require(tokenBalance[msg.sender] == 0);
    _;
  }
}
contract Bank {
  function supportsToken() external pure returns (bytes32) { return keccak256(abi.encodePacked("Nu Token")); }
}`);
    expect(found.map(lineOf)).toEqual([4]);
  });

  it('flags a receiver hook called before the claim is recorded', async () => {
    const found = await hits(`pragma solidity ^0.8.0;
interface IReceiver { function onReceived(address from, uint id) external returns (bytes4); }
contract Drop {
  mapping(address => bool) public claimed;
  uint public next;
  function claim(address to) external {
    require(!claimed[to]);
    IReceiver(to).onReceived(msg.sender, next);
    claimed[to] = true;
    next += 1;
  }
}`);
    expect(found.map(lineOf)).toEqual([8]);
  });

  it('does not flag calls to a contract only the owner sets, nor from owner-only functions', async () => {
    expect(
      await hits(`pragma solidity ^0.8.0;
interface IToken { function transfer(address to, uint v) external returns (bool); }
contract Sale {
  IToken public token;
  address public owner;
  uint public sold;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  constructor(IToken t) { token = t; owner = msg.sender; }
  function setToken(IToken t) external onlyOwner { token = t; }
  function buy(uint amount) external payable {
    require(sold + amount <= 1000);
    token.transfer(msg.sender, amount);
    sold += amount;
  }
  function rescue(IToken other, uint amount) external onlyOwner {
    require(sold > 0);
    other.transfer(owner, amount);
    sold = 0;
  }
}`),
    ).toHaveLength(0);
  });

  it('does not flag calls to view functions (STATICCALL from 0.5)', async () => {
    expect(
      await hits(`pragma solidity ^0.8.0;
interface IOracle { function price() external view returns (uint); }
contract Market {
  uint public last;
  function update(IOracle o) external {
    require(last == 0);
    uint p = o.price();
    last = p;
  }
}`),
    ).toHaveLength(0);
  });
});
