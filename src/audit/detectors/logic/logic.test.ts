import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (id: string, src: string) => (await auditSource(src)).filter((f) => f.detector === `audit/${id}`);
const lines = (fs: Array<{ subject: unknown }>) => fs.map((f) => (f.subject as { startLine: number }).startLine);

describe('audit/incorrect-exp', () => {
  it('flags a decimal base with ^ and not XOR with a hex mask or between variables', async () => {
    const fs = await hits('incorrect-exp', `pragma solidity ^0.8.0;
contract E {
  uint256 constant ONE = 10 ^ 18;
  function f(uint256 a, uint256 b) external pure returns (uint256, uint256, uint256) { return (2 ** 8, a ^ b, 0xff ^ a); }
}`);
    expect(lines(fs)).toEqual([3]);
  });
});

describe('audit/incorrect-shift', () => {
  it('flags shr(value, constant) and not shr(constant, value) or a one-bit mask', async () => {
    const fs = await hits('incorrect-shift', `pragma solidity ^0.8.0;
contract S {
  function f(uint256 a) external pure returns (uint256 r, uint256 s, uint256 m) {
    assembly { r := shr(a, 8) }
    assembly { s := shr(8, a) m := shl(a, 1) }
  }
}`);
    expect(lines(fs)).toEqual([4]);
  });
});

describe('audit/tautology', () => {
  it('flags unsigned >= 0, uint8 <= 255 and unsigned < 0, and not meaningful bounds', async () => {
    const fs = await hits('tautology', `pragma solidity ^0.4.24;
contract T {
  uint8 level; int256 signedValue;
  function f(uint256 amount, uint8 small) public {
    require(amount >= 0);
    if (small <= 255) level = small;
    if (amount < 0) revert();
    require(amount > 0 && small < 100 && signedValue >= 0);
  }
}`);
    expect(lines(fs)).toEqual([5, 6, 7]);
    expect(fs[0]!.severity).toBe('low');
    expect(fs[2]!.severity).toBe('medium');
  });
});

describe('audit/boolean-cst', () => {
  it('flags x || true, y && false and if (false), and not while (true), return true or require(false)', async () => {
    const fs = await hits('boolean-cst', `pragma solidity ^0.5.0;
contract B {
  bool paused; uint256 n;
  function f(bool ok) public returns (bool) {
    require(ok || true);
    if (paused && false) revert();
    if (false) { n = 1; }
    while (true) { n++; if (n > 3) break; }
    if (n == 9) require(false, "stop");
    return true;
  }
}`);
    expect(lines(fs)).toEqual([5, 6, 7]);
  });
});

describe('audit/tautology on casts', () => {
  it('reads the type of a cast: uint8(x) < 256 always holds', async () => {
    const fs = await hits('tautology', `pragma solidity ^0.8.0;
contract T { function f(uint256 x) external pure returns (bool) { return uint8(x) < 256; } }`);
    expect(fs).toHaveLength(1);
  });
});
