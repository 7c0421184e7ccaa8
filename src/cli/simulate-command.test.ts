import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../chain/scenarios/index.js';
import { simulateSummary } from './simulate-command.js';

describe('simulateSummary', () => {
  it("words each attack's transactions per stage", () => {
    const txs = [
      { stage: 'funding' },
      ...Array.from({ length: 8 }, () => ({ stage: 'preparation' })),
      { stage: 'exploitation' },
      { stage: 'exploitation' },
      { stage: 'laundering' },
      { stage: 'laundering' },
      { stage: 'laundering' },
    ];
    const result = {
      seed: '1',
      mode: 'alone',
      actions: [],
      blocks: [1, 20],
      durationMs: 1500,
      attacks: [{ attackId: 'soft-rug-1', kind: 'soft-rug-pull', blockRange: [3, 15], txs, addresses: { attacker: '0xabc' } }],
    } as unknown as SimulationResult;
    const text = simulateSummary(result);
    expect(text).toContain('funding 1, preparation 8, exploitation 2, laundering 3');
    expect(text).not.toMatch(/\bf1 p8\b/);
  });
});
