import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/return-bomb');

describe('audit/return-bomb', () => {
  it('flags a gas-limited low-level call to an arbitrary address ({gas:} and .gas())', async () => {
    expect(
      await hits(`pragma solidity ^0.8.0;
contract R { function f(address t, bytes calldata d) external { (bool ok, ) = t.call{gas: 50000}(d); ok; } }`),
    ).toHaveLength(1);
    expect(
      await hits(`pragma solidity ^0.5.0;
contract R { function f(address t) public { (bool ok, ) = t.call.gas(5000)(""); ok; } }`),
    ).toHaveLength(1);
  });

  it('does not flag calls without a gas limit, to this contract, in assembly, or before 0.5', async () => {
    const fs = [
      ...(await hits(`pragma solidity ^0.8.0;
contract R {
  function f(address t, bytes calldata d) external {
    (bool a, ) = t.call(d);
    (bool b, ) = address(this).call{gas: 5000}(d);
    bool c;
    assembly { c := call(5000, t, 0, 0, 0, 0, 0) }
    a; b; c;
  }
}`)),
      ...(await hits(`pragma solidity ^0.4.24;
contract R { function f(address t) public { t.call.gas(5000)(); } }`)),
    ];
    expect(fs).toHaveLength(0);
  });
});
