/**
 * `argus serve --bus`: the alerts the detect workers publish on `argus.alerts.<chainId>` (alerts and
 * retractions, `AlertEvent`s), fed to the server's live stream and to the alert sinks.
 *
 * - Live stream: every server gets every event, from an ordered (ephemeral) consumer that starts at the
 *   events published after the server started; when NATS restarts, it starts again after the last event it
 *   saw, so nothing in the stream is skipped or shown twice. A dashboard that was away reloads the store.
 * - Sinks (webhook subscriptions made through the API, a `--webhook`): one server of a deployment at a time
 *   feeds them, the holder of the `sinks` lease (the detect workers' lease bucket), so two servers never
 *   drain the same webhook queue. It reads a durable consumer (`argus-sinks`): an event is acknowledged only
 *   after every sink took it, i.e. after it is in each sink's outbox queue in the store, keyed by the alert
 *   id (`<id>:retraction` for a retraction). An event delivered again (a server killed before its
 *   acknowledgement, a lease handed over) finds its key queued already and is not queued twice: each sink
 *   gets each alert once, and receivers see the same `Idempotency-Key` on every attempt of it. A server that
 *   was down catches up from the consumer when it is back.
 */
import { randomBytes } from 'node:crypto';
import { AckPolicy, DeliverPolicy, nanos, type JsMsg } from 'nats';
import type { AlertEvent } from '../../core/alert.js';
import type { Logger } from '../../core/logger.js';
import type { AlertSink } from '../sinks/sink.js';
import { Leases, type Bus } from './nats.js';
import { ALERT_STREAM, decodeMessage } from './messages.js';

export const SINKS_CONSUMER = 'argus-sinks';
const SINKS_LEASE = 'sinks';
const ALL_ALERTS = 'argus.alerts.>';
/** Deliveries of one event the sinks refused before it is dropped (with an error logged). */
const MAX_REDELIVERIES = 50;

export interface AlertFeedOptions {
  bus: Bus;
  /** Gets every event (the live stream). */
  live?: AlertSink;
  /** Made when this server takes the sinks lease, closed when it gives it up. */
  sinks?: () => AlertSink[];
  /** Lease time of the sinks: a dead server's sinks are taken over after at most this (default 4 s). */
  leaseTtlMs?: number;
  /** An event not acknowledged within this is delivered again (default 30 s). */
  ackWaitMs?: number;
  logger?: Logger;
  /** After an event reached the live stream, or every sink. */
  onEvent?: (event: AlertEvent, to: 'live' | 'sinks') => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const keyOf = (e: AlertEvent) => (e.type === 'alert' ? e.alert.id : `${e.retraction.alertId}:retraction`);

export class AlertFeed {
  readonly id = `serve-${process.pid}-${randomBytes(3).toString('hex')}`;
  readonly stats = { live: 0, sinks: 0, redelivered: 0 };
  private readonly options: AlertFeedOptions;
  private stopping = false;
  private holdsSinks = false;
  private readonly loops: Promise<void>[] = [];

  constructor(options: AlertFeedOptions) {
    this.options = options;
  }

  /** True while this server feeds the sinks. */
  get feedsSinks(): boolean {
    return this.holdsSinks;
  }

  /** Starts the loops (the live one at once: it takes the events published from now). */
  async start(): Promise<void> {
    if (this.options.live) {
      const info = await this.options.bus.jsm.streams.info(ALERT_STREAM);
      this.loops.push(this.liveLoop(info.state.last_seq));
    }
    if (this.options.sinks) this.loops.push(this.sinksLoop(this.options.sinks));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
  }

  /** The live stream: an ordered consumer from after `lastSeq`, made again after `lastSeq` when it fails. */
  private async liveLoop(lastSeq: number): Promise<void> {
    const live = this.options.live!;
    while (!this.stopping) {
      try {
        const consumer = await this.options.bus.js.consumers.get(ALERT_STREAM, { filterSubjects: ALL_ALERTS, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastSeq + 1 });
        while (!this.stopping) {
          const batch = await consumer.fetch({ max_messages: 256, expires: 1_000 });
          for await (const m of batch) {
            if (m.seq <= lastSeq) continue;
            lastSeq = m.seq;
            const event = decodeMessage<AlertEvent>(m.data);
            await (event.type === 'alert' ? live.send(event.alert) : live.retract(event.retraction));
            this.stats.live++;
            this.options.onEvent?.(event, 'live');
          }
        }
      } catch (error) {
        if (this.stopping) break;
        this.options.logger?.warn(`live alert feed: ${(error as Error).message}; reading again after event ${lastSeq}`);
        await sleep(500);
      }
    }
  }

