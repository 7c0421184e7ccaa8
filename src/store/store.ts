/**
 * The `Store`: everything Argus persists, behind one interface made of parts. A caller that needs only a
 * part asks for it (`CheckpointStore` for the chain stream, `AlertStore` for the dispatcher,
 * `WebhookOutbox` for the webhook sinks, `EngineStateStore` for the monitor's restarts, ...); one `Store`
 * object is all of them, so the same opened store is handed to each.
 *
 * Every method returns a promise, so that a server database (PostgreSQL) implements the same interface:
 * the embedded SQLite implementation (`SqliteStore`) answers synchronously inside them. Each method that
 * says "atomically" is one transaction, whatever the database.
 *
 * Parts:
 * - `CheckpointStore`: per stream id, the checkpoint of the last fully processed block, the recent block
 *   hashes that reorg detection compares against, and the items each block produced. `commitBlock`
 *   writes the items of one block, its hash and the checkpoint in one transaction, so a crash either
 *   keeps all of a block or none of it: a restart resumes after the checkpoint with no block lost and none
 *   stored twice.
 * - `AlertStore`: raised alerts, their retraction (a reorg removed their block) and whether every sink
 *   was given them. Alerts of the `monitor/incident` detector also keep an index of incidents (each
 *   incident's newest live alert) in step, in the same transaction.
 * - `AlertQueries` and `IncidentQueries`: the reads the API serves (pages newest first by `seq`, the
 *   dashboard's counts, tailing, incidents).
 * - `TriageStore`: the team's status, assignee and notes per alert and incident, with an audit history.
 * - `WebhookOutbox`: a durable queue of deliveries per endpoint, unique per (endpoint, idempotency key).
 * - `SubscriptionStore`: the webhook receivers users register through the API.
 * - `EngineStateStore`: the monitor engine's snapshot per stream, for restarts.
 *
 * Audits are not persisted: the server keeps the last reports in memory (see `server/routes/audits.ts`).
 */
import type { Hex } from 'viem';
import type { Alert } from '../core/alert.js';
import type { Severity } from '../core/finding.js';

// ---------------------------------------------------------------------------------------------------
// Checkpoints, blocks and items (the chain stream)

/** A block the stream has fully processed. */
export interface BlockRef {
  number: bigint;
  hash: Hex;
}

export interface StoredBlock extends BlockRef {
  parentHash: Hex;
}

/** One thing a block produced (a decoded event, an alert, ...). `key` is unique within a block and kind. */
export interface StoreItem {
  kind: string;
  key: string;
  data: unknown;
}

export interface StoredItem extends StoreItem {
  blockNumber: bigint;
  blockHash: Hex;
}

export interface CheckpointStore {
  /** The last fully processed block of `streamId`, or null before the first one. */
  getCheckpoint(streamId: string): Promise<BlockRef | null>;
  /** The most recent processed blocks, newest first (at most `limit`). */
  recentBlocks(streamId: string, limit: number): Promise<StoredBlock[]>;
  /**
   * Atomically: appends `items` for `block`, records its hash, moves the checkpoint to it and forgets
   * hashes older than `keepBlocks` below it. Items already stored for the same block, kind and key are
   * not stored again.
   */
  commitBlock(streamId: string, block: StoredBlock, items: readonly StoreItem[], keepBlocks: number): Promise<void>;
  /**
   * Atomically: drops every block above `ancestor` (its hash and its items) and moves the checkpoint back
   * to `ancestor` (null: before the first block).
   */
  rewind(streamId: string, ancestor: BlockRef | null): Promise<void>;
  /** Stored items, oldest block first; for consumers and tests. */
  items(streamId: string, options?: { kind?: string; fromBlock?: bigint; toBlock?: bigint }): Promise<StoredItem[]>;
}

// ---------------------------------------------------------------------------------------------------
// Alerts and incidents

export interface StoredAlert extends Alert {
  /** ISO 8601, set once the alert is retracted. */
  retractedAt?: string;
  retractReason?: string;
}

export interface AlertQuery {
  chainId?: number;
  fromBlock?: number;
  toBlock?: number;
  blockHash?: string;
  includeRetracted?: boolean;
  limit?: number;
}

/**
 * An alert is stored before the sinks get it and marked dispatched after (`markDispatched`), so a process
 * killed in between leaves it undispatched: the replay of its block sends it again (`isDispatched`)
 * instead of taking it for a duplicate and losing it.
 */
