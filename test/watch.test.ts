/**
 * `argus watch` end to end through the built CLI: its own devnet with the scenario mix running, alerts as
 * JSON lines on stdout and in a JSONL file, stored in SQLite; SIGTERM stops it cleanly (exit 0, the node
 * process gone). A second run on the same store and JSONL file repeats no alert id.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDevnet } from '../src/chain/devnet/index.js';
import { simulate } from '../src/chain/scenarios/index.js';
import type { Alert, AlertEvent } from '../src/core/alert.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { CLI, ROOT, processAlive, tempDir } from './cli-helpers.js';

const dir = tempDir('argus-watch-');
const storeFile = path.join(dir, 'argus.db');
const jsonlFile = path.join(dir, 'alerts.jsonl');
const children: ReturnType<typeof spawn>[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

interface WatchRun {
  alerts: Alert[];
  code: number | null;
  nodePid: number;
  stderr: string;
}

/** Runs `argus watch` until `enough` alerts of the wanted detectors came out on stdout, then SIGTERM. */
async function watchUntil(enough: (alerts: Alert[]) => boolean, limitMs: number): Promise<WatchRun> {
  const child = spawn(process.execPath, [CLI, 'watch', '--seed', '1', '--json', '--store', storeFile, '--jsonl', jsonlFile], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  let out = '';
  const alerts: Alert[] = [];
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no expected alert within ${limitMs} ms; stderr:\n${stderr}`)), limitMs);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        const event = JSON.parse(line) as AlertEvent;
        if (event.type === 'alert') alerts.push(event.alert);
      }
      if (enough(alerts)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`argus watch exited early (${code}): ${stderr}`));
    });
  });
  const pid = Number(/node pid (\d+)/.exec(stderr)?.[1]);
  child.kill('SIGTERM');
  const code = await exited;
  return { alerts, code, nodePid: pid, stderr };
}

const EXPECTED = new Set(['monitor/flash-price-manipulation', 'monitor/liquidity-pull', 'monitor/approval-phishing', 'monitor/exploit-contract', 'monitor/hidden-mint', 'monitor/honeypot', 'monitor/sanctioned-counterparty', 'monitor/address-poisoning', 'monitor/large-transfer', 'monitor/wash-trading']);

function jsonlAlertIds(): string[] {
  return readFileSync(jsonlFile, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as AlertEvent)
    .flatMap((e) => (e.type === 'alert' ? [e.alert.id] : []));
}

describe('argus watch (built CLI)', () => {
  it('refuses a webhook without ARGUS_WEBHOOK_SECRET, before starting anything', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.ARGUS_WEBHOOK_SECRET;
    const started = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'watch', '--webhook', 'https://example.com/hook', '--store', path.join(dir, 'refused.db')], { cwd: ROOT, env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ARGUS_WEBHOOK_SECRET');
    expect(Date.now() - started).toBeLessThan(10_000);
    // A loopback webhook is refused unless allowed.
    const loop = spawnSync(process.execPath, [CLI, 'watch', '--webhook', 'http://127.0.0.1:9/hook', '--store', path.join(dir, 'refused.db')], { cwd: ROOT, env: { ...env, ARGUS_WEBHOOK_SECRET: 'test-secret' }, encoding: 'utf8', timeout: 20_000 });
    expect(loop.status).toBe(2);
    expect(loop.stderr).toContain('loopback');
    // So is a --known-good list with something that is not an address in it.
    const list = path.join(dir, 'known-good.txt');
    writeFileSync(list, '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D # router\nnot-an-address\n');
    const bad = spawnSync(process.execPath, [CLI, 'watch', '--known-good', list, '--store', path.join(dir, 'refused.db')], { cwd: ROOT, env, encoding: 'utf8', timeout: 20_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--known-good: 'not-an-address' is not an address");
  });

  let first: WatchRun;
  it('raises well-formed alerts from the scenario mix and stops cleanly on SIGTERM', async () => {
    first = await watchUntil((alerts) => alerts.filter((a) => EXPECTED.has(a.finding.detector)).length >= 3, 40_000);
    expect(first.code).toBe(0);
    expect(first.nodePid).toBeGreaterThan(0);
    expect(processAlive(first.nodePid)).toBe(false);
    expect(first.stderr).toMatch(/SIGTERM: \d+ blocks/);
    const a = first.alerts.find((x) => EXPECTED.has(x.finding.detector)) as Alert;
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.chainId).toBe(31337);
    expect(a.blockHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(a.blockNumber).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(a.createdAt))).toBe(false);
    expect(['critical', 'high', 'medium', 'low', 'info']).toContain(a.finding.severity);
    expect(a.finding.confidence).toBeGreaterThan(0);
    expect(a.finding.explanation.length).toBeGreaterThan(10);
    // Every alert printed is in the JSONL file (stdout may lag the file by what was in flight at SIGTERM).
    const ids = jsonlAlertIds();
    for (const x of first.alerts) expect(ids).toContain(x.id);
    // …and in the store.
    const store = new SqliteStore(storeFile);
    try {
      const stored = await store.alerts({ includeRetracted: true, limit: 100_000 });
      expect(new Set(stored.map((s) => s.id))).toEqual(new Set(ids));
    } finally {
      await store.close();
    }
  }, 50_000);

  it('a second run on the same store repeats no alert id', async () => {
    expect(first).toBeDefined();
    const before = jsonlAlertIds().length;
    const second = await watchUntil((alerts) => alerts.length >= 2, 40_000);
    expect(second.code).toBe(0);
    expect(processAlive(second.nodePid)).toBe(false);
    const ids = jsonlAlertIds();
    expect(ids.length).toBeGreaterThan(before);
    expect(new Set(ids).size).toBe(ids.length);
  }, 50_000);
});

describe('argus watch --rpc (built CLI)', () => {
  it('resumes from the checkpoint and the saved monitor state: a replay split in two raises each alert once, the same as one run', async () => {
    const devnet = await startDevnet({ port: 0 });
    try {
      const sim = await simulate(devnet.describe(), { seed: 'watch-rpc', mode: 'mixed', scenarios: ['soft-rug', 'approval-phishing', 'treasury-drain'], wallets: 8, backgroundBefore: 10, backgroundBetween: [1, 2], backgroundAfter: 3 });
      const head = sim.blocks[1];
      const mid = sim.attacks[1]?.blockRange[0] ?? Math.floor(head / 2); // between the first and second attack
      const store = path.join(dir, 'rpc.db');
      const jsonl = path.join(dir, 'rpc.jsonl');
      const args = ['watch', '--rpc', devnet.rpcUrl, '--json', '--store', store, '--jsonl', jsonl];
      const env = { ...process.env, NO_COLOR: '1' };
      const run = (extra: string[], to = args) => spawnSync(process.execPath, [CLI, ...to, ...extra], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
      const parse = (stdout: string) =>
        stdout
          .split('\n')
          .filter((l) => l.length > 0)
          .map((l) => JSON.parse(l) as AlertEvent)
          .flatMap((e) => (e.type === 'alert' ? [e.alert] : []));
      const a = run(['--from', '0', '--to', String(mid), '--state-every', '7']);
      expect(a.status, a.stderr).toBe(0);
      // No --from: resumes after the checkpoint. The state was saved every 7 blocks, so the stream is
      // rewound to the saved block and replays the rest (already-stored alerts are not sent again).
      const b = run(['--to', String(head)]);
      expect(b.status, b.stderr).toBe(0);
      const first = parse(a.stdout);
      const second = parse(b.stdout);
      expect(first.length).toBeGreaterThan(0);
      expect(second.length).toBeGreaterThan(0);
      expect(first.every((x) => x.blockNumber <= mid)).toBe(true);
      expect(second.every((x) => x.blockNumber > mid)).toBe(true);
      const ids = readFileSync(jsonl, 'utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => (JSON.parse(l) as AlertEvent & { type: 'alert' }).alert.id);
      expect(ids).toEqual([...first, ...second].map((x) => x.id));
      expect(new Set(ids).size).toBe(ids.length);
      // Related alerts were joined and the incident went out as an alert of its own, with its stages.
      const incidents = [...first, ...second].filter((x) => x.finding.detector === 'monitor/incident');
      expect(incidents.length).toBeGreaterThan(0);
      expect(incidents.some((x) => x.finding.tags.includes('stage:exploitation'))).toBe(true);
      // A third run has nothing left to do.
      const c = run(['--to', String(head)]);
      expect(c.status, c.stderr).toBe(0);
      expect(parse(c.stdout)).toEqual([]);
      expect(b.stderr).toMatch(/resumed with the monitor state saved at block \d+/);
      // The same alerts as one uninterrupted run on a fresh store (the engine's history was restored).
      const whole = run(['--from', '0', '--to', String(head)], ['watch', '--rpc', devnet.rpcUrl, '--json', '--store', path.join(dir, 'whole.db')]);
      expect(whole.status, whole.stderr).toBe(0);
      expect(parse(whole.stdout).map((x) => x.id)).toEqual(ids);
    } finally {
      await devnet.stop();
    }
  }, 60_000);
});
