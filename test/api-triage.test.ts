/**
 * Triage through the API on a real SQLite store: status, assignee, snooze and notes on alerts and
 * incidents, writes refused without the key, every change in the history with who and when, filters by
 * status on the listings and counts, bulk actions all or none; and the feed's server-side search and counts.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAlert } from '../src/core/alert-id.js';
import type { Alert } from '../src/core/alert.js';
import type { Finding } from '../src/core/finding.js';
import { combineFindings, incidentFinding } from '../src/monitor/incidents/combiner.js';
import { createServer } from '../src/server/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { tempDir } from './cli-helpers.js';

const KEY = 'triage-key';
const V1 = '/api/v1';
const auth = { authorization: `Bearer ${KEY}` };
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const ATTACKER = '0x00000000000000000000000000000000000a77ac';

function finding(n: number, severity: Finding['severity'], title: string, stage?: string, subject?: Finding['subject']): Finding {
  return {
    detector: stage ? (stage === 'preparation' ? 'monitor/attack-contract-deploy' : 'monitor/exploit-contract') : 'monitor/large-transfer',
    title,
    severity,
    confidence: 0.8,
    tags: stage ? [`stage:${stage}`, 'kind:exploit'] : [],
    subject: subject ?? { kind: 'address', chainId: 1, address: `0x${n.toString(16).padStart(40, '0')}` },
    explanation: `${title} explained`,
    evidence: { blockNumber: n, ...(stage ? { attacker: ATTACKER } : {}) },
  };
}

describe('triage API', () => {
  let app: FastifyInstance;
  let store: SqliteStore;
  const alerts: Alert[] = [];
  let incidentId = '';

  beforeAll(async () => {
    const file = path.join(tempDir('argus-api-triage-'), 'argus.db');
    store = new SqliteStore(file);
    for (let n = 1; n <= 30; n++) {
      const a = makeAlert(finding(n, n % 3 === 0 ? 'high' : 'low', n === 7 ? 'Router drained by flash loan' : `Transfer ${n}`), { chainId: 1, blockNumber: n, blockHash: hash(n) });
      await store.saveAlert(a);
      alerts.push(a);
    }
    // An incident as the watcher raises it: two stages about one attacker, then the incident alert.
    const raised = [
      finding(40, 'medium', 'deploy', 'preparation', { kind: 'address', chainId: 1, address: ATTACKER, role: 'deployer' }),
      finding(41, 'high', 'exploit', 'exploitation', { kind: 'transaction', chainId: 1, hash: hash(41), blockNumber: 41 }),
    ];
    for (const f of raised) await store.saveAlert(makeAlert(f, { chainId: 1, blockNumber: Number(f.evidence.blockNumber), blockHash: hash(Number(f.evidence.blockNumber)) }));
    const incident = combineFindings(raised).find((i) => i.findings.length === 2)!;
    incidentId = incident.id;
    await store.saveAlert(makeAlert(incidentFinding(incident, 1), { chainId: 1, blockNumber: 41, blockHash: hash(41) }));
    app = await createServer({ apiKeys: [KEY], storeFile: file, rateLimit: false });
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const id = (n: number) => alerts[n - 1]!.id;

  it('refuses a change without the key (401) or with a wrong one (403), and changes nothing', async () => {
    const none = await app.inject({ method: 'POST', url: `${V1}/alerts/${id(1)}/triage`, payload: { status: 'resolved' } });
    expect(none.statusCode).toBe(401);
    const wrong = await app.inject({ method: 'POST', url: `${V1}/alerts/${id(1)}/triage`, headers: { authorization: 'Bearer nope' }, payload: { status: 'resolved' } });
    expect(wrong.statusCode).toBe(403);
    expect((await app.inject({ url: `${V1}/alerts/${id(1)}/triage` })).json()).toEqual({ triage: null, history: [] });
  });

  it('acknowledges, assigns, notes and resolves an alert, each change audited with who and when', async () => {
    const url = `${V1}/alerts/${id(1)}/triage`;
    let r = await app.inject({ method: 'POST', url, headers: auth, payload: { status: 'acknowledged', assignee: 'ana', by: 'ana' } });
    expect(r.statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url, headers: auth, payload: { note: 'the router is ours; checking the pool', by: 'bob' } })).statusCode).toBe(200);
    r = await app.inject({ method: 'POST', url, headers: auth, payload: { status: 'resolved', by: 'bob' } });
    const body = r.json();
    expect(body.triage).toMatchObject({ status: 'resolved', assignee: 'ana', notes: 1, mutedUntil: null });
    expect(body.triage.updatedBy).toMatch(/^bob \(key:[0-9a-f]{16}\)$/);
    expect(body.history.map((e: { action: string; value: string }) => `${e.action}=${e.value}`)).toEqual(['status=acknowledged', 'assignee=ana', 'note=the router is ours; checking the pool', 'status=resolved']);
    for (const e of body.history) expect(Date.parse(e.at)).toBeGreaterThan(Date.now() - 60_000);
    // A page carries the triage of its alerts that have any.
    const page = (await app.inject({ url: `${V1}/alerts?limit=500` })).json();
    expect(page.triage[id(1)]).toMatchObject({ status: 'resolved', assignee: 'ana' });
    expect(Object.keys(page.triage)).toEqual([id(1)]);
  });

  it('snoozes until a time to come, refuses one in the past, and filters pages and counts by status', async () => {
    const until = new Date(Date.now() + 3600_000).toISOString();
    const ok = await app.inject({ method: 'POST', url: `${V1}/alerts/${id(2)}/triage`, headers: auth, payload: { status: 'muted', mutedUntil: until } });
    expect(ok.json().triage).toMatchObject({ status: 'muted', mutedUntil: until });
    const past = await app.inject({ method: 'POST', url: `${V1}/alerts/${id(3)}/triage`, headers: auth, payload: { status: 'muted', mutedUntil: '2020-01-01T00:00:00Z' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toMatch(/past/);
    const empty = await app.inject({ method: 'POST', url: `${V1}/alerts/${id(3)}/triage`, headers: auth, payload: {} });
    expect(empty.statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `${V1}/alerts/${'0'.repeat(32)}/triage`, headers: auth, payload: { status: 'resolved' } })).statusCode).toBe(404);

    const ids = async (q: string) => ((await app.inject({ url: `${V1}/alerts?limit=500&${q}` })).json().alerts as Alert[]).map((a) => a.id);
    expect(await ids('status=resolved')).toEqual([id(1)]);
    expect(await ids('status=muted')).toEqual([id(2)]);
    expect(await ids('status=open')).not.toContain(id(1));
    expect((await ids('status=open')).length).toBe(33 - 2);
    const counts = (await app.inject({ url: `${V1}/alerts/counts` })).json();
    expect(counts.total).toBe(33);
    expect(counts.byStatus).toEqual({ open: 31, acknowledged: 0, resolved: 1, muted: 1 });
    expect((await app.inject({ url: `${V1}/alerts/counts?status=open&severity=high` })).json().total).toBe(10 + 1 - 0); // alerts 3,6,..,30 and the exploit
  });

  it('bulk-acknowledges many alerts at once, all or none', async () => {
    const some = [id(10), id(11), id(12)];
    const partial = await app.inject({ method: 'POST', url: `${V1}/triage`, headers: auth, payload: { kind: 'alert', ids: [...some, 'f'.repeat(32)], status: 'acknowledged' } });
    expect(partial.statusCode).toBe(404);
    expect(partial.json().error.message).toMatch(/nothing changed/);
    expect((await app.inject({ url: `${V1}/alerts/counts?status=acknowledged` })).json().total).toBe(0);
    const r = await app.inject({ method: 'POST', url: `${V1}/triage`, headers: auth, payload: { kind: 'alert', ids: some, status: 'acknowledged', assignee: 'ops', by: 'lead' } });
    expect(r.statusCode).toBe(200);
    expect(r.json().updated).toBe(3);
    expect(Object.values(r.json().triage).map((t) => (t as { status: string }).status)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
    expect((await app.inject({ url: `${V1}/alerts/counts?status=acknowledged` })).json().total).toBe(3);
    expect((await app.inject({ method: 'POST', url: `${V1}/triage`, payload: { kind: 'alert', ids: some, status: 'open' } })).statusCode).toBe(401);
  });

  it('triages an incident, which the incident list shows and filters by', async () => {
    const r = await app.inject({ method: 'POST', url: `${V1}/incidents/${incidentId}/triage`, headers: auth, payload: { status: 'acknowledged', assignee: 'ir-team' } });
    expect(r.statusCode).toBe(200);
    const list = (await app.inject({ url: `${V1}/incidents` })).json();
    expect(list.incidents[0]).toMatchObject({ id: incidentId, triage: { status: 'acknowledged', assignee: 'ir-team' } });
    expect((await app.inject({ url: `${V1}/incidents?status=open` })).json().incidents).toEqual([]);
    expect((await app.inject({ url: `${V1}/incidents?status=acknowledged` })).json().incidents).toHaveLength(1);
    expect((await app.inject({ url: `${V1}/incidents/${incidentId}` })).json().incident.triage.status).toBe('acknowledged');
    expect((await app.inject({ url: `${V1}/incidents/incident-0000000000000000/triage` })).statusCode).toBe(404);
  });

  it('searches and counts on the server over every stored alert, not a loaded window', async () => {
    const page = (await app.inject({ url: `${V1}/alerts?q=${encodeURIComponent('router FLASH')}` })).json();
    expect(page.alerts.map((a: Alert) => a.id)).toEqual([id(7)]);
    // "transfer" is in the detector (monitor/large-transfer) of all 30, not only in 29 titles.
    expect((await app.inject({ url: `${V1}/alerts/counts?q=transfer` })).json().total).toBe(30);
    expect((await app.inject({ url: `${V1}/alerts?q=${'a '.repeat(9)}` })).statusCode).toBe(400);
    // Paging older alerts: pages of 10 through the cursor reach every alert once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: { alerts: Alert[]; nextCursor: string | null } = (await app.inject({ url: `${V1}/alerts?limit=10${cursor ? `&cursor=${cursor}` : ''}` })).json();
      seen.push(...p.alerts.map((a) => a.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(33);
  });
});
