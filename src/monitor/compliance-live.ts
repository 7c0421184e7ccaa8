/**
 * Compliance in the running monitor, beside the detectors:
 * - list updates: a new version of a sanctions list (a file the monitor polls, or one handed in) is diffed
 *   against the lists held, every transfer the compliance ledger stored and every transfer the monitor has
 *   seen since it started is re-screened (compliance's `rescreenTransfers`), the alerts go out through the
 *   monitor's dispatcher at once, and the newly listed addresses are screened from the next transaction on;
 * - protocol risk: for the protocols it is told to follow, a privileged event in a block (an upgrade, an
 *   ownership or role change, a pause, a timelock delay or multisig threshold change), or a privileged-change
 *   finding about one of them, makes it assess the protocol again (`assessProtocol`); a score that moved
 *   is raised as an alert with the old and new score and the reasons.
 * Hook it in with `Watcher`'s `onBlock` (see `onBlock` below); nothing here reads blocks of its own.
 */
import { statSync, unwatchFile, watchFile } from 'node:fs';
import type { Hex } from 'viem';
import type { Finding, Severity } from '../core/finding.js';
import type { CheckpointStore } from '../store/store.js';
import type { StreamBlock } from '../chain/stream/block-stream.js';
import {
  diffList,
  historyFromSnapshots,
  bundledSnapshots,
  ledgerTransfers,
  rescreenTransfers,
  snapshotFromFile,
  toDay,
  transfersOfBlock,
  type ListChange,
  type Snapshot,
  type TransferRecord,
} from '../compliance/index.js';
import { assessProtocol, decodePrivileged, protocolSettings, type AssessOptions, type PrivilegedChange, type ProtocolReport } from '../protocol/index.js';
import type { MonitorEngine } from './engine.js';
import type { AlertDispatcher } from './sinks/dispatcher.js';
import { dispatchFindings } from './watch.js';

export interface ComplianceLiveOptions {
  chainId: number;
  dispatcher: AlertDispatcher;
  /** The engine whose sanctions screening learns newly listed addresses. */
  engine?: MonitorEngine;
  /** The compliance ledger (`argus compliance sync`), re-screened with what the monitor saw. */
  ledger?: CheckpointStore;
  /** List versions held beyond the bundled ones (the store's `compliance update` history). */
  snapshots?: Snapshot[];
  /** Your addresses: only transfers with them are reported. Empty: every transfer. */
  own?: ReadonlySet<string>;
  /** Protocols whose risk is followed, and how to assess one (default: `assessProtocol` over `rpcUrl`). */
  protocols?: readonly string[];
  rpcUrl?: string;
  assess?: (address: string) => Promise<ProtocolReport>;
  assessOptions?: AssessOptions;
  /** At most this many transfers seen live are kept for re-screening (oldest dropped first). */
  keepTransfers?: number;
}

export interface ProtocolScoreChange {
  address: string;
  before: ProtocolReport | undefined;
  after: ProtocolReport;
  trigger: PrivilegedChange[];
}

const LEVEL_SEVERITY: Record<string, Severity> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical', unknown: 'medium' };

export class ComplianceLive {
  private readonly options: ComplianceLiveOptions;
  private snapshots: Snapshot[];
  private readonly seen: TransferRecord[] = [];
  readonly scores = new Map<string, ProtocolReport>();
  private readonly followed: Set<string>;
  private polled: string | undefined;

  constructor(options: ComplianceLiveOptions) {
    this.options = options;
    this.snapshots = [...(options.snapshots ?? [])];
    this.followed = new Set((options.protocols ?? []).map((p) => p.toLowerCase()));
  }

  private assess(address: string): Promise<ProtocolReport> {
    if (this.options.assess) return this.options.assess(address);
    if (!this.options.rpcUrl) throw new Error('following protocol risk needs an RPC URL');
    return assessProtocol(this.options.rpcUrl, address, this.options.assessOptions);
  }

  /** Scores every followed protocol once, as the base later changes are measured against. */
  async start(): Promise<void> {
    for (const p of this.followed) this.scores.set(p, await this.assess(p));
  }

  /**
   * After each processed block (Watcher's `onBlock`): keeps its transfers for re-screening, and re-scores
   * followed protocols that a privileged event or finding touched. Returns the alerts' findings it raised.
   */
  async onBlock(b: StreamBlock, findings: readonly Finding[] = []): Promise<Finding[]> {
    this.seen.push(...transfersOfBlock(this.options.chainId, b));
    const keep = this.options.keepTransfers ?? 1_000_000;
    if (this.seen.length > keep) this.seen.splice(0, this.seen.length - keep);
    if (this.followed.size === 0) return [];
    const touched = new Map<string, PrivilegedChange[]>();
    for (const r of b.receipts) {
      if (r.status !== 'success') continue;
      for (const log of r.logs) {
        const c = decodePrivileged({ address: log.address, topics: log.topics as Hex[], data: log.data, blockNumber: log.blockNumber ?? b.block.number, transactionHash: log.transactionHash ?? r.transactionHash });
        if (!c) continue;
        // The protocol itself, or a contract that controls it (its timelock, multisig, beacon, proxy admin).
        for (const p of this.followed) if (c.contract === p || this.controls(p, c.contract)) touched.set(p, [...(touched.get(p) ?? []), c]);
      }
    }
    for (const f of findings) {
      const contract = String((f.evidence as Record<string, unknown> | undefined)?.contract ?? '').toLowerCase();
      if (f.detector.endsWith('privileged-change') && this.followed.has(contract) && !touched.has(contract)) touched.set(contract, []);
    }
    const raised: Finding[] = [];
    for (const [address, trigger] of touched) {
      const change = await this.rescore(address, trigger);
      if (change) raised.push(scoreChangeFinding(this.options.chainId, change));
    }
    if (raised.length) await dispatchFindings(this.options.dispatcher, raised, { chainId: this.options.chainId, blockNumber: b.block.number, blockHash: b.block.hash, arrivedAt: performance.now() });
    return raised;
  }

