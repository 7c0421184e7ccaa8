import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Hex } from 'viem';
import { makeAlert } from '../core/alert-id.js';
import { SqliteStore } from './sqlite.js';
import type { StoredAlert } from './store.js';
import { storeBackends } from '../../test/store-backends.js';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const alert = (n: number, block = n) =>
  makeAlert(
    {
      detector: 'monitor/test',
      title: `t${n}`,
      severity: 'medium',
      confidence: 0.5,
      tags: [],
      subject: { kind: 'address', chainId: 1, address: `0x${n.toString(16).padStart(40, '0')}` },
      explanation: 'e',
      evidence: { big: 2n ** 70n },
    },
    { chainId: 1, blockNumber: block, blockHash: hash(block), createdAt: new Date(1_700_000_000_000 + n) },
  );

// An incident's alert as the monitor raises it when the incident grows: its id and state in the evidence.
const incidentAlert = (incident: string, block: number, severity: 'high' | 'critical') =>
  makeAlert(
    {
      detector: 'monitor/incident',
      title: `${incident} at ${block}`,
      severity,
      confidence: 0.9,
      tags: ['incident'],
      subject: { kind: 'address', chainId: 1, address: `0x${'a'.repeat(40)}` },
      explanation: 'e',
      evidence: { incidentId: incident, blockNumber: block },
    },
    { chainId: 1, blockNumber: block, blockHash: hash(block) },
  );

describe.each(storeBackends())('$name store: alerts, incidents and the webhook outbox', (b) => {
  afterAll(() => b.cleanup());

  it.skipIf(!b.available)('persists alerts and retractions across a reopen, beside the stream store in the same file', async () => {
    const f = await b.location();
    const stream = await b.open(f);
    const s = await b.open(f);
    await stream.commitBlock('s', { number: 1n, hash: hash(1) as Hex, parentHash: hash(0) as Hex }, [], 10);
    expect(await s.saveAlert(alert(1))).toBe(true);
    expect(await s.saveAlert(alert(1))).toBe(false);
    expect(await s.saveAlert(alert(3))).toBe(true);
    expect(await s.saveAlert(alert(2))).toBe(true);
    const r = await s.retractAlert(alert(2).id, 'reorg', new Date(0));
    expect(r).toMatchObject({ changed: true, alert: { retractReason: 'reorg', retractedAt: '1970-01-01T00:00:00.000Z' } });
    expect((await s.retractAlert(alert(2).id, 'other'))?.changed).toBe(false);
    expect(await s.retractAlert('nope', 'x')).toBeNull();
    await s.close();
    await stream.close();

    const again = await b.open(f);
    const streamAgain = await b.open(f);
    expect(await streamAgain.getCheckpoint('s')).toEqual({ number: 1n, hash: hash(1) });
    expect(await again.getAlert(alert(1).id)).toEqual({ ...alert(1), finding: { ...alert(1).finding, evidence: { big: (2n ** 70n).toString() } } });
    expect((await again.alerts()).map((a) => a.finding.title)).toEqual(['t1', 't3']);
    expect((await again.alerts({ includeRetracted: true })).map((a) => a.finding.title)).toEqual(['t1', 't2', 't3']);
    expect((await again.alerts({ fromBlock: 2, includeRetracted: true, limit: 1 })).map((a) => a.finding.title)).toEqual(['t2']);
    expect((await again.alerts({ blockHash: hash(3).toUpperCase().replace('0X', '0x') })).map((a) => a.finding.title)).toEqual(['t3']);
    expect(await again.alerts({ chainId: 2 })).toEqual([]);
    await again.close();
    await streamAgain.close();
  });

  it.skipIf(!b.available)('outbox: unique per endpoint and key, FIFO per endpoint, retry/dead/delivered states, pruning', async () => {
    const s = await b.open(await b.location());
    expect(await s.enqueueDelivery('a', 'k1', '{}', 1000)).toBe(true);
    expect(await s.enqueueDelivery('a', 'k2', '{}', 1000)).toBe(true);
    expect(await s.enqueueDelivery('a', 'k1', '{"x":1}', 1000)).toBe(false);
    expect(await s.enqueueDelivery('b', 'k1', '{}', 1000)).toBe(true);
    const head = (await s.nextDelivery('a'))!;
    expect(head).toMatchObject({ key: 'k1', attempts: 0, status: 'pending', nextAttemptAt: 1000 });
    await s.markRetry(head.seq, 'ECONNREFUSED', 5000);
    expect(await s.nextDelivery('a')).toMatchObject({ key: 'k1', attempts: 1, lastError: 'ECONNREFUSED', nextAttemptAt: 5000 });
    await s.markDead(head.seq, 'HTTP 400');
    expect((await s.nextDelivery('a'))?.key).toBe('k2');
    await s.markDelivered((await s.nextDelivery('a'))!.seq, 2000);
    expect(await s.nextDelivery('a')).toBeNull();
    expect(await s.pendingCount('a')).toBe(0);
    expect(await s.pendingCount('b')).toBe(1);
    expect((await s.deliveries('a')).map((d) => d.status)).toEqual(['dead', 'delivered']);
    expect(await s.enqueueDelivery('a', 'k2', '{}')).toBe(false);
    expect(await s.pruneDelivered(3000)).toBe(1);
    await s.close();
  });
  const incidentRows = async (f: string) => {
    const rows = await b.query<{ id: string; severity: string; data: string }>(f, 'SELECT i.id, i.severity, a.data FROM incidents i JOIN alerts a ON a.seq = i.alert_seq ORDER BY i.alert_seq DESC');
    return rows.map((r) => ({ id: r.id, severity: r.severity, title: (JSON.parse(r.data) as StoredAlert).finding.title }));
  };

  it.skipIf(!b.available)('incidents: each points at its newest live alert; a retraction falls back to the state before', async () => {
    const f = await b.location();
    const s = await b.open(f);
    await s.saveAlert(incidentAlert('incident-1', 10, 'high'));
    await s.saveAlert(alert(11));
    await s.saveAlert(incidentAlert('incident-2', 12, 'high'));
    const grown = incidentAlert('incident-1', 14, 'critical');
    await s.saveAlert(grown);
    expect(await s.saveAlert(grown)).toBe(false);
    expect(await incidentRows(f)).toEqual([
      { id: 'incident-1', severity: 'critical', title: 'incident-1 at 14' },
      { id: 'incident-2', severity: 'high', title: 'incident-2 at 12' },
    ]);
    await s.retractAlert(grown.id, 'reorg');
    expect((await incidentRows(f))[1]).toEqual({ id: 'incident-1', severity: 'high', title: 'incident-1 at 10' });
    await s.retractAlert(incidentAlert('incident-2', 12, 'high').id, 'reorg');
    expect((await incidentRows(f)).map((r) => r.id)).toEqual(['incident-1']);
    await s.close();
  });

});

