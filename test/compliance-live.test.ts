/**
 * Compliance in the running monitor, on the devnet: a Watcher follows the chain with the ComplianceLive
 * hook. (1) A counterparty pays one of "your" wallets; then a new version of a sanctions list that names
 * it is written to the file the monitor polls: the list-change alert goes out live, with the amount and
 * "predates the listing", and the engine screens the address from then on (its next payment raises the
 * sanctioned-counterparty alert). (2) Two followed protocols change hands: the spot-priced lender's owner
 * key hands it to the 2-of-3 multisig, and the multisig pauses the role token: each privileged event makes
 * the hook re-assess, and the moved score is raised as an alert with its reasons.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEther, type Address } from 'viem';
import type { Alert } from '../src/core/alert.js';
import { sendLocal } from '../src/governance/tx.js';
import { rpc } from '../src/chain/rpc/json-rpc.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { MonitorEngine } from '../src/monitor/engine.js';
import { AlertDispatcher } from '../src/monitor/sinks/dispatcher.js';
import type { AlertSink } from '../src/monitor/sinks/sink.js';
import { Watcher } from '../src/monitor/watch.js';
import { ComplianceLive } from '../src/monitor/compliance-live.js';
import { buildProtocolWorld, type ProtocolWorld } from '../eval/protocol-world.js';

let world: ProtocolWorld;
let watcher: Watcher;
let running: Promise<void>;
let live: ComplianceLive;
let store: SqliteStore;
const alerts: Alert[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'argus-live-'));
const listFile = path.join(dir, 'sdn-update.csv');

const sink: AlertSink = { name: 'memory', send: async (a) => void alerts.push(a), retract: async () => undefined, close: async () => undefined };
const until = async (what: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(watcher.stats, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))} ${JSON.stringify(alerts.map((a) => [a.finding.detector, a.finding.subject, a.finding.explanation]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  world = await buildProtocolWorld({ changes: false });
  store = new SqliteStore(path.join(dir, 'argus.db'));
  const engine = new MonitorEngine({ chainId: 31337, rpcUrl: world.url, only: ['sanctioned-counterparty', 'privileged-change'] });
  const dispatcher = new AlertDispatcher({ sinks: [sink], store });
  const spot = world.cases.find((c) => c.name.startsWith('Lender priced by spot'))?.address as Address;
  const roleToken = world.cases.find((c) => c.name.startsWith('Role token'))?.address as Address;
  live = new ComplianceLive({ chainId: 31337, dispatcher, engine, rpcUrl: world.url, protocols: [spot, roleToken], own: new Set([(world.accounts[4] as string).toLowerCase()]) });
  await live.start();
  writeFileSync(listFile, 'address,name\n');
  const head = BigInt(await rpc<string>(world.url, 'eth_blockNumber'));
  watcher = new Watcher({ engine, dispatcher, chainId: 31337, rpcUrls: [world.url], store, streamId: 'live-test', fromBlock: head + 1n, pollingIntervalMs: 100, onBlock: (b, f) => void live.onBlock(b, f).catch((e: unknown) => console.error("LIVE", e)) });
  running = watcher.run();
}, 120_000);

afterAll(async () => {
  await watcher?.stop();
  await running?.catch(() => undefined);
  await store?.close();
  await world?.devnet.stop();
});

describe('compliance live in the monitor', () => {
  it('raises the list-change alert live when the polled list names a past counterparty, then screens it', async () => {
    const [, , , , own, , , , , stranger] = world.accounts as Address[];
    await sendLocal(world.url, { from: stranger as Address, to: own as Address, value: parseEther('3') });
    const head = BigInt(await rpc<string>(world.url, 'eth_blockNumber'));
    await until(() => (watcher.checkpoint?.number ?? 0n) >= head);
    await new Promise((r) => setTimeout(r, 300));
    const applied = new Promise<void>((resolve) => {
      const stop = live.watchListFile(listFile, { intervalMs: 100, onApplied: () => (stop(), resolve()) });
    });
    await new Promise((r) => setTimeout(r, 250));
    writeFileSync(listFile, `address,name,date_added\n${(stranger as string).toLowerCase()},NEW DESIGNEE,${tomorrow}\n`);
    await applied;
    const listing = alerts.find((a) => a.finding.detector === 'compliance/newly-listed-counterparty');
    expect(listing).toBeDefined();
    expect(listing?.finding.explanation).toMatch(/3 ETH before the listing, which predates it/u);
    expect((listing?.finding.evidence as { beforeListing: Record<string, string> }).beforeListing.ETH).toBe(parseEther('3').toString());
    // From now on the engine screens it: its next payment is a sanctioned-counterparty alert.
    await sendLocal(world.url, { from: stranger as Address, to: own as Address, value: parseEther('1') });
    await until(() => alerts.some((a) => a.finding.detector.endsWith('sanctioned-counterparty')));
  }, 60_000);

  it('re-scores a followed protocol when a privileged event changes who controls it', async () => {
    const spot = world.cases.find((c) => c.name.startsWith('Lender priced by spot'))?.address as Address;
    const roleToken = world.cases.find((c) => c.name.startsWith('Role token'))?.address as Address;
    const before = live.scores.get(spot.toLowerCase())?.score;
    await world.call(spot, 'SpotPriceLender', 'transferOwnership', [world.safe]);
    await until(() => alerts.some((a) => a.finding.detector === 'protocol/risk-changed' && a.finding.subject.kind === 'address' && a.finding.subject.address === spot.toLowerCase()));
    const moved = alerts.find((a) => a.finding.detector === 'protocol/risk-changed' && a.finding.subject.kind === 'address' && a.finding.subject.address === spot.toLowerCase());
    expect(moved?.finding.explanation).toMatch(/OwnershipTransferred/u);
    expect(moved?.finding.explanation).toMatch(/2-of-3 multisig/u);
    expect(live.scores.get(spot.toLowerCase())?.score.points).not.toBe(before?.points);
    await world.viaSafe(roleToken, 'PausableRoleToken', 'pause');
    await until(() => alerts.some((a) => a.finding.detector === 'protocol/risk-changed' && a.finding.subject.kind === 'address' && a.finding.subject.address === roleToken.toLowerCase()));
    expect(live.scores.get(roleToken.toLowerCase())?.pause.paused).toBe(true);
    expect(alerts.find((a) => a.finding.detector === 'protocol/risk-changed' && a.finding.subject.kind === 'address' && a.finding.subject.address === roleToken.toLowerCase())?.finding.explanation).toMatch(/paused: false → true/u);
  }, 60_000);
});
