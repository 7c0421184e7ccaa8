import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/private-data');

describe('audit/private-data', () => {
  it('flags a private secret set from an argument', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract Vault {
  bytes32 private password;
  constructor(bytes32 p) public {
    password = p;
  }
  function unlock(bytes32 p) public view returns (bool) { return p == password; }
}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.subject).toMatchObject({ kind: 'source', startLine: 5 });
    expect(found[0]!.tags).toContain('SWC-136');
  });

  it('does not flag hashes, ordinary private variables or secrets set from constants', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract Vault {
  bytes32 private passwordHash;
  uint private count;
  uint private seed = 3;
  function set(bytes32 h, uint c) public { passwordHash = h; count = c; seed = 4; }
}`);
    expect(found).toHaveLength(0);
  });
});
