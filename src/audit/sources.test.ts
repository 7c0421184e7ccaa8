import { describe, expect, it } from 'vitest';
import { embeddedSources, looksBinary, pragmaOf } from '../solidity/sources.js';
import { auditSource } from './audit-source.js';

describe('sources', () => {
  it('reads the pragma minor version', () => {
    expect(pragmaOf('pragma solidity ^0.4.24;')).toEqual({ pragma: '^0.4.24', minor: 4 });
    expect(pragmaOf('pragma solidity >=0.6.0 <0.8.0;').minor).toBe(6);
    expect(pragmaOf('contract A {}').minor).toBeNull();
  });

  it("unpacks Etherscan's multi-file JSON in both shapes", () => {
    const flat = JSON.stringify({ 'A.sol': { content: 'contract A {}' }, 'B.sol': { content: 'contract B {}' } });
    expect(embeddedSources(flat)!.map((s) => s.name)).toEqual(['A.sol', 'B.sol']);
    const standard = '{' + JSON.stringify({ language: 'Solidity', sources: { 'C.sol': { content: 'contract C {}' } } }) + '}';
    expect(embeddedSources(standard)!.map((s) => s.name)).toEqual(['C.sol']);
    expect(embeddedSources('contract A {}')).toBeNull();
  });

  it('tells binary from text', () => {
    expect(looksBinary(Buffer.from([1, 2, 0, 4]))).toBe(true);
    expect(looksBinary(Buffer.from('pragma solidity ^0.8.0;\n'))).toBe(false);
  });

  it('audits text with prefix operators bound as Solidity binds them', async () => {
    // `!x.send()` must read as `!(x.send())`: the send is checked, not dropped.
    const findings = await auditSource('pragma solidity ^0.4.24;\ncontract A { function f() public { if (!msg.sender.send(1)) throw; } }');
    expect(findings.filter((f) => f.detector === 'audit/unchecked-low-level-call')).toHaveLength(0);
  });
});
