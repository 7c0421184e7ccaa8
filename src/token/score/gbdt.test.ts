import { describe, expect, it } from 'vitest';
import { Gbdt, quantileEdges, seededRandom, type GbdtJson } from './gbdt.js';

/** Rows of 4 uniform features; label = x0 > 0.5 and x1 < 0.3 (x2, x3 are noise), 3 % labels flipped. */
function synthetic(n: number, seed: string): { X: number[][]; y: number[] } {
  const rand = seededRandom(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rand(), rand(), rand(), rand()];
    let label = (x[0] as number) > 0.5 && (x[1] as number) < 0.3 ? 1 : 0;
    if (rand() < 0.03) label = 1 - label;
    X.push(x);
    y.push(label);
  }
  return { X, y };
}

const NAMES = ['x0', 'x1', 'noise2', 'noise3'];

describe('Gbdt', () => {
  const train = synthetic(3000, 'train');
  const test = synthetic(1000, 'test');
  const model = Gbdt.fit(train.X, train.y, NAMES, { rounds: 60, depth: 3, seed: 's1' });

  it('learns a simple two-feature rule', () => {
    const correct = test.X.filter((x, i) => (model.predict(x) >= 0.5 ? 1 : 0) === test.y[i]).length;
    expect(correct / test.X.length).toBeGreaterThan(0.93);
    expect(model.predict([0.9, 0.1, 0.5, 0.5])).toBeGreaterThan(0.8);
    expect(model.predict([0.1, 0.1, 0.5, 0.5])).toBeLessThan(0.2);
    expect(model.predict([0.9, 0.9, 0.5, 0.5])).toBeLessThan(0.2);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = Gbdt.fit(train.X, train.y, NAMES, { rounds: 60, depth: 3, seed: 's1' });
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
    const other = Gbdt.fit(train.X, train.y, NAMES, { rounds: 60, depth: 3, seed: 's2' });
    expect(JSON.stringify(other.toJSON())).not.toBe(JSON.stringify(model.toJSON()));
  });

  it('gives identical predictions after a JSON round trip', () => {
    const restored = Gbdt.fromJSON(JSON.parse(JSON.stringify(model)) as GbdtJson);
    for (const x of test.X.slice(0, 200)) expect(restored.predict(x)).toBe(model.predict(x));
  });

  it('explains each prediction with contributions that sum to its log-odds, led by the rule features', () => {
    const x = [0.9, 0.1, 0.5, 0.5];
    const { bias, contributions, raw } = model.explain(x);
    expect(raw).toBeCloseTo(model.raw(x), 9);
    expect(bias + contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(model.raw(x), 9);
    const noise = Math.abs(contributions[2] as number) + Math.abs(contributions[3] as number);
    expect(contributions[0] as number).toBeGreaterThan(noise);
    expect(contributions[1] as number).toBeGreaterThan(noise);
  });

  it('uses class weights: up-weighting a class raises its predicted probability', () => {
    const heavy = Gbdt.fit(train.X, train.y, NAMES, { rounds: 60, depth: 3, seed: 's1', classWeight: { pos: 5, neg: 1 } });
    const mean = (m: Gbdt) => test.X.reduce((s, x) => s + m.predict(x), 0) / test.X.length;
    expect(mean(heavy)).toBeGreaterThan(mean(model));
  });

  it('sends missing values left and rejects other model kinds', () => {
    expect(Number.isFinite(model.predict([Number.NaN, Number.NaN, 0, 0]))).toBe(true);
    expect(() => Gbdt.fromJSON({ ...model.toJSON(), kind: 'other' } as unknown as GbdtJson)).toThrow();
  });
});

describe('quantileEdges', () => {
  it('gives sorted distinct cut points below the maximum and collapses ties', () => {
    const edges = quantileEdges([1, 1, 1, 1, 2, 3, 4, 5, 6, 7], 4);
    expect(edges).toEqual([...edges].sort((a, b) => a - b));
    expect(new Set(edges).size).toBe(edges.length);
    expect(Math.max(...edges)).toBeLessThan(7);
    expect(quantileEdges([3, 3, 3], 8)).toEqual([]);
  });
});