  private controls(protocol: string, contract: string): boolean {
    const r = this.scores.get(protocol);
    if (!r) return false;
    const addresses = [r.upgradeability.beacon, r.upgradeability.upgrader?.address, r.owner?.address, ...r.roles.flatMap((x) => x.holders.map((h) => h.address))];
    return addresses.includes(contract);
  }

  /** Assesses again; the change when the level, the points or a setting (owner, pause state, ...) moved. */
  async rescore(address: string, trigger: PrivilegedChange[] = []): Promise<ProtocolScoreChange | undefined> {
    const before = this.scores.get(address);
    const after = await this.assess(address);
    this.scores.set(address, after);
    const same = (x: ProtocolReport) => JSON.stringify([x.score.level, x.score.points, protocolSettings(x)]);
    if (before && same(before) === same(after)) return undefined;
    return { address, before, after, trigger };
  }

  /**
   * Takes a new version of a list: what changed, the alerts for stored and seen transfers with newly listed
   * addresses (dispatched now), and the engine screens the new addresses from here on.
   */
  async applyList(next: Snapshot, where: { blockNumber: bigint; blockHash: string } = { blockNumber: 0n, blockHash: '0x' }): Promise<{ change: ListChange; findings: Finding[] }> {
    const previous = [...bundledSnapshots(), ...this.snapshots];
    const change = diffList(historyFromSnapshots(previous), previous, next);
    const updated = historyFromSnapshots([...previous, next]);
    const stored = this.options.ledger ? await ledgerTransfers(this.options.ledger, this.options.chainId) : [];
    const keys = new Set(stored.map((r) => `${r.tx}:${r.index}`));
    const records = [...stored, ...this.seen.filter((r) => !keys.has(`${r.tx}:${r.index}`))];
    const findings = rescreenTransfers(change, records, { ...(this.options.own ? { own: this.options.own } : {}), listedOn: (a) => updated.listingsOf(a)[0]?.listed.on ?? updated.listingsOf(a)[0]?.listed.by });
    this.snapshots.push(next);
    this.options.engine?.addSanctioned(change.added.map((a) => ({ address: a.address, label: `${next.source}${a.name ? `: ${a.name}` : ''}` })));
    if (findings.length) await dispatchFindings(this.options.dispatcher, findings, { chainId: this.options.chainId, ...where, arrivedAt: performance.now() });
    return { change, findings };
  }

  /**
   * Polls `file` (every `intervalMs`); each time it changes, it is read as a new version of its list dated
   * the day it changed, and applied. Returns a function that stops the polling. A file that cannot be read
   * is reported through `onError` and left for the next change; the monitor goes on.
   */
  watchListFile(file: string, options: { intervalMs?: number; onApplied?: (r: { change: ListChange; findings: Finding[] }) => void; onError?: (error: Error) => void } = {}): () => void {
    const fingerprint = () => {
      try {
        const s = statSync(file);
        return `${s.mtimeMs}:${s.size}`;
      } catch {
        return undefined;
      }
    };
    this.polled = fingerprint();
    let busy = Promise.resolve();
    const check = () => {
      const now = fingerprint();
      if (now === undefined || now === this.polled) return;
      this.polled = now;
      busy = busy.then(async () => {
        try {
          const r = await this.applyList(snapshotFromFile(file, toDay(new Date())));
          options.onApplied?.(r);
        } catch (error) {
          options.onError?.(error as Error);
        }
      });
    };
    watchFile(file, { interval: options.intervalMs ?? 1000 }, check);
    return () => unwatchFile(file, check);
  }
}

export function scoreChangeFinding(chainId: number, c: ProtocolScoreChange): Finding {
  const a = c.after.score;
  const b = c.before?.score;
  const settings = protocolSettings(c.after);
  const was = c.before ? protocolSettings(c.before) : {};
  const moved = Object.entries(settings).filter(([k, v]) => was[k] !== undefined && was[k] !== v).map(([k, v]) => `${k}: ${was[k]} → ${v}`);
  const added = a.reasons.filter((x) => !b?.reasons.some((y) => y.reason === x.reason)).map((x) => x.reason);
  return {
    detector: 'protocol/risk-changed',
    title: `Protocol risk now ${a.level} (${a.points}/100)${b ? `, was ${b.level} (${b.points}/100)` : ''}`,
    severity: LEVEL_SEVERITY[a.level] ?? 'medium',
    confidence: 0.9,
    tags: ['protocol', 'compliance', `risk:${a.level}`],
    subject: { kind: 'address', chainId, address: c.address, role: 'protocol' },
    explanation: `${c.trigger.length ? `${c.trigger.map((t) => `${t.event} on ${t.contract} (tx ${t.tx})`).join('; ')} changed who controls ${c.address}. ` : ''}${moved.length ? `Changed: ${moved.join('; ')}. ` : ''}Risk ${b ? `went from ${b.level} ${b.points} to` : 'is'} ${a.level} ${a.points}/100.${added.length ? ` New: ${added.join(' ')}` : ''}`,
    evidence: { before: b ? { level: b.level, points: b.points } : null, changed: moved, after: { level: a.level, points: a.points }, reasons: a.reasons, trigger: c.trigger, block: c.after.block },
    recommendation: 'Check the change was the team\'s; review exposure to the protocol at its new risk.',
  };
}
