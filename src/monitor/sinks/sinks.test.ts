import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import { SqliteStore } from '../../store/sqlite.js';
import { type Alert, type AlertEvent, type Retraction } from '../../core/alert.js';
import { alertId, makeAlert } from '../../core/alert-id.js';
import { AlertDispatcher } from './dispatcher.js';
import { JsonlSink } from './jsonl.js';
import { LiveSink } from './live.js';
import type { AlertSink } from './sink.js';
import { StdoutSink } from './stdout.js';
import { StoreSink } from './store-sink.js';

const TX = `0x${'cd'.repeat(32)}`;
const BLOCK = `0x${'ab'.repeat(32)}`;
const finding = (n: number, extra: Partial<Finding> = {}): Finding => ({
  detector: 'monitor/liquidity-pull',
  title: `Liquidity pulled ${n}`,
  severity: 'critical',
  confidence: 0.95,
  tags: ['stage:exploitation'],
  subject: { kind: 'transaction', chainId: 1, hash: `${TX.slice(0, -2)}${n.toString(16).padStart(2, '0')}`, blockNumber: 10 + n },
  explanation: 'The owner removed most of the pool.',
  evidence: { amount: 10n ** 18n * BigInt(n + 1) },
  ...extra,
});
const alert = (n: number, blockHash = BLOCK): Alert => makeAlert(finding(n), { chainId: 1, blockNumber: BigInt(10 + n), blockHash });

class MemorySink implements AlertSink {
  readonly name = 'memory';
  readonly events: AlertEvent[] = [];
  closed = false;
  async send(alert: Alert) {
    this.events.push({ type: 'alert', alert });
  }
  async retract(retraction: Retraction) {
    this.events.push({ type: 'retraction', retraction });
  }
  async close() {
    this.closed = true;
  }
}

describe('alert ids', () => {
  it('are deterministic: same detector, subject, chain, block and tx give the same id whatever the time or hash case', () => {
    const a = makeAlert(finding(1), { chainId: 1, blockNumber: 11, blockHash: BLOCK, createdAt: new Date(0) });
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.txHash).toBe((finding(1).subject as { hash: string }).hash);
    expect(alertId('monitor/liquidity-pull', finding(1).subject, 1, { blockHash: BLOCK, txHash: a.txHash })).toBe(a.id);
    expect(makeAlert({ ...finding(1), title: 'reworded', evidence: {} }, { chainId: 1, blockNumber: 11n, blockHash: BLOCK }).id).toBe(a.id);
    expect(makeAlert(finding(1), { chainId: 1, blockNumber: 11, blockHash: `0x${'ee'.repeat(32)}` }).id).not.toBe(a.id);
    expect(makeAlert(finding(1), { chainId: 5, blockNumber: 11, blockHash: BLOCK }).id).not.toBe(a.id);
    expect(makeAlert({ ...finding(1), detector: 'monitor/other' }, { chainId: 1, blockNumber: 11, blockHash: BLOCK }).id).not.toBe(a.id);
    expect(makeAlert(finding(1), { chainId: 1, blockNumber: 11, blockHash: BLOCK.toUpperCase().replace('0X', '0x') }).id).toBe(a.id);
  });
});

