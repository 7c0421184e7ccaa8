/**
 * The dashboard's read routes on a store written the way `argus watch` writes it: member alerts plus the
 * `monitor/incident` alerts the engine raises as an incident grows (built here with the real combiner).
 * Also the dashboard's static files and their security headers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttackScoreboard } from '../src/chain/scenarios/scoreboard.js';
import type { GroundTruth } from '../src/chain/scenarios/truth.js';
import type { Finding } from '../src/core/finding.js';
import { combineFindings, incidentFinding } from '../src/monitor/incidents/combiner.js';
import { type Alert } from '../src/core/alert.js';
import { makeAlert } from '../src/core/alert-id.js';
import { createServer } from '../src/server/index.js';
import { DASHBOARD_CSP } from '../src/server/dashboard.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './cli-helpers.js';

const KEY = 'k';
const V1 = '/api/v1';
const ATTACKER = '0x00000000000000000000000000000000000a77ac';
const VICTIM = '0x0000000000000000000000000000000000000b0b';
const BYSTANDER = '0x000000000000000000000000000000000000cafe';
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

function finding(detector: string, severity: Finding['severity'], block: number, stage: string | null, subject: Finding['subject'], evidence: Record<string, unknown>): Finding {
  return { detector, title: `${detector} at ${block}`, severity, confidence: 0.8, tags: stage ? [`stage:${stage}`, 'kind:exploit'] : [], subject, explanation: 'test', evidence: { blockNumber: block, ...evidence } };
}

describe('incidents, summary, info, audits list and the dashboard files', () => {
  let app: FastifyInstance;
  let store: SqliteStore;
  const members: Alert[] = [];
  let incidentId = '';

  beforeAll(async () => {
    const dir = tempDir('argus-api-inc-');
    const file = path.join(dir, 'argus.db');
    store = new SqliteStore(file);
    const raised: Finding[] = [
      finding('monitor/attack-contract-deploy', 'medium', 10, 'preparation', { kind: 'address', chainId: 31337, address: ATTACKER, role: 'deployer' }, { contract: '0x00000000000000000000000000000000000c0de1' }),
      finding('monitor/exploit-contract', 'high', 12, 'exploitation', { kind: 'transaction', chainId: 31337, hash: hash(12), blockNumber: 12 }, { attacker: ATTACKER, victim: VICTIM }),
      finding('monitor/large-transfer', 'low', 200, null, { kind: 'address', chainId: 31337, address: BYSTANDER }, {}),
    ];
    // As the watcher does: each block's findings, then the incident alert when an incident grows.
    for (let i = 0; i < raised.length; i++) {
      const f = raised[i]!;
      const block = Number(f.evidence.blockNumber);
      const alert = makeAlert(f, { chainId: 31337, blockNumber: block, blockHash: hash(block + 1000) });
      await store.saveAlert(alert);
      members.push(alert);
      for (const incident of combineFindings(raised.slice(0, i + 1))) {
        if (incident.findings.length < 2 || !incident.findings.includes(f)) continue;
        incidentId = incident.id;
        await store.saveAlert(makeAlert(incidentFinding(incident, 31337), { chainId: 31337, blockNumber: block, blockHash: hash(block + 1000) }));
      }
    }
    const web = path.join(dir, 'web');
    mkdirSync(path.join(web, 'assets'), { recursive: true });
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Argus</title><script type="module" src="/assets/app-1234.js"></script>');
    writeFileSync(path.join(web, 'assets', 'app-1234.js'), 'console.log(1)');
    app = await createServer({ apiKeys: [KEY], storeFile: file, rateLimit: false, chainId: 31337, dashboardDir: web });
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists the incident the watcher raised, with its stages, actors and severity', async () => {
    const r = await app.inject({ url: `${V1}/incidents` });
    expect(r.statusCode).toBe(200);
    const { incidents } = r.json();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ id: incidentId, chainId: 31337, severity: 'critical', stages: ['preparation', 'exploitation'], firstBlock: 10, lastBlock: 12, alertCount: 2 });
    expect(incidents[0].actors).toContain(ATTACKER);
    expect((await app.inject({ url: `${V1}/incidents?chainId=1` })).json().incidents).toEqual([]);
  });

  it('one incident comes with its member alerts in block order; unknown or malformed ids are 404 and 400', async () => {
    const r = await app.inject({ url: `${V1}/incidents/${incidentId}` });
    expect(r.statusCode).toBe(200);
    expect(r.json().alerts.map((a: Alert) => a.id)).toEqual([members[0]!.id, members[1]!.id]);
    expect(r.json().alerts[1].txHash).toBe(hash(12));
    expect((await app.inject({ url: `${V1}/incidents/incident-0000000000000000` })).statusCode).toBe(404);
    expect((await app.inject({ url: `${V1}/incidents/nope` })).statusCode).toBe(400);
  });

  it('an alert leads to its incident; an alert outside any is a 404', async () => {
    const r = await app.inject({ url: `${V1}/alerts/${members[1]!.id}/incident` });
    expect(r.statusCode).toBe(200);
    expect(r.json().incident.id).toBe(incidentId);
    const lone = await app.inject({ url: `${V1}/alerts/${members[2]!.id}/incident` });
    expect(lone.statusCode).toBe(404);
    expect(lone.json().error.code).toBe('ARGUS_NOT_FOUND');
  });

  it('summary counts per severity, per detector and over block buckets', async () => {
    const r = await app.inject({ url: `${V1}/alerts/summary?buckets=4` });
    expect(r.statusCode).toBe(200);
    const s = r.json();
    // 3 member alerts + 1 incident alert (raised once: the incident did not grow at block 200).
    expect(s.total).toBe(4);
    expect(s.bySeverity).toMatchObject({ low: 1, medium: 1, high: 1, critical: 1, info: 0 });
    expect(s.byDetector.find((d: { detector: string }) => d.detector === 'monitor/incident').count).toBe(1);
    expect(s.overTime).toHaveLength(4);
    expect(s.overTime[0]).toMatchObject({ fromBlock: 10 });
    expect(s.overTime.at(-1).toBlock).toBe(200);
    const total = s.overTime.reduce((n: number, b: { counts: Record<string, number> }) => n + Object.values(b.counts).reduce((x, y) => x + y, 0), 0);
    expect(total).toBe(4);
    expect((await app.inject({ url: `${V1}/alerts/summary?buckets=0` })).statusCode).toBe(400);
    expect((await app.inject({ url: `${V1}/alerts/summary?buckets=abc` })).statusCode).toBe(400);
  });

  it('info says what the server has; pool reserves without an RPC endpoint are a 503', async () => {
    expect((await app.inject({ url: `${V1}/info` })).json()).toMatchObject({ chainId: 31337, rpc: false, store: true, live: false, demo: false });
    const r = await app.inject({ url: `${V1}/pools/${VICTIM}/reserves?from=1` });
    expect(r.statusCode).toBe(503);
    expect(r.json().error.code).toBe('ARGUS_UNAVAILABLE');
    expect((await app.inject({ url: `${V1}/pools/0x12/reserves?from=1` })).statusCode).toBe(400);
  });

  it('audits: listed only with a key, fetched with their sources', async () => {
    const content = 'pragma solidity ^0.8.0;\ncontract A {\n  function kill() public { selfdestruct(payable(msg.sender)); }\n}\n';
    const posted = await app.inject({ method: 'POST', url: `${V1}/audits`, headers: { authorization: `Bearer ${KEY}` }, payload: { files: [{ path: 'A.sol', content }] } });
    expect(posted.statusCode).toBe(200);
    const id = posted.json().id as string;
    expect((await app.inject({ url: `${V1}/audits` })).statusCode).toBe(401);
    const list = (await app.inject({ url: `${V1}/audits`, headers: { authorization: `Bearer ${KEY}` } })).json();
    expect(list.audits[0]).toMatchObject({ id, files: ['A.sol'] });
    expect(list.audits[0].findings).toBeGreaterThan(0);
    const one = (await app.inject({ url: `${V1}/audits/${id}` })).json();
    expect(one.files).toEqual([{ path: 'A.sol', content }]);
    expect(one.report.files[0].findings.some((f: Finding) => f.subject.kind === 'source' && f.subject.startLine === 3)).toBe(true);
  });

  it('serves the dashboard at / under a strict CSP, hashed assets cached, the API untouched', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Argus</title>');
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await app.inject({ url: '/nothing-here.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ARGUS_NOT_FOUND');
    expect((await app.inject({ url: '/../../etc/passwd' })).statusCode).toBe(404);
    const doc = (await app.inject({ url: `${V1}/openapi.json` })).json();
    expect(Object.keys(doc.paths).every((p) => p.startsWith(V1))).toBe(true);
  });
});

describe('incidents: pages, filters and a long history', () => {
  let app: FastifyInstance;
  let store: SqliteStore;
  const ids: string[] = [];

  beforeAll(async () => {
    const file = path.join(tempDir('argus-api-incpages-'), 'argus.db');
    store = new SqliteStore(file);
    // Seven attacks by seven attackers, 100 blocks apart; odd ones reach exploitation (critical), the others stay high (their worst finding).
    for (let n = 0; n < 7; n++) {
      const attacker = `0x${(0xa000 + n).toString(16).padStart(40, '0')}`;
      const block = 1000 + n * 100;
      const raised = [
        finding('monitor/attack-contract-deploy', 'medium', block, 'preparation', { kind: 'address', chainId: 31337, address: attacker, role: 'deployer' }, {}),
        finding(n % 2 ? 'monitor/exploit-contract' : 'monitor/approval-phishing', 'high', block + 2, n % 2 ? 'exploitation' : 'preparation', { kind: 'address', chainId: 31337, address: attacker }, {}),
      ];
      for (const f of raised) await store.saveAlert(makeAlert(f, { chainId: 31337, blockNumber: Number(f.evidence.blockNumber), blockHash: hash(Number(f.evidence.blockNumber)) }));
      const [incident] = combineFindings(raised);
      ids.push(incident!.id);
      await store.saveAlert(makeAlert(incidentFinding(incident!, 31337), { chainId: 31337, blockNumber: block + 2, blockHash: hash(block + 2) }));
    }
    app = await createServer({ apiKeys: [KEY], storeFile: file, rateLimit: false });
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('walks every incident, newest first, through the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await app.inject({ url: `${V1}/incidents?limit=3${cursor ? `&cursor=${cursor}` : ''}` });
      expect(r.statusCode).toBe(200);
      const body = r.json() as { incidents: { id: string }[]; nextCursor: string | null };
      seen.push(...body.incidents.map((i) => i.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by severity; refuses a made-up cursor, an unknown severity and a bad limit', async () => {
    const critical = (await app.inject({ url: `${V1}/incidents?severity=critical` })).json().incidents as { id: string; severity: string }[];
    expect(critical.map((i) => i.id)).toEqual([ids[5], ids[3], ids[1]]);
    expect(critical.every((i) => i.severity === 'critical')).toBe(true);
    expect((await app.inject({ url: `${V1}/incidents?severity=high` })).json().incidents).toHaveLength(4);
    for (const bad of ['cursor=bm9wZQ', 'severity=huge', 'limit=0', 'limit=501', 'limit=x', 'colour=red']) {
      const r = await app.inject({ url: `${V1}/incidents?${bad}` });
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().error.code).toBe('ARGUS_USAGE');
    }
  });

  it('opens the oldest incident, and finds it from its first alert', async () => {
    const oldest = (await app.inject({ url: `${V1}/incidents/${ids[0]}` })).json();
    expect(oldest.incident).toMatchObject({ id: ids[0], firstBlock: 1000, lastBlock: 1002, severity: 'high' });
    expect(oldest.alerts).toHaveLength(2);
    const r = await app.inject({ url: `${V1}/alerts/${oldest.alerts[0].id}/incident` });
    expect(r.json().incident.id).toBe(ids[0]);
  });
});

describe('GET /demo/attacks', () => {
  it('is a 404 outside the demo, and the scoreboard of judged attacks in it', async () => {
    const plain = await createServer({ apiKeys: [KEY], rateLimit: false });
    const r = await plain.inject({ url: `${V1}/demo/attacks` });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('ARGUS_NOT_FOUND');
    await plain.close();

    const scoreboard = new AttackScoreboard();
    const truth: GroundTruth = { attackId: 'treasury-drain-1', kind: 'treasury-drain', description: 'a treasury sends almost everything to a fresh address', addresses: { attacker: ATTACKER }, txs: [], blockRange: [40, 44], facts: {} };
    scoreboard.addBlock(44, [finding('monitor/large-transfer', 'high', 43, 'exploitation', { kind: 'address', chainId: 31337, address: ATTACKER }, {})]);
    scoreboard.addAttack(truth);
    const demo = await createServer({ apiKeys: [KEY], rateLimit: false, demo: true, scoreboard });
    const body = (await demo.inject({ url: `${V1}/demo/attacks` })).json();
    expect(body.summary).toEqual({ attacks: 1, caught: 1, early: 0, pending: 0 });
    expect(body.attacks[0]).toMatchObject({ attackId: 'treasury-drain-1', caught: true, alerts: 1, detectors: ['monitor/large-transfer'], firstAlertBlock: 43, severity: 'high' });
    expect((await demo.inject({ url: `${V1}/info` })).json().demo).toBe(true);
    await demo.close();
  });
});
