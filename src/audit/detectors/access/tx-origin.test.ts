import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

describe('audit/tx-origin', () => {
  it('flags authorization through tx.origin', async () => {
    const findings = await auditSource(`pragma solidity ^0.4.24;
contract Wallet {
  address owner;
  function transferTo(address to, uint amount) public {
    require(tx.origin == owner);
    to.transfer(amount);
  }
}`);
    const hits = findings.filter((f) => f.detector === 'audit/tx-origin');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.subject).toMatchObject({ kind: 'source', startLine: 5 });
    expect(hits[0]!.tags).toContain('SWC-115');
  });

  it('does not flag tx.origin == msg.sender, which only rejects contracts', async () => {
    const findings = await auditSource(`pragma solidity ^0.8.0;
contract NoContracts {
  function play() external { require(tx.origin == msg.sender, "no contracts"); }
}`);
    expect(findings.filter((f) => f.detector === 'audit/tx-origin')).toHaveLength(0);
  });
});

describe('audit/tx-origin through locals and predicates', () => {
  const run = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/tx-origin').map((f) => (f.subject as { startLine: number }).startLine);
  it('flags tx.origin copied into a local and compared', async () => {
    expect(
      await run(`pragma solidity ^0.4.24;
contract C {
  address custodian = msg.sender;
  function release(address to, uint256 amount) public {
    address caller = tx.origin;
    require(caller == custodian);
    to.transfer(amount);
  }
}`),
    ).toEqual([6]);
  });
  it('does not flag the fixed version with msg.sender', async () => {
    expect(
      await run(`pragma solidity ^0.4.24;
contract C {
  address custodian = msg.sender;
  function release(address to, uint256 amount) public {
    address caller = msg.sender;
    require(caller == custodian);
    to.transfer(amount);
  }
}`),
    ).toEqual([]);
  });
});

describe('audit/tx-origin as an if around the effects', () => {
  const lines = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/tx-origin').map((f) => (f.subject as { startLine: number }).startLine);

  it('flags effects that run only when tx.origin is the named account, with no revert', async () => {
    expect(
      await lines(`pragma solidity ^0.8.0;
contract Vault {
  address admin = msg.sender;
  function setAdmin(address next) external {
    if (tx.origin == admin) {
      admin = next;
    }
  }
}`),
    ).toEqual([5]);
  });

  it('does not flag the msg.sender version, nor a tx.origin test whose branch only reads', async () => {
    expect(
      await lines(`pragma solidity ^0.8.0;
contract Vault {
  address admin = msg.sender;
  event Seen(bool direct);
  function setAdmin(address next) external {
    if (msg.sender == admin) {
      admin = next;
    }
  }
  function direct() external view returns (bool ok) {
    if (tx.origin == admin) { ok = true; }
  }
}`),
    ).toEqual([]);
  });
});
