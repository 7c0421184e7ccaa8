import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hex } from 'viem';
import { makeAlert } from '../monitor/sinks/alert.js';
import { SqliteAlertStore } from './alerts.js';
import { SqliteStore } from './sqlite.js';

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

describe('SqliteAlertStore', () => {
  const dirs: string[] = [];
  const file = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-alerts-'));
    dirs.push(dir);
    return path.join(dir, 'argus.db');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('persists alerts and retractions across a reopen, beside the stream store in the same file', async () => {
    const f = file();
    const stream = new SqliteStore(f);
    const s = new SqliteAlertStore(f);
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

    const again = new SqliteAlertStore(f);
    const streamAgain = new SqliteStore(f);
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

  it('outbox: unique per endpoint and key, FIFO per endpoint, retry/dead/delivered states, pruning', async () => {
    const s = new SqliteAlertStore(file());
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
});
