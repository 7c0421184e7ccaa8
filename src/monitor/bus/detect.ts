/**
 * `argus detect`: a detect worker. Workers share the blocks of each chain through partitions: partition
 * k of P owns the transactions whose sender falls in it (`partitionOf`), so every sender's baselines and
 * incidents have one owner, and the detectors' work is split P ways. (Each partition's chain history still
 * learns from every transaction of the chain, so what a detector reads of other addresses, their age,
 * balances and contracts, is the whole chain's, as in `argus watch`.)
 *
 * - Ownership: a worker holds partitions through leases (`Leases`, a JetStream key-value bucket) and
 *   renews them; live workers announce themselves there too, and each holds about its share
 *   (ceil(partitions / workers)): a new worker takes free partitions, an existing one releases its extra
 *   ones between blocks, a dead one's leases expire and are taken over.
 * - State handed over through the store: each partition's engine state (incremental,
 *   `MonitorStateStore`) is saved after every batch of blocks (up to `BATCH`), before they are acknowledged, under the stream id
 *   `detect:<chain>:p<k>of<P>`; a new owner restores it and goes on with the first unacknowledged block.
 * - Exactly once: a block is acknowledged only after its alerts are stored (idempotent by their
 *   deterministic ids) and published, and the state saved; a block redelivered after a crash is either
 *   skipped (the state already covers it) or processed again from the state before it, raising alerts
 *   with the same ids, which the store and the bus keep once.
 * - Reorgs: a retraction message drops the blocks' findings from the engine and retracts their alerts
 *   (in the store and on the bus), and the state goes back to the ancestor.
 */
import { randomBytes } from 'node:crypto';
import type { JsMsg } from 'nats';
import type { Logger } from '../../core/logger.js';
import type { Finding } from '../../core/finding.js';
import type { Alert } from '../../core/alert.js';
import { makeAlert } from '../../core/alert-id.js';
import type { Store } from '../../store/store.js';
import { MonitorEngine, type MonitorEngineOptions } from '../engine.js';
import { MonitorStateStore } from '../state-store.js';
import { StaleEngineStateError } from '../../store/engine-fence.js';
import { AlertDispatcher } from '../sinks/dispatcher.js';
import type { AlertSink } from '../sinks/sink.js';
import { BusAlertSink } from './alert-sink.js';
import { ensurePartitionConsumer, Leases, type Bus } from './nats.js';
import { BLOCK_STREAM, decodeMessage, partitionOf, type BusMessage } from './messages.js';

export interface DetectOptions {
  bus: Bus;
  store: Store;
  chainIds: readonly number[];
  /** Partitions per chain (every worker of a deployment must use the same number). Default 4. */
  partitions?: number;
  /** The engine's options for a chain (known-good, sanctions, RPC for chain reads); `owns` is set here. */
  engine: (chainId: number) => Omit<MonitorEngineOptions, 'owns' | 'chainId'>;
  workerId?: string;
  /**
   * Workers expected: each holds at most ceil(partitions / max(live workers, this)), so that workers started
   * together take their share at once instead of the first taking every partition and handing most over
   * (a reload each). Partitions beyond the live workers' shares wait for the others. Default 1.
   */
  minWorkers?: number;
  /** Lease time: a dead worker's partitions are taken over after at most this. Default 4 s. */
  leaseTtlMs?: number;
  /** A block not acknowledged within this is delivered again. Default 10 s. */
  ackWaitMs?: number;
  /** Also publish the alerts on the bus (default true). */
  publishAlerts?: boolean;
  extraSinks?: AlertSink[];
  logger?: Logger;
  onAlert?: (alert: Alert, info: { sent: boolean; latencyMs: number; partition: number }) => void;
  onBlock?: (info: { chainId: number; partition: number; blockNumber: bigint; findings: readonly Finding[]; skipped: boolean }) => void;
  onPartition?: (event: 'taken' | 'released' | 'lost', chainId: number, partition: number) => void;
}

/**
 * Where a worker's wall time goes (ms), for `bench:scale`'s profile: waiting for blocks (fetch), decoding
 * them, the detectors (detect), storing and publishing alerts (alerts), saving the state (save), and the
 * acknowledgements (ack).
 */
export interface DetectProfile {
  /** Epoch ms of the first block detected and of the last acknowledgement (the worker's busy window). */
  firstBlockAt: number | null;
  lastAckAt: number | null;
  /** The process's CPU time (ms, user + system) at those two moments. */
  cpuAtFirstMs: number | null;
  cpuAtLastAckMs: number | null;
  fetchMs: number;
  decodeMs: number;
  detectMs: number;
  alertMs: number;
  saveMs: number;
  ackMs: number;
}

