import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/unchecked-ecrecover');

describe('audit/unchecked-ecrecover', () => {
  it('flags a comparison with a stored signer without a zero check', async () => {
    const h = await hits(`pragma solidity ^0.4.24;
contract P {
  address signer;
  function act(bytes32 h, uint8 v, bytes32 r, bytes32 s) public {
    address who = ecrecover(h, v, r, s);
    require(who == signer);
  }
}`);
    expect(h).toHaveLength(1);
    expect(h[0]!.subject).toMatchObject({ startLine: 6 });
  });

  it('accepts a zero check', async () => {
    expect(await hits(`pragma solidity ^0.4.24;
contract P {
  address signer;
  function act(bytes32 h, uint8 v, bytes32 r, bytes32 s) public {
    address who = ecrecover(h, v, r, s);
    require(who != address(0) && who == signer);
  }
}`)).toHaveLength(0);
  });
});
