import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string, id = 'audit/reentrancy-eth') => (await auditSource(src)).filter((f) => f.detector === id);
const lineOf = (f: { subject: unknown }) => (f.subject as { startLine: number }).startLine;

describe('audit/reentrancy-eth', () => {
  it('flags a 0.4 call.value inside an if, with the balance updated in its body', async () => {
    const found = await hits(`pragma solidity ^0.4.19;
contract Bank {
  mapping(address => uint) public balances;
  function Deposit() public payable { balances[msg.sender] += msg.value; }
  function Collect(uint _am) public payable {
    if (balances[msg.sender] >= _am) {
      if (msg.sender.call.value(_am)()) {
        balances[msg.sender] -= _am;
      }
    }
  }
}`);
    expect(found).toHaveLength(1);
    expect(lineOf(found[0]!)).toBe(7);
    expect(found[0]!.tags).toEqual(expect.arrayContaining(['SWC-107', 'DASP:reentrancy']));
  });

  it('flags a 0.8 call{value:} followed by zeroing the balance', async () => {
    const found = await hits(`pragma solidity ^0.8.0;
contract Vault {
  mapping(address => uint) public balances;
  function withdraw() external {
    uint amount = balances[msg.sender];
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
    balances[msg.sender] = 0;
  }
}`);
    expect(found.map(lineOf)).toEqual([6]);
  });

  it('reports the internal call that leads to the payment when the stale state is in the caller', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract Bonus {
  mapping(address => uint) private rewards;
  mapping(address => bool) private claimed;
  function withdrawReward(address recipient) public {
    uint amount = rewards[recipient];
    rewards[recipient] = 0;
    require(recipient.call.value(amount)());
  }
  function getBonus(address recipient) public {
    require(!claimed[recipient]);
    rewards[recipient] += 100;
    withdrawReward(recipient);
    claimed[recipient] = true;
  }
}`);
    expect(found.map(lineOf)).toEqual([13]);
  });

  it('does not flag checks-effects-interactions', async () => {
    expect(
      await hits(`pragma solidity ^0.8.0;
contract Vault {
  mapping(address => uint) public balances;
  function withdraw() external {
    uint amount = balances[msg.sender];
    balances[msg.sender] = 0;
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
  }
}`),
    ).toHaveLength(0);
  });

  it('does not flag transfer or send, which forward 2300 gas', async () => {
    expect(
      await hits(`pragma solidity ^0.4.24;
contract Vault {
  mapping(address => uint) public balances;
  function withdraw(uint amount) public {
    require(balances[msg.sender] >= amount);
    msg.sender.transfer(amount);
    balances[msg.sender] -= amount;
  }
  function withdraw2(uint amount) public {
    require(balances[msg.sender] >= amount);
    if (msg.sender.send(amount)) balances[msg.sender] -= amount;
  }
}`),
    ).toHaveLength(0);
  });

  it('does not flag a function behind a nonReentrant modifier or a lock variable', async () => {
    expect(
      await hits(`pragma solidity ^0.8.0;
contract Guarded {
  mapping(address => uint) public balances;
  bool private locked;
  modifier nonReentrant() { require(!locked); locked = true; _; locked = false; }
  function withdraw() external nonReentrant {
    uint amount = balances[msg.sender];
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
    balances[msg.sender] = 0;
  }
  function withdraw2() external {
    require(!locked);
    locked = true;
    uint amount = balances[msg.sender];
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
    balances[msg.sender] = 0;
    locked = false;
  }
}`),
    ).toHaveLength(0);
  });

  it('does not treat a write in the else branch as following the call', async () => {
    expect(
      await hits(`pragma solidity ^0.4.24;
contract Wallet {
  mapping(bytes32 => uint) pending;
  address owner;
  function execute(address to, uint value, bytes32 h) public {
    require(msg.sender == owner);
    if (pending[h] == 0) {
      require(to.call.value(value)());
    } else {
      pending[h] = value;
    }
  }
}`),
    ).toHaveLength(0);
  });
});