describe('sinks', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'argus-sinks-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('JSONL: appends one event per line, bigints as strings, and keeps earlier lines across reopen', async () => {
    const file = path.join(dir(), 'alerts.jsonl');
    const s1 = new JsonlSink(file);
    await s1.send(alert(1));
    await s1.send(alert(2));
    await s1.close();
    const s2 = new JsonlSink(file);
    await s2.retract({ alertId: alert(1).id, reason: 'reorg', retractedAt: '2026-01-01T00:00:00.000Z' });
    await s2.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const events = lines.map((l) => JSON.parse(l) as AlertEvent);
    expect(events.map((e) => e.type)).toEqual(['alert', 'alert', 'retraction']);
    expect(events[0]).toMatchObject({ alert: { id: alert(1).id, finding: { evidence: { amount: '2000000000000000000' } } } });
    expect(events[2]).toEqual({ type: 'retraction', retraction: { alertId: alert(1).id, reason: 'reorg', retractedAt: '2026-01-01T00:00:00.000Z' } });
    await expect(s2.send(alert(3))).rejects.toMatchObject({ code: 'ARGUS_SINK' });
  });

  it('JSONL: an event already among the last lines is not appended again after a restart; a torn last line is ended', async () => {
    const file = path.join(dir(), 'alerts.jsonl');
    const s1 = new JsonlSink(file);
    await s1.send(alert(1));
    await s1.send(alert(2));
    await s1.close();
    const s2 = new JsonlSink(file);
    await s2.send(alert(2)); // re-sent by a replay after a crash
    await s2.send(alert(3));
    await s2.close();
    appendFileSync(file, '{"type":"alert","al'); // a write cut short by a kill
    const s3 = new JsonlSink(file);
    await s3.send(alert(3));
    await s3.send(alert(4));
    await s3.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[3]).toBe('{"type":"alert","al');
    const ids = lines.flatMap((l) => (l.startsWith('{"type":"alert","alert"') ? [(JSON.parse(l) as AlertEvent & { type: 'alert' }).alert.id] : []));
    expect(ids).toEqual([alert(1).id, alert(2).id, alert(3).id, alert(4).id]);
  });

  it('dispatcher: an alert stored by a process killed before its sinks had it is sent again on replay, then never', async () => {
    const file = path.join(dir(), 'argus.db');
    const crashed = new SqliteStore(file);
    expect(await crashed.saveAlert(alert(1))).toBe(true); // …and the process died before the fan-out
    expect(await crashed.isDispatched(alert(1).id)).toBe(false);
    await crashed.close();
    const store = new SqliteStore(file);
    const mem = new MemorySink();
    const d = new AlertDispatcher({ store, sinks: [mem] });
    expect((await d.raise(alert(1))).sent).toBe(true);
    expect(await store.isDispatched(alert(1).id)).toBe(true);
    expect((await d.raise(alert(1))).sent).toBe(false);
    expect(mem.events.map((e) => e.type === 'alert' && e.alert.id)).toEqual([alert(1).id]);
    await store.close();
  });

  it('stdout: one readable line per alert, colours only when asked (TTY)', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const plain = new StdoutSink({ stream: out });
    await plain.send(alert(1));
    await plain.retract({ alertId: alert(1).id, reason: 'reorg: block dropped', retractedAt: '2026-01-01T00:00:00.000Z', alert: alert(1) });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('CRITICAL');
    expect(lines[0]).toContain('Liquidity pulled 1');
    expect(lines[0]).toContain('chain 1 block 11 tx 0xcdcdcd');
    expect(lines[0]).toContain(alert(1).id);
    expect(lines[1]).toMatch(/RETRACTED Liquidity pulled 1 .*reorg: block dropped/);
    expect(text).not.toContain('\u001b[');
    text = '';
    await new StdoutSink({ stream: out, color: true }).send(alert(1));
    expect(text).toContain('\u001b[');
  });

  it('live: subscribers receive events in order; a slow one keeps the newest bufferSize events; close ends iterators', async () => {
    const live = new LiveSink();
    const fast = live.subscribe();
    const slow = live.subscribe({ bufferSize: 2 });
    const seen: string[] = [];
    const consumer = (async () => {
      for await (const e of fast) seen.push(e.type === 'alert' ? e.alert.id : `-${e.retraction.alertId}`);
    })();
    for (let i = 0; i < 4; i++) await live.send(alert(i));
    await live.retract({ alertId: alert(0).id, reason: 'r', retractedAt: new Date().toISOString() });
    await live.close();
    await consumer;
    expect(seen).toEqual([...[0, 1, 2, 3].map((i) => alert(i).id), `-${alert(0).id}`]);
    const rest: AlertEvent[] = [];
    for await (const e of slow) rest.push(e);
    expect(slow.dropped).toBe(3);
    expect(rest.map((e) => e.type)).toEqual(['alert', 'retraction']);
  });

  it('dispatcher: persists first, drops duplicates (also after a restart), fans out, retracts once', async () => {
    const file = path.join(dir(), 'argus.db');
    const store = new SqliteStore(file);
    const mem = new MemorySink();
    const failing: AlertSink = { name: 'broken', send: async () => Promise.reject(new Error('boom')), retract: async () => {}, close: async () => {} };
    const d = new AlertDispatcher({ store, sinks: [mem, failing] });
    const r1 = await d.raise(alert(1));
    expect(r1.sent).toBe(true);
    expect(r1.errors.map((e) => e.sink)).toEqual(['broken']);
    expect((await d.raise(alert(1))).sent).toBe(false);
    await d.raise(alert(2));
    await d.raise(alert(3, `0x${'ee'.repeat(32)}`));
    expect(mem.events).toHaveLength(3);

    const retraction = await d.retract(alert(2).id, 'reorg: tx dropped');
    expect(retraction).toMatchObject({ alertId: alert(2).id, reason: 'reorg: tx dropped', alert: { id: alert(2).id } });
    expect(await d.retract(alert(2).id, 'again')).toBeNull();
    expect(await d.retract('unknown', 'x')).toBeNull();
    expect(await d.retractBlock(1, `0x${'EE'.repeat(32)}`)).toEqual([alert(3, `0x${'ee'.repeat(32)}`).id]);
    expect(mem.events.map((e) => e.type)).toEqual(['alert', 'alert', 'alert', 'retraction', 'retraction']);
    await d.close();
    expect(mem.closed).toBe(true);
    await store.close();

    const again = new SqliteStore(file);
    const mem2 = new MemorySink();
    const d2 = new AlertDispatcher({ store: again, sinks: [mem2, new StoreSink(again)] });
    expect((await d2.raise(alert(1))).sent).toBe(false);
    expect((await d2.raise(alert(4))).sent).toBe(true);
    expect(mem2.events).toHaveLength(1);
    expect((await again.getAlert(alert(2).id))?.retractReason).toBe('reorg: tx dropped');
    expect((await again.alerts()).map((a) => a.id)).toEqual([alert(1).id, alert(4).id]);
    await again.close();
  });

  it('dispatcher without a store: recent ids dedupe in memory', async () => {
    const mem = new MemorySink();
    const d = new AlertDispatcher({ sinks: [mem], recentIds: 2 });
    await d.raise(alert(1));
    await d.raise(alert(1));
    await d.raise(alert(2));
    expect(mem.events).toHaveLength(2);
    expect(await d.retract(alert(1).id, 'r')).not.toBeNull();
    expect(await d.retract(alert(1).id, 'r')).toBeNull();
  });
});
