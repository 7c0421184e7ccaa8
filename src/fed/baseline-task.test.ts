import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES } from '../monitor/baseline/features.js';
import { BASELINE_TASK } from '../monitor/baseline/fed-bins.js';
import { HbosScorer, binPositions, countRows, histogramLength, histogramSensitivity, parseBaselineLines, parseBaselineRecord } from './baseline-task.js';
import { Coordinator } from './coordinator.js';
import { runNode } from './node.js';

/** Real feature rows from devnet traffic (see the fixture's `about`). */
const fixture = JSON.parse(readFileSync(path.resolve('test', 'fixtures', 'fed-baseline-rows.json'), 'utf8')) as { nodes: number[][][]; test: Array<{ row: number[]; label: 0 | 1 }> };
const pooled = fixture.nodes.flat();
const asRecords = (rows: number[][]) => rows.map((r) => ({ text: JSON.stringify(r), label: 0 as const }));

describe('baseline task: fixed public bins', () => {
  it('has ascending edges for every baseline feature and one bin per feature for each row', () => {
    expect(BASELINE_TASK.edges).toHaveLength(FEATURE_NAMES.length);
    for (const e of BASELINE_TASK.edges) for (let i = 1; i < e.length; i++) expect(e[i]!).toBeGreaterThan(e[i - 1]!);
    expect(histogramSensitivity(BASELINE_TASK)).toBeCloseTo(Math.sqrt(FEATURE_NAMES.length));
    const counts = countRows(BASELINE_TASK, pooled);
    expect(counts).toHaveLength(histogramLength(BASELINE_TASK));
    let offset = 0;
    for (const e of BASELINE_TASK.edges) {
      expect(counts.subarray(offset, offset + e.length + 1).reduce((a, c) => a + c, 0)).toBe(pooled.length);
      offset += e.length + 1;
    }
  });

  it('gives the neutral z-score and a whole-balance move bins of their own', () => {
    const z = FEATURE_NAMES.indexOf('tokenAmountZ');
    const share = FEATURE_NAMES.indexOf('balanceShareMoved');
    const base = new Array<number>(FEATURE_NAMES.length).fill(0);
    const at = (f: number, v: number) => binPositions(BASELINE_TASK, base.map((x, i) => (i === f ? v : x)))[f];
    expect(new Set([at(z, -0.01), at(z, 0), at(z, 0.01)]).size).toBe(3);
    expect(new Set([at(share, 0), at(share, 0.995), at(share, 1)]).size).toBe(3);
    expect(at(z, 1000)).toBe(at(z, 20)); // beyond the last edge: the overflow bin
  });

  it('reads rows from node records and leaves out what is not a row', () => {
    expect(parseBaselineRecord(BASELINE_TASK, JSON.stringify(pooled[0]))).toEqual(pooled[0]);
    expect(parseBaselineRecord(BASELINE_TASK, '[1,2]')).toBeNull();
    expect(parseBaselineRecord(BASELINE_TASK, 'not json')).toBeNull();
    expect(parseBaselineRecord(BASELINE_TASK, JSON.stringify(pooled[0]!.map(() => null)))).toBeNull();
    const file = parseBaselineLines(['# rows', JSON.stringify(pooled[0]), '[1,"x"]', '{}', 'junk', '', JSON.stringify(pooled[1])].join('\n'));
    expect(file.records.map((r) => JSON.parse(r.text) as number[])).toEqual([pooled[0], pooled[1]]);
    expect(file.bad).toBe(3);
  });

  it('HBOS ranks held-out attacker transactions above background ones more often than not', () => {
    const h = new HbosScorer(BASELINE_TASK, countRows(BASELINE_TASK, pooled));
    const pos = fixture.test.filter((t) => t.label === 1).map((t) => h.score(t.row));
    const neg = fixture.test.filter((t) => t.label === 0).map((t) => h.score(t.row));
    let wins = 0;
    for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
    expect(wins / (pos.length * neg.length)).toBeGreaterThan(0.5);
    // A row the training traffic never shows (a sender moving its whole balance of a token, 30 sd above its usual amount, to a new recipient) scores high.
    const odd = pooled[0]!.map((_, i) => ({ tokenAmountZ: 30, balanceShareMoved: 1, newRecipient: 1 })[FEATURE_NAMES[i] as string] ?? pooled[0]![i]!);
    expect(h.score(odd)).toBeGreaterThan(Math.max(...neg));
  });
});

