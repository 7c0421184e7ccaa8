import { describe, expect, it } from 'vitest';
import { DETECTOR_FAMILIES } from '../eval/detector-families.js';
import { compileSolidity, solcVersionFor } from '../src/evm/solc.js';

/** The detector families are real Solidity: every vulnerable and fixed source compiles with the solc its pragma selects. */
describe('detector families', () => {
  it('has three families per detector, the third held out', () => {
    const by = new Map<string, string[]>();
    for (const f of DETECTOR_FAMILIES) by.set(f.detector, [...(by.get(f.detector) ?? []), f.split]);
    for (const [, splits] of by) expect(splits).toEqual(['dev', 'dev', 'held-out']);
  });

  for (const f of DETECTOR_FAMILIES) {
    it(`${f.detector}: ${f.family} compiles (vulnerable and fixed)`, () => {
      for (const source of [f.vulnerable, f.fixed]) {
        const version = solcVersionFor(source);
        expect(version).not.toBeNull();
        expect(() => compileSolidity({ sources: { 'family.sol': source }, version: version!, outputs: ['abi'] })).not.toThrow();
      }
    });
  }
});
