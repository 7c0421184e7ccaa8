/**
 * The bus on NATS JetStream, through the maintained `nats` client: the connection (reconnecting for as
 * long as it takes, so a restarted NATS server is waited for), the two streams (blocks, alerts) and the
 * durable consumers of the detect partitions, and partition leases in a JetStream key-value bucket.
 *
 * Streams are file-backed, so a NATS restart loses nothing acknowledged. A partition's consumer has
 * explicit acks and at most two batches in flight (one fetcher, in stream order): blocks a worker did not
 * acknowledge before dying are delivered again (after `ackWaitMs`), in order, to the partition's next owner.
 */
import { AckPolicy, connect, DeliverPolicy, nanos, RetentionPolicy, StorageType, StringCodec, type JetStreamClient, type JetStreamManager, type KV, type NatsConnection } from 'nats';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { ALERT_STREAM, BLOCK_STREAM } from './messages.js';

export interface Bus {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  close(): Promise<void>;
}

/** Duplicate window of the streams: a block or alert published twice within it is stored once. */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** Connects to `url` (nats://…) and makes sure the streams exist. */
export async function connectBus(url: string, options: { name?: string; timeoutMs?: number } = {}): Promise<Bus> {
  if (!/^(nats|tls):\/\//.test(url)) throw new ArgusError(ERROR_CODES.USAGE, `--bus: '${url}' is not a nats:// URL`);
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: url, name: options.name ?? 'argus', maxReconnectAttempts: -1, reconnectTimeWait: 250, timeout: options.timeoutMs ?? 10_000, waitOnFirstConnect: true });
  } catch (error) {
    throw new ArgusError(ERROR_CODES.STREAM, `cannot connect to the bus at ${url}: ${(error as Error).message}`, { url }, { cause: error });
  }
  const jsm = await nc.jetstreamManager({ timeout: 10_000 });
  for (const [name, subjects] of [
    [BLOCK_STREAM, ['argus.blocks.>']],
    [ALERT_STREAM, ['argus.alerts.>']],
  ] as const) {
    const config = { name, subjects: [...subjects], storage: StorageType.File, retention: RetentionPolicy.Limits, duplicate_window: nanos(DUPLICATE_WINDOW_MS), max_age: nanos(7 * 24 * 3600_000) };
    try {
      await jsm.streams.info(name);
    } catch {
      try {
        await jsm.streams.add(config);
      } catch (error) {
        // Another process made it meanwhile.
        if (!/already in use|exists/i.test((error as Error).message)) throw error;
      }
    }
  }
  return {
    nc,
    js: nc.jetstream({ timeout: 10_000 }),
    jsm,
    close: async () => {
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
}

export const consumerName = (chainId: number, partition: number) => `detect-${chainId}-p${partition}`;

/** The durable consumer of one partition (created when missing). */
export async function ensurePartitionConsumer(bus: Bus, chainId: number, partition: number, ackWaitMs: number, maxAckPending = 256): Promise<string> {
  const name = consumerName(chainId, partition);
  try {
    const info = await bus.jsm.consumers.info(BLOCK_STREAM, name);
    // A consumer made by an older worker, with room for one batch only: the workers now keep two in flight.
    if (info.config.max_ack_pending !== undefined && info.config.max_ack_pending >= 0 && info.config.max_ack_pending < maxAckPending) {
      await bus.jsm.consumers.update(BLOCK_STREAM, name, { max_ack_pending: maxAckPending }).catch(() => undefined);
    }
  } catch {
    try {
      await bus.jsm.consumers.add(BLOCK_STREAM, {
        durable_name: name,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: `argus.blocks.${chainId}`,
        max_ack_pending: maxAckPending,
        ack_wait: nanos(ackWaitMs),
        max_deliver: -1,
      });
    } catch (error) {
      if (!/already in use|exists/i.test((error as Error).message)) throw error;
    }
  }
  return name;
}

const sc = StringCodec();

/**
 * Partition leases: one key per (chain, partition) in a bucket whose entries expire `ttlMs` after their
 * last write. A worker creates the key to take the partition (fails while another holds it), renews it
 * with a compare-and-set on its revision, and deletes it to hand the partition over; a worker that dies
 * stops renewing, and the key expires.
 */
export class Leases {
  private readonly kv: KV;
  private readonly revisions = new Map<string, number>();
  readonly ttlMs: number;

  private constructor(kv: KV, ttlMs: number) {
    this.kv = kv;
    this.ttlMs = ttlMs;
  }

  static async open(bus: Bus, ttlMs: number): Promise<Leases> {
    const kv = await bus.js.views.kv('argus_leases', { ttl: ttlMs, history: 1 });
    // The bucket keeps the TTL of whoever made it (a detect worker's --lease-ttl, a server's default):
    // renewals must follow that one, or a lease could expire between two of them.
    const actual = await kv
      .status()
      .then((s) => s.ttl)
      .catch(() => 0);
    return new Leases(kv, actual > 0 ? actual : ttlMs);
  }

  /** True when `owner` now holds `key`. */
  async take(key: string, owner: string): Promise<boolean> {
    try {
      this.revisions.set(key, await this.kv.create(key, sc.encode(owner)));
      return true;
    } catch {
      return false;
    }
  }

  /** Renews a held lease; false when it was lost (expired and taken, or deleted). */
  async renew(key: string, owner: string): Promise<boolean> {
    const revision = this.revisions.get(key);
    if (revision === undefined) return false;
    try {
      this.revisions.set(key, await this.kv.update(key, sc.encode(owner), revision));
      return true;
    } catch {
      // An update whose answer was lost (it went through) is not a loss; anything else is, NATS unreachable
      // included: the lease may expire meanwhile and another worker take the partition, so this one stops.
      const entry = await this.kv.get(key).catch(() => null);
      if (entry && entry.operation === 'PUT' && sc.decode(entry.value) === owner && entry.revision > revision) {
        this.revisions.set(key, entry.revision);
        return true;
      }
      this.revisions.delete(key);
      return false;
    }
  }

  async release(key: string): Promise<void> {
    if (!this.revisions.delete(key)) return;
    await this.kv.delete(key).catch(() => undefined);
  }

  /** Live members: keys `member.<id>` renewed by each worker (the same bucket, so they expire alike). */
  async heartbeat(id: string): Promise<void> {
    await this.kv.put(`member.${id}`, sc.encode(String(Date.now())));
  }

  async leave(id: string): Promise<void> {
    await this.kv.delete(`member.${id}`).catch(() => undefined);
  }

  async members(): Promise<string[]> {
    // The keys first, then each one read: a read awaited inside the keys' iteration ends that iteration
    // early (the nats client then lists only the first key), so every worker counted one member and kept
    // all its partitions; a second worker got some only when leases expired.
    const keys: string[] = [];
    for await (const k of await this.kv.keys('member.*')) keys.push(k);
    const out: string[] = [];
    for (const k of keys) {
      const e = await this.kv.get(k);
      if (e && e.operation === 'PUT') out.push(k.slice('member.'.length));
    }
    return out.sort();
  }
}
