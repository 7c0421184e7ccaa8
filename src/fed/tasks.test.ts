import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Coordinator } from './coordinator.js';
import { DOMAIN_TASK, domainRow } from './domains-task.js';
import { runNode } from './node.js';
import { dpSensitivity, localGradient, parsePostsJsonl, POST_TASK, ServerAdam, vectorisePosts } from './posts-task.js';
import { prepareRecords } from './task.js';
import type { LabelledText } from './posts-task.js';

const POSTS = path.resolve('..', 'shared', 'datasets', 'crypto-posts', 'posts.jsonl');
const posts = parsePostsJsonl(readFileSync(POSTS, 'utf8')).records.filter((_, i) => i % 11 === 0).slice(0, 120);
const SCAMSNIFFER = path.resolve('..', 'shared', 'datasets', 'phishing-domains', 'scamsniffer-domains.csv');
const phishing = readFileSync(SCAMSNIFFER, 'utf8').split('\n').slice(1, 4000).filter((_, i) => i % 40 === 0).map((l) => l.split(',')[0]!.trim()).filter(Boolean);
const legit = ['uniswap.org', 'app.uniswap.org', 'etherscan.io', 'metamask.io', 'opensea.io', 'aave.com', 'curve.fi', 'lido.fi', 'github.com', 'wikipedia.org', 'coinbase.com', 'kraken.com', 'chain.link', 'ens.domains', 'arbitrum.io', 'optimism.io', 'polygon.technology', 'compound.finance', 'makerdao.com', 'balancer.fi'];
const domainRecords: LabelledText[] = [...phishing.map((text) => ({ text, label: 1 as const })), ...legit.map((text) => ({ text, label: 0 as const }))];

describe('per-record clipping under DP', () => {
  it('clips the unweighted gradient, then weights it: one record moves the sum by at most clip × max weight', () => {
    const rows = vectorisePosts(POST_TASK, posts.map((p) => p.text));
    const model = new Float64Array(POST_TASK.buckets + 1);
    const norm = (g: Float64Array) => Math.sqrt(g.reduce((s, v) => s + v * v, 0));
    for (const [i, y] of [[0, 1], [1, 0], [2, 1]] as const) {
      const g = localGradient(model, [rows[i]!], [y], { positiveWeight: 7, totalWeight: 1, clip: 0.5 });
      // At w = 0 the error is 0.5 and the row (with its bias 1) has norm √2, so the clip binds.
      expect(norm(g)).toBeCloseTo(0.5 * (y === 1 ? 7 : 1), 6);
      expect(norm(g)).toBeLessThanOrEqual(dpSensitivity(0.5, 7) + 1e-9);
    }
    expect(dpSensitivity(0.5, 0.3)).toBe(0.5);
  });
});

describe('domains task', () => {
  it('turns host names into rows over the house domain features, and leaves out what is not a host name', () => {
    const row = domainRow(DOMAIN_TASK, 'uniswap-airdrop-claim.xyz')!;
    expect(row.index.length).toBeGreaterThan(10);
    expect(Math.max(...row.index)).toBeLessThan(DOMAIN_TASK.buckets);
    expect(domainRow(DOMAIN_TASK, '10.0.0.1')).toBeNull();
    const prepared = prepareRecords(DOMAIN_TASK, [{ text: 'metamask.io', label: 0 }, { text: 'not a host!!', label: 1 }, { text: '192.168.1.1', label: 1 }]);
    expect(prepared.rows.length).toBe(1);
    expect(prepared.skipped).toBe(2);
  });

  it('trains over HTTP with DP and logit adjustment; the coordinator never receives a domain name', async () => {
    const received: Buffer[] = [];
    const shards = [domainRecords.filter((_, i) => i % 3 === 0), domainRecords.filter((_, i) => i % 3 === 1), domainRecords.filter((_, i) => i % 3 === 2)];
    const c = new Coordinator({ nodes: 3, rounds: 5, spec: DOMAIN_TASK, dp: { epsilon: 8, delta: 1e-5, clip: 0.5 }, onReceive: (_, b) => received.push(b) });
    const url = await c.listen();
    try {
      const results = await Promise.all(shards.map((records, i) => runNode({ coordinator: url, id: `d${i}`, records })));
      const r = await c.result;
      expect(r.dp?.weighting).toBe('logit-adjusted');
      expect(r.dp!.epsilon).toBeLessThanOrEqual(8 + 1e-6);
      expect(r.dp!.epsilon).toBeGreaterThan(7.9);
      // Noisy counts, close to the true ones.
      expect(Math.abs(r.records - domainRecords.length)).toBeLessThan(60);
      expect(results.every((n) => n.spec.task === 'domains' && n.rounds === 5)).toBe(true);
      const text = received.map((b) => b.toString('utf8')).join('\n');
      for (const d of domainRecords) expect(text.includes(d.text)).toBe(false);
    } finally {
      await c.close();
    }
  }, 120_000);
});

describe('server optimiser', () => {
  it('releases the bias-corrected moving average of the iterates when asked', () => {
    const adam = new ServerAdam({ buckets: 2, learningRate: 0.1, lambda: 0, emaDecay: 0.5 });
    adam.step(Float64Array.of(1, 0, 0));
    expect(adam.released()[0]).toBeCloseTo(adam.model[0]!, 9);
    const first = adam.model[0]!;
    adam.step(Float64Array.of(1, 0, 0));
    expect(adam.released()[0]).toBeCloseTo((0.25 * first + 0.5 * adam.model[0]!) / 0.75, 9);
  });
});
