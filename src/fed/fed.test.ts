import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gaussianEpsilon, gaussianNoise, sigmaForEpsilon } from './dp.js';
import { addInto, applyMask, decodeFixed, encodeFixed, expandMask, maskSign, newKeyPair, pairSeed } from './secure-agg.js';
import { Coordinator } from './coordinator.js';
import { runNode } from './node.js';
import { POST_TASK, ServerAdam, localGradient, parsePostsJsonl, vectorisePosts, type LabelledText } from './posts-task.js';

const POSTS = path.resolve('..', 'shared', 'datasets', 'crypto-posts', 'posts.jsonl');
const all = parsePostsJsonl(readFileSync(POSTS, 'utf8')).records;
/** Three nodes of uneven size from the real data set (every 7th post, so both classes appear). */
const sample = all.filter((_, i) => i % 7 === 0).slice(0, 360);
const shards: LabelledText[][] = [sample.slice(0, 200), sample.slice(200, 300), sample.slice(300)];

describe('secure aggregation', () => {
  it('masks hide each vector and cancel in the sum', () => {
    const ids = ['a', 'b', 'c'];
    const keys = ids.map(() => newKeyPair());
    const plain = ids.map((_, i) => encodeFixed(Float64Array.from({ length: 64 }, (_, j) => Math.sin(i + j) * 3), 2 ** 22, 64));
    const masked = plain.map((p, i) => {
      const v = Uint32Array.from(p);
      ids.forEach((peer, j) => {
        if (j === i) return;
        const seed = pairSeed(keys[i]!.secretKey, keys[j]!.publicKey, 'sess', 1, 1, ids[i]!, peer);
        applyMask(v, expandMask(seed, v.length), maskSign(ids[i]!, peer));
      });
      return v;
    });
    // Both ends of a pair derive the same seed.
    expect(pairSeed(keys[0]!.secretKey, keys[1]!.publicKey, 's', 3, 1, 'a', 'b')).toEqual(pairSeed(keys[1]!.secretKey, keys[0]!.publicKey, 's', 3, 1, 'b', 'a'));
    masked.forEach((m, i) => expect(Array.from(m)).not.toEqual(Array.from(plain[i]!)));
    const sum = new Uint32Array(64);
    masked.forEach((m) => addInto(sum, m));
    const expected = new Uint32Array(64);
    plain.forEach((p) => addInto(expected, p));
    expect(Array.from(sum)).toEqual(Array.from(expected));
    const decoded = decodeFixed(sum, 2 ** 22);
    expect(decoded[5]).toBeCloseTo(Math.sin(5) * 3 + Math.sin(6) * 3 + Math.sin(7) * 3, 5);
  });

  it('seeds differ between rounds and attempts', () => {
    const [a, b] = [newKeyPair(), newKeyPair()];
    const s = (r: number, t: number) => Buffer.from(pairSeed(a.secretKey, b.publicKey, 's', r, t, 'a', 'b')).toString('hex');
    expect(new Set([s(1, 1), s(2, 1), s(1, 2)]).size).toBe(3);
  });
});

describe('differential privacy', () => {
  it('the RDP accountant is at most the classic Gaussian-mechanism bound and composes', () => {
    // One release at σ = 5, δ = 1e-5: the classic bound gives ε = √(2 ln(1.25/δ))/σ ≈ 0.97.
    const one = gaussianEpsilon(5, 1, 1e-5).epsilon;
    expect(one).toBeGreaterThan(0.5);
    expect(one).toBeLessThan(0.97);
    expect(gaussianEpsilon(5, 100, 1e-5).epsilon).toBeGreaterThan(one * 5);
    for (const eps of [1, 4, 8]) expect(gaussianEpsilon(sigmaForEpsilon(eps, 150, 1e-5), 150, 1e-5).epsilon).toBeCloseTo(eps, 3);
  });

  it('draws Gaussian noise of the asked spread', () => {
    const x = gaussianNoise(100_001, 2);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(sd).toBeGreaterThan(1.95);
    expect(sd).toBeLessThan(2.05);
  });
});

/** What central training over the same records would compute, round by round. */
function reference(rounds: number, perRound: (r: number) => LabelledText[][]): Float64Array {
  const everyone = shards.flat();
  const positives = everyone.filter((r) => r.label === 1).length;
  const positiveWeight = (everyone.length - positives) / positives;
  const totalWeight = 2 * (everyone.length - positives);
  const adam = new ServerAdam(POST_TASK);
  for (let r = 1; r <= rounds; r++) {
    const g = new Float64Array(adam.model.length);
    for (const shard of perRound(r)) {
      const part = localGradient(adam.model, vectorisePosts(POST_TASK, shard.map((s) => s.text)), shard.map((s) => s.label), { positiveWeight, totalWeight });
      for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) + (part[i] as number);
    }
    adam.step(g);
  }
  return adam.model;
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);
/**
 * Largest difference in log-odds between two models over the sample. Weights are not compared one by one:
 * Adam moves a weight by about the learning rate whatever the size of its gradient, so a gradient of 1e-8
 * that fixed point rounds to 0 leaves one weight 0.05 apart, on a feature whose value is as tiny.
 */
