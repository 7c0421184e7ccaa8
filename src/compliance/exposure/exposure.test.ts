import { describe, expect, it } from 'vitest';
import { ExposureAnalyser, type RiskLabel } from './exposure.js';
import { TransferGraph, type Transfer } from './graph.js';

const A = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const S = A(0xdead);
const MIXER = A(0x1111);
const labels = new Map<string, RiskLabel>([
  [S, { category: 'sanctioned', label: 'OFAC SDN: test' }],
  [MIXER, { category: 'mixer', label: 'test mixer' }],
]);
const t = (from: string, to: string, amount: number, time: number): Transfer => ({ from, to, amount, time });

describe('haircut exposure', () => {
  it('follows a peel chain exactly, hop by hop, and stops at the hop limit', () => {
    // S → P1 100; P1 peels 10 to X and passes 90 to P2; P2 peels 10 and passes 80 to the target.
    const g = new TransferGraph([t(S, A(1), 100, 1), t(A(1), A(9), 10, 2), t(A(1), A(2), 90, 3), t(A(2), A(8), 10, 4), t(A(2), A(3), 80, 5)]);
    const x = new ExposureAnalyser(g, labels);
    const three = x.exposure(A(3), { hops: 3 });
    expect(three.sources).toHaveLength(1);
    expect(three.sources[0]?.amount).toBeCloseTo(80);
    expect(three.sources[0]?.path.addresses).toEqual([S, A(1), A(2), A(3)]);
    expect(three.byCategory.sanctioned.indirect).toBeCloseTo(80);
    expect(x.exposure(A(3), { hops: 2 }).sources).toHaveLength(0);
    expect(x.exposure(A(9), { hops: 2 }).sources[0]?.amount).toBeCloseTo(10);
  });

  it('dilutes through a wallet that mixes clean and tainted funds, in proportion', () => {
    const g = new TransferGraph([t(S, A(1), 25, 1), t(A(5), A(1), 75, 2), t(A(1), A(2), 40, 3)]);
    const r = new ExposureAnalyser(g, labels).exposure(A(2));
    expect(r.sources[0]?.amount).toBeCloseTo(10);
    expect(r.share).toBeCloseTo(0.25);
  });

  it('is causal: funds that arrive after a payment do not taint it', () => {
    const g = new TransferGraph([t(A(5), A(1), 50, 1), t(A(1), A(2), 50, 2), t(S, A(1), 50, 3)]);
    expect(new ExposureAnalyser(g, labels).exposure(A(2)).sources).toHaveLength(0);
  });

  it('attributes withdrawals to the mixer itself, and reports nothing for an unrelated wallet', () => {
    const g = new TransferGraph([t(S, MIXER, 10, 1), t(A(6), MIXER, 10, 1), t(MIXER, A(7), 10, 2), t(A(4), A(5), 3, 2)]);
    const x = new ExposureAnalyser(g, labels);
    const r = x.exposure(A(7));
    expect(r.sources.map((s) => [s.category, s.amount, s.direct])).toEqual([['mixer', 10, 10]]);
    expect(x.exposure(A(5)).sources).toEqual([]);
    expect(x.exposure(A(0xbeef)).total).toBe(0);
  });

  it('measures outgoing exposure: funds that reached a sanctioned address through an intermediary', () => {
    const g = new TransferGraph([t(A(1), A(2), 30, 1), t(A(9), A(2), 30, 1), t(A(2), S, 60, 2)]);
    const r = new ExposureAnalyser(g, labels).exposure(A(1), { direction: 'outgoing' });
    expect(r.sources[0]?.amount).toBeCloseTo(30);
    expect(r.sources[0]?.path.addresses).toEqual([A(1), A(2), S]);
  });

  it('does not loop on cycles', () => {
    const g = new TransferGraph([t(S, A(1), 5, 1), t(A(1), A(2), 5, 2), t(A(2), A(1), 5, 3), t(A(1), A(3), 5, 4)]);
    const r = new ExposureAnalyser(g, labels).exposure(A(3), { hops: 4 });
    expect(r.sources[0]?.amount).toBeGreaterThan(0);
    expect(r.sources[0]?.amount).toBeLessThanOrEqual(5 + 1e-9);
  });
});

describe('haircut exposure caches', () => {
  it('answers again after the graph grows (replays and time indexes are rebuilt)', () => {
    const g = new TransferGraph([t(A(5), A(1), 10, 1), t(A(1), A(2), 10, 2)]);
    const x = new ExposureAnalyser(g, labels);
    expect(x.exposure(A(2)).sources).toHaveLength(0);
    g.add(t(S, A(3), 10, 3));
    g.add(t(A(3), A(4), 10, 4));
    const y = new ExposureAnalyser(g, labels);
    expect(y.exposure(A(4)).sources[0]?.amount).toBeCloseTo(10);
    expect(x.exposure(A(4)).sources[0]?.amount).toBeCloseTo(10);
  });
});

describe('prepare', () => {
  it('gives the same answers as replaying on demand', () => {
    const g = new TransferGraph([t(S, A(1), 25, 1), t(A(5), A(1), 75, 2), t(A(1), A(2), 40, 3), t(A(2), A(3), 20, 4), t(MIXER, A(3), 1, 5)]);
    const lazy = new ExposureAnalyser(g, labels);
    const eager = new ExposureAnalyser(g, labels);
    eager.prepare();
    for (const a of [A(1), A(2), A(3)]) for (const hops of [1, 2, 3]) expect(eager.exposure(a, { hops })).toEqual(lazy.exposure(a, { hops }));
  });
});