export interface AlertStore {
  /** Stores the alert (not yet dispatched); false (and nothing changed) when an alert with the same id is already stored. */
  saveAlert(alert: Alert): Promise<boolean>;
  /** Records that every sink was given the alert. */
  markDispatched(id: string): Promise<void>;
  /** True when the alert is stored and was marked dispatched. */
  isDispatched(id: string): Promise<boolean>;
  getAlert(id: string): Promise<StoredAlert | null>;
  /** Oldest block first, then in the order they were raised. */
  alerts(query?: AlertQuery): Promise<StoredAlert[]>;
  /** Marks the alert retracted (the first reason wins); null when no such alert is stored. */
  retractAlert(id: string, reason: string, at?: Date): Promise<{ alert: StoredAlert; changed: boolean } | null>;
}

/** A page of `GET /alerts`: newest first, below `beforeSeq` when given. */
export interface AlertPageQuery {
  chainId?: number;
  detector?: string;
  severity?: string;
  /** Only alerts at this block or later. */
  fromBlock?: number;
  includeRetracted?: boolean;
  /** Only alerts stored before this one (the page cursor). */
  beforeSeq?: number;
  /** Only alerts whose triage status (as of now: a mute that ran out is open again) is this one. */
  status?: TriageStatus;
  /** Only alerts whose stored JSON contains every one of these words (case-insensitive). */
  words?: string[];
  limit: number;
}

/** The filters of a count: those of a page without the cursor and the size. */
export type AlertCountQuery = Omit<AlertPageQuery, 'beforeSeq' | 'limit'>;

/** Counts of the alerts a filter matches (retracted ones only with `includeRetracted`). */
export interface AlertCounts {
  total: number;
  /** Per severity, the filter's own severity left out (so the counts say what each choice would give). */
  bySeverity: Record<Severity, number>;
  /** Per triage status, the filter's own status left out. */
  byStatus: Record<TriageStatus, number>;
}

export interface AlertSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  byDetector: { detector: string; count: number }[];
  overTime: { fromBlock: number; toBlock: number; counts: Record<Severity, number> }[];
  /**
   * The same alerts in equal spans of time (when they were raised: for a live monitor, within seconds of
   * their block's timestamp), ISO 8601 bounds, oldest first.
   */
  overTimeByTime: { from: string; to: string; counts: Record<Severity, number> }[];
}

/** An alert with its place in the store (`seq` grows with every alert stored). */
export interface SeqAlert {
  seq: number;
  alert: StoredAlert;
}

export interface AlertQueries {
  /**
   * A page as the alerts' JSON texts, built from the stored JSON without parsing it (a retracted alert is
   * parsed to add its retraction): a page of 100 alerts is ~160 KB, and parsing and re-serialising it was
   * most of a request's cost. `nextSeq`: the `beforeSeq` of the next page, null on the last one.
   */
  alertPageJson(q: AlertPageQuery): Promise<{ alerts: string[]; ids: string[]; nextSeq: number | null }>;
  /** How many alerts `q` matches, per severity and per triage status. */
  alertCounts(q: AlertCountQuery): Promise<AlertCounts>;
  /** The newest alert's seq (0 for an empty store): where tailing starts. */
  latestAlertSeq(): Promise<number>;
  /** Alerts stored after `seq`, oldest first (for tailing the store into the live stream). */
  alertsAfter(seq: number, limit?: number): Promise<SeqAlert[]>;
  /**
   * Counts for the dashboard's charts, retracted alerts left out: per severity, per detector, and per block
   * bucket and severity over the whole range (at most `buckets` buckets of equal width).
   */
  /** `since` (ISO 8601): only alerts raised at or after it, and the time buckets run from it to now. */
  alertSummary(q: { chainId?: number; buckets: number; since?: string }): Promise<AlertSummary>;
  /** Non-retracted alerts of one detector, newest first; with `fromBlock`, only at that block or later. */
  alertsOfDetector(detector: string, q: { chainId?: number; fromBlock?: number; limit: number }): Promise<StoredAlert[]>;
  /** Non-retracted alerts of a detector at one block, in the order they were raised. */
  alertsAtBlock(chainId: number, detector: string, block: number): Promise<StoredAlert[]>;
}

export interface IncidentQueries {
  /** Each incident's newest live alert, most recently grown first. */
  newestIncidentAlerts(q: { chainId?: number; severity?: string; status?: TriageStatus; beforeSeq?: number; limit: number }): Promise<SeqAlert[]>;
  /** The newest live alert of one incident, or null. */
  newestIncidentAlert(incidentId: string): Promise<StoredAlert | null>;
  /** Live incident alerts of a chain from a block on, oldest first (to find the incident an alert joined). */
  incidentAlertsFrom(chainId: number, fromBlock: number, limit: number): Promise<StoredAlert[]>;
}

