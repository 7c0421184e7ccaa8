/**
 * The overview's numbers from the API: the open incidents' value at risk (per asset, the largest amount
 * an incident's alerts recorded, priced where the server knows a price, the rest listed as unpriced), the
 * prices and known labels of GET /info, and the alert summary over time with a range (1h/24h/7d/all).
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/finding.js';
import { makeAlert } from '../src/core/alert-id.js';
import { combineFindings, incidentFinding } from '../src/monitor/incidents/combiner.js';
import { createServer } from '../src/server/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './cli-helpers.js';

const V1 = '/api/v1';
const CHAIN = 31337;
const ATTACKER = '0x00000000000000000000000000000000000a77ac';
const VICTIM = '0x0000000000000000000000000000000000000b0b';
const DAI = '0x00000000000000000000000000000000000000da';
const SCAM = '0x0000000000000000000000000000000000005ca3';
const POOL = '0x00000000000000000000000000000000000000b1';
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const ETH_UNIT = { token: 'ETH', symbol: 'ETH', decimals: 18 };
const E18 = 10n ** 18n;

describe('value at risk, prices and labels, and the summary over time', () => {
  let app: FastifyInstance;
  let store: SqliteStore;
  let incidentId = '';
  let file = '';

  beforeAll(async () => {
    file = path.join(tempDir('argus-api-var-'), 'argus.db');
    store = new SqliteStore(file);
    const raised: Finding[] = [
      {
        detector: 'monitor/attack-contract-deploy',
        title: 'deploy',
        severity: 'medium',
        confidence: 0.8,
        tags: ['stage:preparation', 'kind:exploit'],
        subject: { kind: 'address', chainId: CHAIN, address: ATTACKER, role: 'deployer' },
        explanation: 'deploy',
        evidence: { blockNumber: 10, asset: 'ETH', targetBalance: String(10n * E18), value: String(1000n * E18), units: { targetBalance: ETH_UNIT, value: { token: DAI, symbol: 'DAI', decimals: 18 } } },
      },
      {
        detector: 'monitor/exploit-contract',
        title: 'exploit',
        severity: 'high',
        confidence: 0.8,
        tags: ['stage:exploitation', 'kind:exploit'],
        subject: { kind: 'transaction', chainId: CHAIN, hash: hash(12), blockNumber: 12 },
        explanation: 'exploit',
        // The same ETH pot seen again (smaller after the drain): counted once, at its largest.
        evidence: { blockNumber: 12, attacker: ATTACKER, victim: VICTIM, asset: 'ETH', balanceBefore: String(8n * E18), amount: '5000', units: { balanceBefore: ETH_UNIT, amount: { token: SCAM, symbol: 'SCAM', decimals: 0 } } },
      },
    ];
    const old = new Date(Date.now() - 3 * 86_400_000); // three days ago: outside 1h and 24h, inside 7d
    for (let i = 0; i < raised.length; i++) {
      const f = raised[i]!;
      const block = Number(f.evidence.blockNumber);
      await store.saveAlert(makeAlert(f, { chainId: CHAIN, blockNumber: block, blockHash: hash(block + 1000), ...(i === 0 ? { createdAt: old } : {}) }));
      for (const incident of combineFindings(raised.slice(0, i + 1))) {
        if (incident.findings.length < 2) continue;
        incidentId = incident.id;
        await store.saveAlert(makeAlert(incidentFinding(incident, CHAIN), { chainId: CHAIN, blockNumber: block, blockHash: hash(block + 1000) }));
      }
    }
    app = await createServer({ apiKeys: ['k'], storeFile: file, chainId: CHAIN, rateLimit: false, prices: { ETH: 3000, [DAI]: 1 }, labels: { [String(CHAIN)]: { [POOL]: 'DAI/WETH pool' } } });
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('sums the open incidents per asset, prices what it can, and lists what it cannot', async () => {
    expect(incidentId).not.toBe('');
    const r = await app.inject({ url: `${V1}/incidents/value-at-risk` });
    expect(r.statusCode).toBe(200);
    const v = r.json();
    expect(v).toMatchObject({ openIncidents: 1, more: false, eth: 10, unpriced: 1, withoutAmount: 0 });
    expect(v.usd).toBeCloseTo(10 * 3000 + 1000, 6);
    const scam = v.assets.find((a: { asset: string }) => a.asset === SCAM);
    expect(scam).toMatchObject({ symbol: 'SCAM', raw: '5000', amount: 5000, usd: null, incidents: 1 });
    expect(v.assets.find((a: { asset: string }) => a.asset === 'ETH')).toMatchObject({ raw: String(10n * E18), usd: 30000 });

    // Resolved, the incident no longer counts.
    const t = await app.inject({ method: 'POST', url: `${V1}/incidents/${incidentId}/triage`, headers: { authorization: 'Bearer k' }, payload: { status: 'resolved', by: 'ana' } });
    expect(t.statusCode, t.body).toBe(200);
    expect((await app.inject({ url: `${V1}/incidents/value-at-risk` })).json()).toMatchObject({ openIncidents: 0, usd: 0, eth: 0, assets: [] });
    await app.inject({ method: 'POST', url: `${V1}/incidents/${incidentId}/triage`, headers: { authorization: 'Bearer k' }, payload: { status: 'open', by: 'ana' } });
  });

  it('GET /info gives the prices and the known labels (bundled mainnet ones and configured ones)', async () => {
    const info = (await app.inject({ url: `${V1}/info` })).json();
    expect(info.prices).toEqual({ ETH: 3000, [DAI]: 1 });
    expect(info.labels[String(CHAIN)][POOL]).toBe('DAI/WETH pool');
    expect(info.labels['1']['0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2']).toBe('WETH9');
  });

  it('counts alerts over time, and cuts them to a range that the time buckets run to now', async () => {
    const all = (await app.inject({ url: `${V1}/alerts/summary?buckets=10` })).json();
    expect(all.total).toBe(3);
    const sum = (b: { counts: Record<string, number> }[]) => b.reduce((n, x) => n + Object.values(x.counts).reduce((a, c) => a + c, 0), 0);
    expect(sum(all.overTimeByTime)).toBe(3);
    expect(all.overTimeByTime.length).toBeLessThanOrEqual(10);
    expect(Date.parse(all.overTimeByTime[0].from)).toBeLessThan(Date.now() - 2 * 86_400_000);
    // The oldest alert is in the first bucket, the newer two in the last.
    expect(sum(all.overTimeByTime.slice(0, 1))).toBe(1);
    expect(sum(all.overTimeByTime.slice(-1))).toBe(2);

    const day = (await app.inject({ url: `${V1}/alerts/summary?buckets=24&range=24h` })).json();
    expect(day.total).toBe(2);
    expect(sum(day.overTimeByTime)).toBe(2);
    expect(day.bySeverity.medium).toBe(0);
    expect(Date.parse(day.overTimeByTime[0].from)).toBeGreaterThan(Date.now() - 86_400_000 - 60_000);
    expect(Date.parse(day.overTimeByTime.at(-1).to)).toBeGreaterThan(Date.now() - 3_700_000);
    const week = (await app.inject({ url: `${V1}/alerts/summary?range=7d` })).json();
    expect(week.total).toBe(3);
    expect((await app.inject({ url: `${V1}/alerts/summary?range=2y` })).statusCode).toBe(400);
  });
});
