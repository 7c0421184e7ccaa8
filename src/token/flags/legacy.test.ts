/**
 * Tokens in the style of 2017–2018 (SafeMath with `assert`, an `admin` instead of owner(), switches set with a
 * bool, transfers that fail by returning false), compiled with the solc 0.4 they were written for (the
 * `solc-0.4.26` alias; skipped without it). The real tokens of contracts/token-corpus/real-tokens.json are
 * scored by `npm run eval:token`.
 */
import { describe, expect, it } from 'vitest';
import { compileSolidity, installedSolcVersions } from '../../evm/solc.js';
import { bytecodeFlags } from './bytecode.js';
import { sourceFlags } from './source.js';

const HAVE_SOLC04 = installedSolcVersions().includes('0.4.26');

function runtime(source: string, contract: string): string {
  const compiled = compileSolidity({ sources: { 'T.sol': source }, version: '0.4.26', optimizer: { enabled: false, runs: 200 }, outputs: ['evm.deployedBytecode.object'] });
  return compiled.find((c) => c.name === contract)!.runtime!;
}

const OLD_TOKEN = `pragma solidity ^0.4.24;
library SafeMath {
  function add(uint256 a, uint256 b) internal pure returns (uint256) { uint256 c = a + b; assert(c >= a); return c; }
  function sub(uint256 a, uint256 b) internal pure returns (uint256) { assert(b <= a); return a - b; }
}
contract OldToken {
  using SafeMath for uint256;
  address public admin;
  uint256 public _totalSupply;
  bool public deprecated;
  address public upgraded;
  bool public transfersEnabled = true;
  mapping(address => uint256) balances;
  mapping(address => bool) public frozen;
  event Transfer(address indexed from, address indexed to, uint256 value);
  constructor() public { admin = msg.sender; }
  modifier onlyAdmin() { require(msg.sender == admin); _; }
  function totalSupply() public view returns (uint256) { if (deprecated) return OldToken(upgraded).totalSupply(); return _totalSupply; }
  function balanceOf(address who) public view returns (uint256) { return balances[who]; }
  function transfer(address to, uint256 value) public returns (bool) {
    require(transfersEnabled);
    require(!frozen[msg.sender]);
    balances[msg.sender] = balances[msg.sender].sub(value);
    balances[to] = balances[to].add(value);
    emit Transfer(msg.sender, to, value);
    return true;
  }
  function enableTransfers(bool on) public onlyAdmin { transfersEnabled = on; }
  function freeze(address who, bool on) public onlyAdmin { frozen[who] = on; }
  function issue(uint256 amount) public onlyAdmin { require(_totalSupply + amount > _totalSupply); _totalSupply = _totalSupply.add(amount); balances[admin] = balances[admin].add(amount); }
  function deprecate(address to) public onlyAdmin { deprecated = true; upgraded = to; }
}`;

const SILENT_TOKEN = `pragma solidity ^0.4.24;
contract SilentToken {
  address public owner;
  bool public frozen;
  bool public launched;
  mapping(address => uint256) balances;
  mapping(address => bool) public claimed;
  event Transfer(address indexed from, address indexed to, uint256 value);
  constructor() public { owner = msg.sender; }
  function balanceOf(address who) public view returns (uint256) { return balances[who]; }
  function transfer(address to, uint256 v) public returns (bool) {
    if (frozen || !launched || balances[msg.sender] < v) return false;
    balances[msg.sender] -= v;
    balances[to] += v;
    emit Transfer(msg.sender, to, v);
    return true;
  }
  function freeze() public { require(msg.sender == owner); frozen = true; }
  function unfreeze() public { require(msg.sender == owner); frozen = false; }
  function launch() public { require(msg.sender == owner); launched = true; }
  function claim() public { require(!claimed[msg.sender]); claimed[msg.sender] = true; balances[msg.sender] += 100; emit Transfer(address(0), msg.sender, 100); }
}`;

describe.skipIf(!HAVE_SOLC04)('flags of solc 0.4 output', () => {
  it('reads assert as an overflow check, a bool-set switch, a list by its polarity, a supply behind a switch, an admin', () => {
    const f = bytecodeFlags(runtime(OLD_TOKEN, 'OldToken'));
    expect(f.transfer_pausable.value).toBe(true);
    expect(f.is_blacklisted.value).toBe(true);
    expect(f.is_whitelisted.value).toBe(false);
    expect(f.limit_sell.value).toBe(true);
    expect(f.is_mintable.value).toBe(true);
    expect(f.hidden_mint.value).toBe(true);
    expect(f.is_anti_whale.value).toBe(false);
    expect(f.owner_change_balance.value).toBe(false);
    expect(f.hidden_owner.value).toBe(false);
    expect(f.can_take_back_ownership.value).toBe(false);
  });

  it('sees transfers that fail by returning false, and tells a pause from a one-way launch switch', () => {
    const f = bytecodeFlags(runtime(SILENT_TOKEN, 'SilentToken'));
    expect(f.transfer_pausable.value).toBe(true);
    expect(f.limit_sell.value).toBe(true);
    // `claim` refuses callers already listed: it is open to anyone, not privileged, so no owner mint.
    expect(f.is_mintable.value).toBe(false);
    expect(f.is_blacklisted.value).toBe(false);
  });

  it('source: `== false` and `!isListed()` lists, an overflow check is no cap, a one-way switch is no pause', async () => {
    const f = await sourceFlags(OLD_TOKEN, 'OldToken.sol', { contract: 'OldToken' });
    expect(f.is_blacklisted.value).toBe(true);
    expect(f.is_whitelisted.value).toBe(false);
    expect(f.transfer_pausable.value).toBe(true);
    expect(f.is_mintable.value).toBe(true);
    expect(f.hidden_mint.value).toBe(true);
    const g = await sourceFlags(
      `pragma solidity ^0.4.24;
contract T {
  address public owner; bool public open; mapping(address => uint256) balances; mapping(address => bool) public listed;
  function balanceOf(address a) public view returns (uint256) { return balances[a]; }
  function isListed(address a) public view returns (bool) { return listed[a]; }
  function transfer(address to, uint256 v) public returns (bool) { require(!isListed(msg.sender)); if (open) { return move(to, v); } return false; }
  function move(address to, uint256 v) internal returns (bool) { balances[msg.sender] -= v; balances[to] += v; return true; }
  function list(address a) public { require(msg.sender == owner); listed[a] = true; }
  function openTrading() public { require(msg.sender == owner); open = true; }
}`,
      'T.sol',
      { contract: 'T' },
    );
    expect(g.is_blacklisted.value).toBe(true);
    expect(g.is_whitelisted.value).toBe(false);
    expect(g.transfer_pausable.value).toBe(false);
    expect(g.limit_sell.value).toBe(true);
  });
});
