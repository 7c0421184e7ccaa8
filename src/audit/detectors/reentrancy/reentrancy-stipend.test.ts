import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string, id = 'audit/reentrancy-stipend') => (await auditSource(src)).filter((f) => f.detector === id);
const lineOf = (f: { subject: unknown }) => (f.subject as { startLine: number }).startLine;

describe('audit/reentrancy-stipend', () => {
  it('flags a balance read, paid with transfer, then zeroed, at low severity', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract Bank {
  mapping(address => uint) owed;
  function cashOut() public {
    uint amount = owed[msg.sender];
    require(amount > 0);
    msg.sender.transfer(amount);
    owed[msg.sender] = 0;
  }
}`);
    expect(found.map(lineOf)).toEqual([7]);
    expect(found[0]!.severity).toBe('low');
    expect(found[0]!.explanation).toMatch(/EIP-1884/);
  });

  it('flags a write that depends on the result of send', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract Bank {
  mapping(address => uint) pending;
  function withdraw(uint amount) public {
    require(pending[msg.sender] >= amount);
    if (msg.sender.send(amount)) {
      pending[msg.sender] -= amount;
    }
  }
}`);
    expect(found.map(lineOf)).toEqual([6]);
  });

  it('does not flag the fixed version (effects before the transfer), nor a payment to the owner', async () => {
    expect(
      await hits(`pragma solidity ^0.4.24;
contract Bank {
  address owner = msg.sender;
  uint fees;
  mapping(address => uint) owed;
  function cashOut() public {
    uint amount = owed[msg.sender];
    require(amount > 0);
    owed[msg.sender] = 0;
    msg.sender.transfer(amount);
  }
  function takeFees() public {
    require(msg.sender == owner);
    owner.transfer(fees);
    fees = 0;
  }
}`),
    ).toEqual([]);
  });
});

describe('audit/reentrancy-events', () => {
  it('flags an event emitted after a call that can re-enter', async () => {
    const found = await hits(
      `pragma solidity ^0.5.0;
contract Vault {
  mapping(address => uint) vault;
  event Withdrawn(address who, uint amount);
  function withdraw(uint amount) public {
    require(vault[msg.sender] >= amount);
    vault[msg.sender] -= amount;
    (bool ok, ) = msg.sender.call.value(amount)("");
    require(ok);
    emit Withdrawn(msg.sender, amount);
  }
}`,
      'audit/reentrancy-events',
    );
    expect(found.map(lineOf)).toEqual([8]);
    expect(found[0]!.severity).toBe('low');
  });

  it('does not flag the event emitted before the call', async () => {
    expect(
      await hits(
        `pragma solidity ^0.5.0;
contract Vault {
  mapping(address => uint) vault;
  event Withdrawn(address who, uint amount);
  function withdraw(uint amount) public {
    require(vault[msg.sender] >= amount);
    vault[msg.sender] -= amount;
    emit Withdrawn(msg.sender, amount);
    (bool ok, ) = msg.sender.call.value(amount)("");
    require(ok);
  }
}`,
        'audit/reentrancy-events',
      ),
    ).toEqual([]);
  });
});

describe('reentrancy through 0.8 syntax and payee lists', () => {
  it('flags call{value:} on payable(msg.sender) before the decrement, and not once it is moved before', async () => {
    const vulnerable = `pragma solidity ^0.8.0;
contract Bank {
  mapping(address => uint256) balanceOf;
  function withdraw(uint256 amount) public {
    require(balanceOf[msg.sender] >= amount, "insufficient");
    (bool ok, ) = payable(msg.sender).call{value: amount}("");
    require(ok, "failed");
    balanceOf[msg.sender] -= amount;
  }
}`;
    expect((await hits(vulnerable, 'audit/reentrancy-eth')).map(lineOf)).toEqual([6]);
    const fixed = vulnerable.replace('    (bool ok, ) = payable(msg.sender).call{value: amount}("");\n    require(ok, "failed");\n    balanceOf[msg.sender] -= amount;', '    balanceOf[msg.sender] -= amount;\n    (bool ok, ) = payable(msg.sender).call{value: amount}("");\n    require(ok, "failed");');
    expect(await hits(fixed, 'audit/reentrancy-eth')).toEqual([]);
  });

  it('treats ether paid to a member of an address list as untrusted', async () => {
    const found = await hits(
      `pragma solidity ^0.4.24;
contract Payroll {
  address owner = msg.sender;
  address[] payees;
  mapping(address => uint256) due;
  function add(address p) public { require(msg.sender == owner); payees.push(p); }
  function payAll() public {
    for (uint256 i = 0; i < payees.length; i++) {
      address p = payees[i];
      if (p.call.value(due[p])()) {
        due[p] = 0;
      }
    }
  }
}`,
      'audit/reentrancy-eth',
    );
    expect(found.map(lineOf)).toEqual([10]);
  });
});