const rows = vectorisePosts(POST_TASK, sample.map((s) => s.text));
const logit = (m: Float64Array, r: (typeof rows)[number]) => r.index.reduce((s, b, k) => s + (m[b] as number) * (r.value[k] as number), m[m.length - 1] as number);
const scoreDiff = (a: Float64Array, b: Float64Array) => rows.reduce((m, r) => Math.max(m, Math.abs(logit(a, r) - logit(b, r))), 0);

describe('federated run over HTTP', () => {
  it('learns the central model, and the coordinator receives none of the records', async () => {
    const received: Buffer[] = [];
    const c = new Coordinator({ nodes: 3, rounds: 4, onReceive: (_, body) => received.push(body) });
    const url = await c.listen();
    try {
      const results = await Promise.all(shards.map((records, i) => runNode({ coordinator: url, id: `n${i}`, records })));
      const result = await c.result;
      expect(result.records).toBe(sample.length);
      expect(results.every((r) => r.rounds === 4)).toBe(true);
      expect(scoreDiff(result.model, reference(4, () => shards))).toBeLessThan(0.03);
      expect(maxDiff(results[0]!.model, result.model)).toBe(0);
      // No record leaves a node: neither a post's text nor its longer words are in what the coordinator received,
      // read as UTF-8 or after decoding every base64 field.
      const asText = received.map((b) => b.toString('utf8')).join('\n');
      const decoded = received
        .map((b) => JSON.parse(b.toString('utf8')) as Record<string, unknown>)
        .flatMap((m) => Object.values(m).filter((v): v is string => typeof v === 'string' && v.length > 100))
        .map((s) => Buffer.from(s, 'base64').toString('latin1'))
        .join('\n');
      for (const post of sample) {
        const text = post.text.trim();
        if (text.length < 12) continue;
        expect(asText.includes(text)).toBe(false);
        expect(decoded.includes(text)).toBe(false);
        expect(asText.includes(JSON.stringify(text).slice(1, -1))).toBe(false);
      }
      const words = new Set(sample.flatMap((p) => p.text.split(/\s+/).filter((w) => /^[a-z]{9,}$/i.test(w))));
      expect(words.size).toBeGreaterThan(20);
      for (const w of words) expect(asText.toLowerCase().includes(w.toLowerCase())).toBe(false);
    } finally {
      await c.close();
    }
  }, 120_000);

  it('a node that vanishes mid-round neither stalls nor corrupts the round', async () => {
    const c = new Coordinator({ nodes: 3, rounds: 3, quorum: 2, roundTimeoutMs: 1500 });
    const url = await c.listen();
    try {
      const survivors = [0, 1].map((i) => runNode({ coordinator: url, id: `n${i}`, records: shards[i]! }));
      void runNode({ coordinator: url, id: 'n2', records: shards[2]!, vanishAtRound: 2 });
      const result = await c.result;
      await Promise.all(survivors);
      expect(result.dropped).toEqual(['n2']);
      expect(result.rounds.find((s) => s.round === 2)?.dropped).toEqual(['n2']);
      // Round 1 summed all three nodes; rounds 2-3 exactly the survivors' gradients (the vanished node's masks removed).
      const expected = reference(3, (r) => (r === 1 ? shards : shards.slice(0, 2)));
      expect(scoreDiff(result.model, expected)).toBeLessThan(0.02);
      // …and not what all three would have given (the check can tell the two apart).
      expect(scoreDiff(reference(3, () => shards), expected)).toBeGreaterThan(0.05);
    } finally {
      await c.close();
    }
  }, 120_000);

  it('refuses bad settings and a duplicate node id', async () => {
    expect(() => new Coordinator({ nodes: 1, rounds: 3 })).toThrow(/nodes/);
    expect(() => new Coordinator({ nodes: 3, rounds: 3, dp: { epsilon: 0, delta: 1e-5, clip: 1 } })).toThrow(/DP/);
    const c = new Coordinator({ nodes: 2, rounds: 1 });
    const url = await c.listen();
    try {
      const first = runNode({ coordinator: url, id: 'same', records: shards[0]! }).catch((e: unknown) => e);
      await expect(runNode({ coordinator: url, id: 'same', records: shards[1]! })).rejects.toThrow(/taken/);
      await c.close();
      expect(String(await first)).toMatch(/closed|unreachable/);
    } finally {
      await c.close();
    }
  }, 60_000);
});
