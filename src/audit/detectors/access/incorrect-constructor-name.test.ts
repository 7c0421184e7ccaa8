import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/incorrect-constructor-name');

describe('audit/incorrect-constructor-name', () => {
  it('flags a constructor whose name differs in case', async () => {
    const h = await hits(`pragma solidity ^0.4.24;
contract Missing {
  address private owner;
  function missing() public {
    owner = msg.sender;
  }
}`);
    expect(h).toHaveLength(1);
    expect(h[0]!.subject).toMatchObject({ startLine: 4 });
    expect(h[0]!.tags).toContain('SWC-118');
  });

  it('accepts the constructor keyword and exact names', async () => {
    expect(await hits(`pragma solidity ^0.4.24;
contract Missing { address owner; constructor() public { owner = msg.sender; } function missing() public {} }
contract Exact { address owner; function Exact() public { owner = msg.sender; } }`)).toHaveLength(0);
  });
});
