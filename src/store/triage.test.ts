import { afterAll, describe, expect, it } from 'vitest';
import { makeAlert } from '../core/alert-id.js';
import type { Severity } from '../core/finding.js';
import { storeBackends } from '../../test/store-backends.js';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const alert = (n: number, severity: Severity = 'medium', title = `t${n}`) =>
  makeAlert(
    {
      detector: 'monitor/test',
      title,
      severity,
      confidence: 0.5,
      tags: [],
      subject: { kind: 'address', chainId: 1, address: `0x${n.toString(16).padStart(40, '0')}` },
      explanation: 'e',
      evidence: {},
    },
    { chainId: 1, blockNumber: n, blockHash: hash(n), createdAt: new Date(1_700_000_000_000 + n) },
  );

describe.each(storeBackends())('$name store: triage of alerts and incidents', (b) => {
  afterAll(() => b.cleanup());
  const run = b.available ? it : it.skip;

  run('keeps status, assignee and notes across a reopen, with who and when for every change and none for a repeat', async () => {
    const f = await b.location();
    const store = await b.open(f);
    const a = alert(1);
    await store.saveAlert(a);
    expect((await store.triageOf('alert', [a.id])).size).toBe(0); // never triaged: open, nothing stored
    const t0 = new Date('2026-01-01T00:00:00Z');
    await store.applyTriage('alert', [a.id], { status: 'acknowledged', assignee: 'ana' }, 'ana (key:1)', t0);
    await store.applyTriage('alert', [a.id], { status: 'acknowledged' }, 'bob (key:2)', new Date('2026-01-01T00:01:00Z')); // no change
    await store.applyTriage('alert', [a.id], { note: 'looking at the router', status: 'resolved' }, 'bob (key:2)', new Date('2026-01-01T00:02:00Z'));
    await store.close();

    const again = await b.open(f);
    const state = (await again.triageOf('alert', [a.id], new Date('2026-01-02T00:00:00Z'))).get(a.id);
    expect(state).toEqual({ status: 'resolved', assignee: 'ana', mutedUntil: null, updatedAt: '2026-01-01T00:02:00.000Z', updatedBy: 'bob (key:2)', notes: 1 });
    const history = await again.triageHistory('alert', a.id);
    expect(history.map((e) => [e.action, e.previous, e.value, e.actor, e.at])).toEqual([
      ['status', 'open', 'acknowledged', 'ana (key:1)', '2026-01-01T00:00:00.000Z'],
      ['assignee', null, 'ana', 'ana (key:1)', '2026-01-01T00:00:00.000Z'],
      ['status', 'acknowledged', 'resolved', 'bob (key:2)', '2026-01-01T00:02:00.000Z'],
      ['note', null, 'looking at the router', 'bob (key:2)', '2026-01-01T00:02:00.000Z'],
    ]);
    await again.close();
  });

  run('filters pages and counts by status, a snooze reading open again once it ends', async () => {
    const store = await b.open(await b.location());
    const alerts = [alert(1, 'high', 'Router drained'), alert(2, 'low'), alert(3, 'high'), alert(4, 'critical')];
    for (const a of alerts) await store.saveAlert(a);
    const [a1, a2, a3, a4] = alerts.map((a) => a.id) as [string, string, string, string];
    await store.applyTriage('alert', [a1, a2], { status: 'resolved' }, 'x');
    const soon = new Date(Date.now() + 60 * 60_000).toISOString();
    await store.applyTriage('alert', [a3], { status: 'muted', mutedUntil: soon }, 'x');
    await store.applyTriage('alert', [a4], { status: 'muted', mutedUntil: '2020-01-01T00:00:00.000Z' }, 'x'); // already over

    const ids = async (status: 'open' | 'resolved' | 'muted' | 'acknowledged') => (await store.alertPageJson({ status, limit: 10 })).ids;
    expect(await ids('resolved')).toEqual([a2, a1]);
    expect(await ids('muted')).toEqual([a3]);
    expect(await ids('open')).toEqual([a4]);
    expect(await ids('acknowledged')).toEqual([]);
    expect((await store.triageOf('alert', [a4])).get(a4)?.status).toBe('open');

    const counts = await store.alertCounts({});
    expect(counts).toEqual({ total: 4, bySeverity: { critical: 1, high: 2, medium: 0, low: 1, info: 0 }, byStatus: { open: 1, acknowledged: 0, resolved: 2, muted: 1 } });
    const high = await store.alertCounts({ severity: 'high' });
    expect(high.total).toBe(2);
    expect(high.byStatus).toEqual({ open: 0, acknowledged: 0, resolved: 1, muted: 1 });
    const resolved = await store.alertCounts({ status: 'resolved' });
    expect(resolved.total).toBe(2);
    expect(resolved.bySeverity).toEqual({ critical: 0, high: 1, medium: 0, low: 1, info: 0 });
    // Search on the server: every word, case-insensitive, over the stored alert.
    expect((await store.alertPageJson({ words: ['ROUTER', 'drained'], limit: 10 })).ids).toEqual([a1]);
    expect((await store.alertCounts({ words: ['router'] })).total).toBe(1);
    await store.close();
  });
});