export interface DetectStats {
  blocks: number;
  skipped: number;
  transactions: number;
  alerts: number;
  duplicates: number;
  retractions: number;
}

interface Task {
  chainId: number;
  partition: number;
  key: string;
  active: boolean;
  /** Its loop ended (after `active` went false): the lease may go. */
  finished: boolean;
  done: Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** `p`, or a rejection after `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
/** A partition's batch gives the event loop a turn at least this often (ms). */
const YIELD_EVERY_MS = 20;
/** Blocks fetched, processed and acknowledged together (two batches in flight: the partition consumer's max_ack_pending is twice this). */
export const BATCH = 128;

export class DetectWorker {
  readonly id: string;
  readonly stats: DetectStats = { blocks: 0, skipped: 0, transactions: 0, alerts: 0, duplicates: 0, retractions: 0 };
  readonly profile: DetectProfile = { firstBlockAt: null, lastAckAt: null, cpuAtFirstMs: null, cpuAtLastAckMs: null, fetchMs: 0, decodeMs: 0, detectMs: 0, alertMs: 0, saveMs: 0, ackMs: 0 };
  private readonly options: DetectOptions;
  private readonly partitions: number;
  private readonly leaseTtlMs: number;
  private readonly ackWaitMs: number;
  private readonly dispatcher: AlertDispatcher;
  private readonly states: MonitorStateStore;
  private readonly tasks = new Map<string, Task>();
  private leases: Leases | undefined;
  private stopping = false;
  private running: Promise<void> | undefined;
  private failure: Error | undefined;

  constructor(options: DetectOptions) {
    this.options = options;
    this.id = options.workerId ?? `w-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.partitions = Math.max(1, Math.floor(options.partitions ?? 4));
    this.leaseTtlMs = options.leaseTtlMs ?? 4_000;
    this.ackWaitMs = options.ackWaitMs ?? 10_000;
    const sinks: AlertSink[] = [...(options.publishAlerts === false ? [] : [new BusAlertSink(options.bus)]), ...(options.extraSinks ?? [])];
    this.dispatcher = new AlertDispatcher({ sinks, store: options.store, ...(options.logger ? { logger: options.logger } : {}) });
    this.states = new MonitorStateStore(options.store, { incremental: true, fenced: true });
  }

  /** The partitions held now, as `chain:partition`. */
  held(): string[] {
    return [...this.tasks.values()].filter((t) => t.active).map((t) => `${t.chainId}:${t.partition}`);
  }

  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** Finishes the blocks in hand, saves, hands the partitions back and leaves. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    this.leases = await Leases.open(this.options.bus, this.leaseTtlMs);
    const all = this.options.chainIds.flatMap((chainId) => Array.from({ length: this.partitions }, (_, partition) => ({ chainId, partition })));
    for (const { chainId, partition } of all) await ensurePartitionConsumer(this.options.bus, chainId, partition, this.ackWaitMs, 2 * BATCH);
    // Start the scan at a place of its own, so that workers starting together do not all race for partition 0.
    const offset = Number.parseInt(this.id.replace(/[^0-9a-f]/g, '').slice(-6) || '0', 16) % all.length;
    const tick = Math.max(100, Math.floor(this.leases.ttlMs / 3));
    const leases = this.leases;
    // Renewals run on a timer of their own, never behind a partition's batch or a rebalancing step: a
    // lease that expired because its renewal waited would hand the partition to another worker, and the
    // partitions would move from worker to worker, each move a reload of the state.
    let renewing = false;
    const renewer = setInterval(() => {
      if (renewing) return;
      renewing = true;
      void this.renewAll(leases).finally(() => {
        renewing = false;
      });
    }, tick);
    let members = 1;
    try {
      await leases.heartbeat(this.id).catch(() => undefined);
      while (!this.stopping && !this.failure) {
        // Bounded: the client's key listing can wait forever for a key that expired while it was listed.
        members = Math.max(1, this.options.minWorkers ?? 1, (await withTimeout(leases.members(), Math.max(1_000, 2 * tick)).catch(() => null))?.length ?? members);
        const target = Math.ceil(all.length / members);
        const active = [...this.tasks.values()].filter((t) => t.active);
        if (active.length > target) {
          // Hand the extra partitions over: each stops after its batch in hand, then its lease goes.
          for (const t of active.slice(target)) t.active = false;
        } else if (active.length < target) {
          for (let i = 0; i < all.length && this.activeCount() < target; i++) {
            const { chainId, partition } = all[(offset + i) % all.length]!;
            const key = `${chainId}.${partition}`;
            if (this.tasks.has(key)) continue;
            if (await leases.take(key, this.id)) this.start(chainId, partition, key);
          }
        }
        await this.reap();
        await sleep(tick);
      }
    } finally {
      for (const t of this.tasks.values()) t.active = false;
      await Promise.all([...this.tasks.values()].map((t) => t.done));
      clearInterval(renewer);
      await this.reap();
      await leases.leave(this.id);
      await this.dispatcher.close();
    }
    if (this.failure) throw this.failure;
  }

  /**
   * The worker's heartbeat, and every lease of a partition still running, also one handing over (it is
   * finishing its batch: its lease must not expire before that). A lease found taken by another is lost.
   */
  private async renewAll(leases: Leases): Promise<void> {
    await leases.heartbeat(this.id).catch(() => undefined);
    for (const t of this.tasks.values()) {
      if (t.finished) continue;
      if (!(await leases.renew(t.key, this.id)) && t.active) {
        t.active = false;
        this.options.onPartition?.('lost', t.chainId, t.partition);
      }
    }
  }

  private activeCount(): number {
    return [...this.tasks.values()].filter((t) => t.active).length;
  }

  /** Forgets tasks whose loop ended and releases their leases (only then: never two owners). Does not wait. */
  private async reap(): Promise<void> {
    for (const [key, t] of this.tasks) {
      if (t.active || !t.finished) continue;
      this.tasks.delete(key);
      await this.leases?.release(key);
      this.options.onPartition?.('released', t.chainId, t.partition);
    }
  }

  private start(chainId: number, partition: number, key: string): void {
    const task: Task = { chainId, partition, key, active: true, finished: false, done: Promise.resolve() };
    task.done = this.runPartition(task)
      .catch((error: unknown) => {
        task.active = false;
        this.options.logger?.error(`partition ${key} failed: ${(error as Error).message}`);
        this.failure ??= error as Error;
      })
      .finally(() => {
        task.finished = true;
      });
    this.tasks.set(key, task);
    this.options.onPartition?.('taken', chainId, partition);
  }

  private async runPartition(task: Task): Promise<void> {
    const { chainId, partition } = task;
    const P = this.partitions;
    const streamId = `detect:${chainId}:p${partition}of${P}`;
    const fresh = () => new MonitorEngine({ ...this.options.engine(chainId), chainId, owns: (tx) => partitionOf(tx.from, P) === partition, retainFindings: 'window' });
    /** The engine as the store has it (waits for the store when it is down). */
    const load = async (): Promise<{ engine: MonitorEngine; saved: bigint | null }> => {
      for (;;) {
        const engine = fresh();
        try {
          return { engine, saved: await this.states.restoreEngine(streamId, engine) };
        } catch (error) {
          if (!task.active) throw error;
          this.options.logger?.warn(`loading the state of ${streamId} failed: ${(error as Error).message}; retrying`);
          await sleep(500);
        }
      }
    };
    let { engine, saved } = await load();
    const consumer = await this.options.bus.js.consumers.get(BLOCK_STREAM, `detect-${chainId}-p${partition}`);
    /**
     * The batch before this one, its state being written: resolves true once written and acknowledged,
     * false when the write failed (its blocks were then given back, to be delivered again).
     */
    let previous: Promise<boolean> | undefined;
    const settle = (batch: JsMsg[], working: NodeJS.Timeout, write: Promise<void>): Promise<boolean> =>
      write.then(
        async () => {
          clearInterval(working);
          // Acknowledged (the last one confirmed) only once its alerts and the state after it are stored.
          const t0 = performance.now();
          for (const m of batch.slice(0, -1)) m.ack();
          await batch[batch.length - 1]!.ackAck().catch((error: unknown) => this.options.logger?.warn(`ack on ${streamId} failed: ${(error as Error).message}`));
          this.profile.ackMs += performance.now() - t0;
          this.profile.lastAckAt = Date.now();
          this.profile.cpuAtLastAckMs = cpuMs();
          return true;
        },
        (error: unknown) => {
          clearInterval(working);
          this.options.logger?.warn(`saving the state of ${streamId} failed: ${(error as Error).message}; its blocks will be delivered again`);
          for (const m of batch) m.nak(500);
          if (error instanceof StaleEngineStateError && task.active) {
            // Another worker owns the partition now (this one's lease lapsed while it was busy): leave it.
            task.active = false;
            this.options.onPartition?.('lost', chainId, partition);
          }
          return false;
        },
      );
    try {
      while (task.active) {
        // A batch of blocks in stream order: processed one by one, the state saved once after the last, then
        // every block of the batch acknowledged. A crash before the save redelivers the whole batch, which
        // is then processed again from the state before it (alert ids are the same; the store keeps them once).
        // Pipelined: the next batch is fetched and processed while this one's state is written (the consumer
        // lets two batches be in flight); its own save starts only after this one is written, in order.
        const batch: JsMsg[] = [];
        let t0 = performance.now();
        try {
          const messages = await consumer.fetch({ max_messages: BATCH, expires: 1_000 });
          for await (const m of messages) batch.push(m);
        } catch (error) {
          // NATS restarting: the client reconnects; try again shortly.
          this.options.logger?.warn(`fetch on ${streamId} failed: ${(error as Error).message}`);
          await sleep(250);
          continue;
        }
        this.profile.fetchMs += performance.now() - t0;
        if (batch.length === 0) continue;
        if (!task.active) {
          for (const m of batch) m.nak();
          break;
        }
        // Long batches (chain reads over RPC) keep their delivery: tell JetStream the work goes on.
        const working = setInterval(() => {
          for (const m of batch) m.working();
        }, Math.max(500, this.ackWaitMs / 3));
        let at: { n: bigint; hash: string } | null = null;
        let failed: unknown;
        let lastYield = performance.now();
        try {
          for (const m of batch) {
            t0 = performance.now();
            const msg = decodeMessage<BusMessage>(m.data);
            this.profile.decodeMs += performance.now() - t0;
            const r = await this.handle(task, engine, saved, msg);
            if (r) at = r;
            // Detection resolves through promises alone: without a turn of the event loop now and then, a
            // batch would hold it for its whole length, and lease renewals, acknowledgements and the other
            // partitions' fetches and saves would wait (a lease could expire under a busy worker).
            if (performance.now() - lastYield > YIELD_EVERY_MS) {
              await new Promise<void>((r) => setImmediate(r));
              lastYield = performance.now();
            }
          }
        } catch (error) {
          failed = error;
        }
        // The batch before must be written first (the incremental save writes what changed since it).
        t0 = performance.now();
        const before = previous ? await previous : true;
        previous = undefined;
        this.profile.saveMs += performance.now() - t0;
        if (failed !== undefined || !before) {
          // The store (or the bus) failed mid-batch, or the batch before could not be saved: the engine may
          // hold part of it, so it is reloaded from the store, and the batch comes again.
          if (failed !== undefined) this.options.logger?.warn(`a batch on ${streamId} failed: ${(failed as Error).message}; it will be delivered again`);
          clearInterval(working);
          for (const m of batch) m.nak(500);
          ({ engine, saved } = await load());
          continue;
        }
        // The snapshot is taken now, synchronously; the next batch may change the engine while it is written.
        const write = at ? this.states.saveParts(streamId, engine, at.n, at.hash) : Promise.resolve();
        if (at) saved = at.n;
        previous = settle(batch, working, write);
      }
    } finally {
      if (previous) await previous;
    }
  }

  /** Processes one message; returns the block the state is to be saved at (null: a block already covered). */
  private async handle(task: Task, engine: MonitorEngine, saved: bigint | null, msg: BusMessage): Promise<{ n: bigint; hash: string } | null> {
    const { chainId, partition } = task;
    if (msg.type === 'retract') {
      engine.dropBlocks(msg.dropped.map((d) => d.number));
      for (const d of msg.dropped) this.stats.retractions += (await this.dispatcher.retractBlock(chainId, d.hash)).length;
      return { n: msg.ancestor.number, hash: msg.ancestor.hash };
    }
    const n = msg.block.block.number;
    if (saved !== null && n <= saved) {
      this.stats.skipped++;
      this.options.onBlock?.({ chainId, partition, blockNumber: n, findings: [], skipped: true });
      return null;
    }
    if (this.profile.firstBlockAt === null) {
      this.profile.firstBlockAt = Date.now();
      this.profile.cpuAtFirstMs = cpuMs();
    }
    let t0 = performance.now();
    const raised = await engine.processBlock(msg.block);
    const findings = [...raised, ...engine.escalations(raised)];
    this.profile.detectMs += performance.now() - t0;
    t0 = performance.now();
    for (const f of findings) {
      const alert = makeAlert(f, { chainId, blockNumber: n, blockHash: msg.block.block.hash ?? '' });
      const r = await this.dispatcher.raise(alert);
      if (r.sent) this.stats.alerts++;
      else this.stats.duplicates++;
      this.options.onAlert?.(alert, { sent: r.sent, latencyMs: Date.now() - msg.arrivedAt, partition });
    }
    this.profile.alertMs += performance.now() - t0;
    this.stats.blocks++;
    this.stats.transactions += msg.block.transactions.length;
    this.options.onBlock?.({ chainId, partition, blockNumber: n, findings, skipped: false });
    return { n, hash: msg.block.block.hash ?? '' };
  }
}