describe('baseline task over HTTP', () => {
  it('sums the nodes\' histograms exactly in one round, and the coordinator receives none of the rows', async () => {
    const received: Buffer[] = [];
    const c = new Coordinator({ nodes: 3, rounds: 50, spec: BASELINE_TASK, onReceive: (_, body) => received.push(body) });
    const url = await c.listen();
    try {
      const results = await Promise.all(fixture.nodes.map((rows, i) => runNode({ coordinator: url, id: `org${i}`, records: asRecords(rows) })));
      const result = await c.result;
      expect(results.every((r) => r.rounds === 1)).toBe(true);
      expect(result.rounds).toHaveLength(1); // one histogram round, whatever `rounds` says
      expect(Array.from(result.model)).toEqual(Array.from(countRows(BASELINE_TASK, pooled)));
      expect(result.records).toBe(pooled.length);
      // No row leaves a node: not as JSON, not as any row's distinctive numbers, not as Float64 bytes inside the base64 vectors.
      const asText = received.map((b) => b.toString('utf8')).join('\n');
      const decoded = received
        .map((b) => JSON.parse(b.toString('utf8')) as Record<string, unknown>)
        .flatMap((m) => Object.values(m).filter((v): v is string => typeof v === 'string' && v.length > 40))
        .map((s) => Buffer.from(s, 'base64'));
      const distinctive = new Set(pooled.flat().filter((x) => !Number.isInteger(x) && String(x).length >= 6).map(String));
      expect(distinctive.size).toBeGreaterThan(50);
      for (const x of distinctive) expect(asText.includes(x)).toBe(false);
      for (const row of pooled) {
        expect(asText.includes(JSON.stringify(row).slice(1, -1))).toBe(false);
        const bytes = Buffer.from(Float64Array.from(row).buffer);
        for (const d of decoded) expect(d.includes(bytes)).toBe(false);
      }
    } finally {
      await c.close();
    }
  }, 60_000);

  it('with DP the released counts are noised for the whole run\'s (ε, δ) and still rank like the exact ones', async () => {
    const c = new Coordinator({ nodes: 3, rounds: 1, spec: BASELINE_TASK, dp: { epsilon: 4, delta: 1e-5, clip: 1 } });
    const url = await c.listen();
    try {
      await Promise.all(fixture.nodes.map((rows, i) => runNode({ coordinator: url, id: `org${i}`, records: asRecords(rows) })));
      const result = await c.result;
      expect(result.dp!.epsilon).toBeCloseTo(4, 2);
      const exact = countRows(BASELINE_TASK, pooled);
      expect(Array.from(result.model)).not.toEqual(Array.from(exact));
      // The summed noise has std σ·√F (F features); no count is off by more than 6 of those.
      const bound = 6 * result.dp!.sigma * histogramSensitivity(BASELINE_TASK);
      result.model.forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThan(bound));
      const [noisy, clean] = [new HbosScorer(BASELINE_TASK, result.model), new HbosScorer(BASELINE_TASK, exact)];
      const rank = (h: HbosScorer) => fixture.test.map((t, i) => ({ i, s: h.score(t.row) })).sort((a, b) => b.s - a.s).slice(0, 20).map((x) => x.i);
      const overlap = rank(noisy).filter((i) => rank(clean).includes(i)).length;
      expect(overlap).toBeGreaterThanOrEqual(12);
    } finally {
      await c.close();
    }
  }, 60_000);
});
