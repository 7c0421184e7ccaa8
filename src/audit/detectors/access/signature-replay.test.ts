import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/signature-replay');

describe('audit/signature-replay', () => {
  it('flags replay protection keyed by the signature bytes', async () => {
    const h = await hits(`pragma solidity ^0.4.24;
contract T {
  mapping(bytes32 => bool) signatureUsed;
  function transfer(bytes _signature, address _to, uint256 _value, uint256 _nonce) public {
    bytes32 txid = keccak256(abi.encodePacked(_to, _value, _nonce, _signature));
    require(!signatureUsed[txid]);
    signatureUsed[txid] = true;
  }
}`);
    expect(h).toHaveLength(1);
    expect(h[0]!.subject).toMatchObject({ startLine: 5 });
  });

  it('flags a signed hash with no nonce and accepts one with a nonce', async () => {
    const bad = await hits(`pragma solidity ^0.4.24;
contract P {
  address signer;
  function pay(address to, uint amount, uint8 v, bytes32 r, bytes32 s) public {
    bytes32 h = keccak256(to, amount);
    require(ecrecover(h, v, r, s) == signer);
    to.transfer(amount);
  }
}`);
    expect(bad).toHaveLength(1);
    const good = await hits(`pragma solidity ^0.4.24;
contract P {
  address signer;
  mapping(address => uint) nonces;
  function pay(address to, uint amount, uint8 v, bytes32 r, bytes32 s) public {
    bytes32 h = keccak256(this, to, amount, nonces[to]++);
    require(ecrecover(h, v, r, s) == signer);
    to.transfer(amount);
  }
}`);
    expect(good).toHaveLength(0);
  });
});