  /** Takes the sinks lease when it is free, feeds the sinks while it holds it, gives them up when it loses it. */
  private async sinksLoop(make: () => AlertSink[]): Promise<void> {
    const ttl = this.options.leaseTtlMs ?? 4_000;
    let leases: Leases | undefined;
    while (!this.stopping && !leases) {
      try {
        leases = await Leases.open(this.options.bus, ttl);
        await this.ensureSinksConsumer();
      } catch (error) {
        leases = undefined;
        this.options.logger?.warn(`alert sinks: the bus is not ready (${(error as Error).message}); retrying`);
        await sleep(500);
      }
    }
    if (!leases) return;
    const held = leases;
    const renewEvery = Math.max(100, held.ttlMs / 3);
    while (!this.stopping) {
      if (!(await held.take(SINKS_LEASE, this.id))) {
        await sleep(renewEvery);
        continue;
      }
      this.holdsSinks = true;
      const sinks = make();
      let lost = false;
      const renewing = (async () => {
        while (!this.stopping && !lost) {
          await sleep(renewEvery);
          if (!this.stopping && !(await held.renew(SINKS_LEASE, this.id))) lost = true;
        }
      })();
      try {
        await this.feedSinks(sinks, () => this.stopping || lost);
      } finally {
        lost = true;
        await renewing;
        this.holdsSinks = false;
        await Promise.allSettled(sinks.map((s) => s.close()));
        await held.release(SINKS_LEASE);
      }
    }
  }

  private async ensureSinksConsumer(): Promise<void> {
    try {
      await this.options.bus.jsm.consumers.info(ALERT_STREAM, SINKS_CONSUMER);
    } catch {
      try {
        // From the events published from now on, the first time; after that the consumer remembers where it is.
        await this.options.bus.jsm.consumers.add(ALERT_STREAM, {
          durable_name: SINKS_CONSUMER,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.New,
          filter_subject: ALL_ALERTS,
          ack_wait: nanos(this.options.ackWaitMs ?? 30_000),
          max_ack_pending: 1024,
          max_deliver: -1,
        });
      } catch (error) {
        if (!/already in use|exists/i.test((error as Error).message)) throw error;
      }
    }
  }

  /** Events in stream order to every sink; each acknowledged once all of them took it. */
  private async feedSinks(sinks: AlertSink[], done: () => boolean): Promise<void> {
    while (!done()) {
      const batch: JsMsg[] = [];
      try {
        const consumer = await this.options.bus.js.consumers.get(ALERT_STREAM, SINKS_CONSUMER);
        const messages = await consumer.fetch({ max_messages: 128, expires: 1_000 });
        for await (const m of messages) batch.push(m);
      } catch (error) {
        this.options.logger?.warn(`alert sinks: fetching failed: ${(error as Error).message}`);
        await sleep(250);
        continue;
      }
      for (let i = 0; i < batch.length; i++) {
        const m = batch[i]!;
        if (done()) {
          for (const rest of batch.slice(i)) rest.nak();
          break;
        }
        const event = decodeMessage<AlertEvent>(m.data);
        if (m.info.redelivered) this.stats.redelivered++;
        if (m.info.redeliveryCount > MAX_REDELIVERIES) {
          // Refused that often, the event itself is at fault (a body over a sink's limit), not an outage: it must not hold the rest back.
          this.options.logger?.error(`alert sinks: ${keyOf(event)} given up after ${m.info.redeliveryCount} deliveries`);
          m.term();
          continue;
        }
        const results = await Promise.allSettled(sinks.map((s) => (event.type === 'alert' ? s.send(event.alert) : s.retract(event.retraction))));
        const failed = results.flatMap((r, k) => (r.status === 'rejected' ? [`${sinks[k]!.name}: ${(r.reason as Error)?.message ?? String(r.reason)}`] : []));
        if (failed.length > 0) {
          // The outbox unwritable (the store restarting): this event and the rest of the batch come again, in order.
          this.options.logger?.warn(`alert sinks: ${keyOf(event)} not taken (${failed.join('; ')}); it will be delivered again`);
          for (const rest of batch.slice(i)) rest.nak(1_000);
          await sleep(500);
          break;
        }
        await m.ackAck().catch((error: unknown) => this.options.logger?.warn(`alert sinks: ack of ${keyOf(event)} failed: ${(error as Error).message}`));
        this.stats.sinks++;
        this.options.onEvent?.(event, 'sinks');
      }
    }
  }
}
