import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/encode-packed-collision');

describe('audit/encode-packed-collision', () => {
  it('flags a hash of two packed strings', async () => {
    const fs = await hits(`pragma solidity ^0.8.0;
contract R { function id(string calldata a, string calldata b) external pure returns (bytes32) { return keccak256(abi.encodePacked(a, b)); } }`);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.tags).toContain('SWC-133');
  });

  it('does not flag abi.encode, one dynamic value with fixed ones, or packed bytes that are not hashed', async () => {
    const fs = await hits(`pragma solidity ^0.8.0;
contract R {
  function a(string calldata x, string calldata y) external pure returns (bytes32) { return keccak256(abi.encode(x, y)); }
  function b(string calldata x, uint256 n, address w) external pure returns (bytes32) { return keccak256(abi.encodePacked(x, n, w)); }
  function c(string calldata x, string calldata y) external pure returns (bytes memory) { return abi.encodePacked(x, y); }
}`);
    expect(fs).toHaveLength(0);
  });
});