// ---------------------------------------------------------------------------------------------------
// Triage: what the team decided about an alert or an incident

/** `muted` with a `mutedUntil` is a snooze: once that time passes the item reads as open again. */
export type TriageStatus = 'open' | 'acknowledged' | 'resolved' | 'muted';
export type TriageKind = 'alert' | 'incident';

/** An item's triage as of now (an item never triaged is open, unassigned, and has no state stored). */
export interface TriageState {
  status: TriageStatus;
  assignee: string | null;
  /** ISO 8601; with status muted, when the mute ends (null: until unmuted). */
  mutedUntil: string | null;
  /** ISO 8601 and who (`by`, key digest): the last change. */
  updatedAt: string;
  updatedBy: string;
  notes: number;
}

/** One audited change: a status, an assignee or a note, with who and when. */
export interface TriageEvent {
  at: string;
  actor: string;
  action: 'status' | 'assignee' | 'note';
  /** The new status (with ` until <ISO>` for a snooze), the new assignee (null: unassigned), or the note's text. */
  value: string | null;
  previous: string | null;
}

/** What one write changes; absent fields stay as they are. */
export interface TriageChange {
  status?: TriageStatus;
  /** With status muted: when the mute ends (null or absent: until unmuted). */
  mutedUntil?: string | null;
  assignee?: string | null;
  note?: string;
}

/**
 * Triage of alerts and incidents, keyed by (kind, id). Every change is recorded in a history (who, when,
 * before and after) in the same transaction as the state it changes.
 */
export interface TriageStore {
  /** The stored triage of these items (an item with none is open and left out), as of `now`. */
  triageOf(kind: TriageKind, ids: readonly string[], now?: Date): Promise<Map<string, TriageState>>;
  /** Atomically: applies `change` to every item, recording each actual change; returns the new states. */
  applyTriage(kind: TriageKind, ids: readonly string[], change: TriageChange, actor: string, at?: Date): Promise<Map<string, TriageState>>;
  /** An item's history, oldest first. */
  triageHistory(kind: TriageKind, id: string): Promise<TriageEvent[]>;
}

// ---------------------------------------------------------------------------------------------------
// Webhook outbox and subscriptions

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface OutboxEntry {
  seq: number;
  endpoint: string;
  /** The idempotency key: the alert id, or `<id>:retraction`. */
  key: string;
  /** The exact body to send (signed afresh at each attempt). */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  /** Epoch milliseconds. */
  nextAttemptAt: number;
  lastError?: string;
  createdAt: number;
  deliveredAt?: number;
}

export interface DeliveryStats {
  pending: number;
  delivered: number;
  dead: number;
  /** The latest error of a delivery not (yet) delivered. */
  lastError?: string;
}

/**
 * Rows are unique per (endpoint, idempotency key): enqueuing the same alert twice, even after a restart,
 * queues one delivery. Delivered rows are kept (status `delivered`) so that a later duplicate is still
 * recognised; `pruneDelivered` forgets old ones. Rows are drained in `seq` order per endpoint.
 */
export interface WebhookOutbox {
  /** Queues a delivery; false when (endpoint, key) is already queued or delivered. */
  enqueueDelivery(endpoint: string, key: string, body: string, now?: number): Promise<boolean>;
  /** The oldest pending delivery of `endpoint` (due or not), or null. */
  nextDelivery(endpoint: string): Promise<OutboxEntry | null>;
  /**
   * Counts an attempt as it starts, durably, and returns its number (1 for the first): an attempt a crash
   * cut short is still counted, so the next process's attempt says 2 (`X-Argus-Delivery-Attempt`). The
   * `mark*` call that ends it does not count it again; called alone, each `mark*` counts one attempt.
   */
  beginAttempt(seq: number): Promise<number>;
  markDelivered(seq: number, now?: number): Promise<void>;
  markRetry(seq: number, error: string, nextAttemptAt: number): Promise<void>;
  /** Gives up on a delivery the endpoint refused for good (kept for inspection, skipped by the queue). */
  markDead(seq: number, error: string): Promise<void>;
  pendingCount(endpoint: string): Promise<number>;
  deliveries(endpoint: string): Promise<OutboxEntry[]>;
  /** Counts per status of one endpoint's queue, without loading the bodies. */
  deliveryStats(endpoint: string): Promise<DeliveryStats>;
  /** Forgets delivered rows older than `before` (epoch ms); returns how many. */
  pruneDelivered(before: number): Promise<number>;
}