describe('SqliteStore: alerts, incidents and the webhook outbox', () => {
  const dirs: string[] = [];
  const file = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-alerts-'));
    dirs.push(dir);
    return path.join(dir, 'argus.db');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const incidentRows = (f: string) => {
    const db = new Database(f, { readonly: true });
    const rows = db.prepare('SELECT i.id, i.severity, a.data FROM incidents i JOIN alerts a ON a.seq = i.alert_seq ORDER BY i.alert_seq DESC').all() as { id: string; severity: string; data: string }[];
    db.close();
    return rows.map((r) => ({ id: r.id, severity: r.severity, title: (JSON.parse(r.data) as StoredAlert).finding.title }));
  };

  it('a store from before the incidents table gets it built from its stored alerts on open', async () => {
    const f = file();
    const s = new SqliteStore(f);
    await s.saveAlert(incidentAlert('incident-1', 10, 'high'));
    await s.saveAlert(incidentAlert('incident-1', 14, 'critical'));
    await s.saveAlert(incidentAlert('incident-2', 12, 'high'));
    await s.retractAlert(incidentAlert('incident-2', 12, 'high').id, 'reorg');
    await s.close();
    // What such a store looked like: no incident column, no index, no table (and no schema version table).
    const db = new Database(f);
    db.exec('DROP INDEX alerts_by_incident; DROP TABLE incidents; ALTER TABLE alerts DROP COLUMN incident_id; DROP TABLE schema_version');
    db.close();
    const reopened = new SqliteStore(f);
    expect(incidentRows(f)).toEqual([{ id: 'incident-1', severity: 'critical', title: 'incident-1 at 14' }]);
    await reopened.saveAlert(incidentAlert('incident-3', 20, 'high'));
    expect(incidentRows(f).map((r) => r.id)).toEqual(['incident-3', 'incident-1']);
    await reopened.close();
  });
});
