import { describe, expect, it } from 'vitest';
import { compileSolidity, solcVersionFor, SolcError } from '../src/evm/solc.js';
import { BUG_CLASSES, FAMILIES, ROUND1 } from '../eval/inject/families.js';
import { ROUND2 } from '../eval/inject/families-r2.js';
import { generateInjected, inject, readHost } from '../eval/inject/generate.js';
import type { Dialect } from '../eval/inject/syntax.js';

const MINIMAL: Record<Dialect, { pragma: string; version: string }> = {
  '0.4': { pragma: 'pragma solidity ^0.4.24;', version: '0.4.26' },
  '0.5': { pragma: 'pragma solidity ^0.5.0;', version: '0.5.17' },
  '0.8': { pragma: 'pragma solidity ^0.8.0;', version: '0.8.26' },
};

function compiles(source: string, version: string): string | null {
  try {
    compileSolidity({ sources: { 'Injected.sol': source }, version, outputs: ['abi'] });
    return null;
  } catch (error) {
    if (error instanceof SolcError) return error.messages.join('\n');
    throw error;
  }
}

describe('injection families', () => {
  it('round 1 kept its families; its held-out ones are development now (seen in session 1)', () => {
    for (const cls of BUG_CLASSES) {
      const r1 = ROUND1.filter((f) => f.cls === cls);
      expect(r1.length).toBeGreaterThanOrEqual(9);
      expect(r1.filter((f) => f.split === 'heldout').length * 3).toBeGreaterThanOrEqual(r1.length);
      const fams = FAMILIES.filter((f) => f.cls === cls);
      expect(new Set(fams.map((f) => f.id)).size).toBe(fams.length);
      expect(fams.filter((f) => f.split === 'heldout').every((f) => f.round === 2)).toBe(true);
      expect(fams.filter((f) => f.seen).map((f) => f.id)).toEqual(r1.filter((f) => f.split === 'heldout').map((f) => f.id));
    }
  });

  it('round 2 holds out at least a third of its families per class, and more than nine for TOD, arithmetic and unchecked send', () => {
    for (const cls of BUG_CLASSES) {
      const r2 = ROUND2.filter((f) => f.cls === cls);
      expect(r2.length).toBeGreaterThanOrEqual(3);
      expect(r2.filter((f) => f.split === 'heldout').length * 3).toBeGreaterThanOrEqual(r2.length);
    }
    for (const cls of ['tod', 'arithmetic', 'unchecked-send'] as const) expect(ROUND2.filter((f) => f.cls === cls).length).toBeGreaterThanOrEqual(9);
  });

  it('every family compiles in each of its dialects, injected into a minimal contract', async () => {
    const failures: string[] = [];
    const only = process.env.INJECT_FAMILIES_ROUND === '2' ? ROUND2 : FAMILIES;
    for (const f of only) {
      for (const d of f.dialects) {
        const host = await readHost(`Host${d}.sol`, `${MINIMAL[d].pragma.replace('0.8.0', '0.5.0')}\ncontract Host {\n    uint256 x;\n}\n`);
        // 0.8 renders go into a 0.8 host here: a 0.5 host read, then its pragma swapped.
        const file = inject({ ...host!, dialect: d === '0.8' ? '0.5' : d }, [f], 't', f.cls);
        const source = d === '0.8' ? file.source.replace(MINIMAL['0.5'].pragma, MINIMAL['0.8'].pragma) : file.source;
        const err = compiles(source, MINIMAL[d].version);
        if (err) failures.push(`${f.cls}/${f.id} (${d}): ${err.split('\n').slice(0, 3).join(' | ')}`);
        expect(file.bugs[0]!.ranges.length).toBeGreaterThan(0);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('injected real contracts still compile with the matching solc (a sample)', async () => {
    const files = await generateInjected({ perClass: 6 });
    let checked = 0;
    const failures: string[] = [];
    for (const f of files) {
      if (f.bugs.some((b) => b.dialect === '0.8')) continue;
      const version = solcVersionFor(f.source);
      if (!version) continue;
      // Only hosts that compiled before injection count.
      const { readFileSync } = await import('node:fs');
      const { wildContractsDir } = await import('../eval/inject/generate.js');
      const original = readFileSync(`${wildContractsDir()}/${f.host}`, 'utf8');
      if (compiles(original, version)) continue;
      checked++;
      const err = compiles(f.source, version);
      if (err) failures.push(`${f.file}: ${err.split('\n').slice(0, 3).join(' | ')}`);
    }
    expect(checked).toBeGreaterThanOrEqual(8);
    expect(failures).toEqual([]);
  }, 600_000);

  it('is deterministic and labels the injected lines', async () => {
    const a = await generateInjected({ perClass: 2, classes: ['reentrancy'] });
    const b = await generateInjected({ perClass: 2, classes: ['reentrancy'] });
    expect(a.map((f) => f.source)).toEqual(b.map((f) => f.source));
    for (const f of a) {
      const lines = f.source.split('\n');
      for (const bug of f.bugs) {
        const text = bug.ranges.map(([s, e]) => lines.slice(s - 1, e).join('\n')).join('\n');
        expect(text).toMatch(/function|modifier/);
        expect(text).not.toMatch(/[«»]/);
        expect(['\u0001', '\u0002', '\u0003', '\u0004'].some((c) => text.includes(c))).toBe(false);
      }
    }
  }, 120_000);
});