/** The payload formats of a subscription (rendered by monitor/sinks/formats.ts). */
export const WEBHOOK_FORMATS = ['argus', 'slack', 'discord', 'telegram', 'pagerduty'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
/** The formats that cannot be delivered without a `target`, and what the target is. */
export const FORMAT_TARGET: Partial<Record<WebhookFormat, string>> = { telegram: 'the chat id', pagerduty: 'the routing (integration) key' };

export interface WebhookSubscription {
  /** `wh_` and 16 hex characters. */
  id: string;
  url: string;
  /** Alerts below this severity are not sent (default `low`). */
  minSeverity: Severity;
  /** Only alerts of these detectors; empty: every detector. */
  detectors: string[];
  description: string | null;
  /** ISO 8601. */
  createdAt: string;
  /** The payload format (`argus`, `slack`, `discord`, `telegram`, `pagerduty`; see monitor/sinks/formats.ts). */
  format: WebhookFormat;
  /** Telegram's chat id or PagerDuty's routing key; null for the other formats. */
  target: string | null;
}

/** What `createSubscription` returns and the sink needs: the subscription with its HMAC secret. */
export interface WebhookSubscriptionWithSecret extends WebhookSubscription {
  secret: string;
}

export interface NewSubscription {
  url: string;
  minSeverity?: Severity;
  detectors?: string[];
  description?: string;
  format?: WebhookFormat;
  target?: string;
}

/**
 * Deleting is a soft delete: the subscription stays (marked deleted) so that the outbox rows queued for it,
 * endpoint `subscription:<id>`, still name something that can be explained later.
 */
export interface SubscriptionStore {
  /**
   * Validates and registers a receiver (at most `MAX_SUBSCRIPTIONS` active: the count and the insert are
   * one write transaction, so two processes creating at once cannot both pass the cap); the result carries
   * the generated secret, which the reads without a secret never show.
   */
  createSubscription(input: NewSubscription): Promise<WebhookSubscriptionWithSecret>;
  /** Active subscriptions, oldest first, without secrets. */
  subscriptions(): Promise<WebhookSubscription[]>;
  /** An active subscription without its secret, or null. */
  subscription(id: string): Promise<WebhookSubscription | null>;
  /** Active subscriptions with their secrets, for the sink that signs deliveries. */
  activeSubscriptions(): Promise<WebhookSubscriptionWithSecret[]>;
  /** Soft delete; false when there is no such active subscription. */
  deleteSubscription(id: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------------
// Monitor engine state

export interface SavedEngineState {
  blockNumber: bigint;
  /** The saved block's hash when given: compare with the chain to detect a reorg while stopped. */
  blockHash: string | null;
  /** The engine's snapshot (`MonitorEngine.snapshot()`). */
  json: string;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/**
 * An incremental save of the engine's state: the head (small JSON naming the block, always written) and
 * only the parts that changed since the last save (`null`: the part is gone). Parts are kept per stream
 * until a whole `saveEngineState` or `deleteEngineState` clears them.
 */
export interface EngineStateParts {
  blockNumber: bigint;
  blockHash?: string | null;
  head: string;
  parts: ReadonlyMap<string, string | null>;
  /** The write time stored with the head (epoch ms; default now): with the block, the next save's fence. */
  updatedAt?: number;
  /**
   * Fenced save (`engine-fence.ts`): written only if the stored head is still this one (`null`: none
   * saved yet), else `StaleEngineStateError` and nothing written. Absent: unfenced (one writer).
   */
  expect?: { blockNumber: bigint; blockHash: string | null; updatedAt: number } | null;
}

export interface EngineStateStore {
  /** Replaces the saved state of `streamId` (and forgets any parts saved before). */
  saveEngineState(streamId: string, state: { blockNumber: bigint; blockHash?: string | null; json: string }): Promise<void>;
  loadEngineState(streamId: string): Promise<SavedEngineState | null>;
  deleteEngineState(streamId: string): Promise<void>;
  /** Atomically: writes the changed parts, deletes the removed ones and moves the head (`loadEngineState` returns it as `json`). */
  saveEngineParts(streamId: string, state: EngineStateParts): Promise<void>;
  /** Every part saved for `streamId`. */
  loadEngineParts(streamId: string): Promise<Map<string, string>>;
}

// ---------------------------------------------------------------------------------------------------

/** Everything persisted. One implementation per database: `SqliteStore` (embedded) and `PostgresStore` (server). */
export interface Store extends CheckpointStore, AlertStore, AlertQueries, IncidentQueries, TriageStore, WebhookOutbox, SubscriptionStore, EngineStateStore {
  /** Closes the connection(s); idempotent. */
  close(): Promise<void>;
}
