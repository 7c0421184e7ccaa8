import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';
import detector from './state-variable-default-visibility.js';

const hits = async (src: string) => (await auditSource(src, 'input.sol', { detectors: [detector] })).filter((f) => f.detector === 'audit/state-variable-default-visibility');

describe('audit/state-variable-default-visibility', () => {
  it('flags a state variable without a visibility keyword', async () => {
    const found = await hits(`pragma solidity ^0.4.24;
contract C {
  uint public a;
  uint b;
  uint private c;
}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.subject).toMatchObject({ kind: 'source', startLine: 4 });
    expect(found[0]!.tags).toContain('SWC-108');
  });

  it('is off by default', async () => {
    const found = (await auditSource('pragma solidity ^0.4.24;\ncontract C { uint b; function f() public view returns (uint) { return b; } }')).filter(
      (f) => f.detector === 'audit/state-variable-default-visibility',
    );
    expect(found).toHaveLength(0);
  });
});
