/**
 * The embedded `Store`: one SQLite file through better-sqlite3 (opened, configured and migrated by
 * `sqlite/database.ts`), one connection for every part. better-sqlite3 answers synchronously, so no
 * transaction ever spans an `await` and the parts can share the connection; other processes on the same
 * file (WAL mode) have their own `SqliteStore`.
 */
import { openSqlite, integrityProblems, type OpenSqliteOptions, type SqliteDatabase } from './sqlite/database.js';
import { SqliteCheckpoints } from './sqlite/checkpoints.js';
import { SqliteAlerts } from './sqlite/alerts.js';
import { SqliteOutbox } from './sqlite/outbox.js';
import { SqliteSubscriptions } from './sqlite/subscriptions.js';
import { SqliteEngineState } from './sqlite/engine-state.js';
import { SqliteTriage } from './sqlite/triage.js';
import type { Alert } from '../core/alert.js';
import type {
  AlertCountQuery,
  AlertCounts,
  AlertPageQuery,
  AlertQuery,
  AlertSummary,
  BlockRef,
  DeliveryStats,
  EngineStateParts,
  NewSubscription,
  OutboxEntry,
  SavedEngineState,
  SeqAlert,
  Store,
  StoredAlert,
  StoredBlock,
  StoredItem,
  StoreItem,
  TriageChange,
  TriageEvent,
  TriageKind,
  TriageState,
  TriageStatus,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from './store.js';

export type SqliteStoreOptions = OpenSqliteOptions;

export class SqliteStore implements Store {
  readonly file: string;
  private readonly db: SqliteDatabase;
  private readonly checkpoints: SqliteCheckpoints;
  private readonly alertsPart: SqliteAlerts;
  private readonly outbox: SqliteOutbox;
  private readonly subs: SqliteSubscriptions;
  private readonly engineState: SqliteEngineState;
  private readonly triagePart: SqliteTriage;

  /** Opens (creating and migrating if need be) the store `file`; `:memory:` for a private in-memory one. */
  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.file = file;
    this.db = openSqlite(file, options);
    this.checkpoints = new SqliteCheckpoints(this.db);
    this.alertsPart = new SqliteAlerts(this.db);
    this.outbox = new SqliteOutbox(this.db);
    this.subs = new SqliteSubscriptions(this.db);
    this.engineState = new SqliteEngineState(this.db);
    this.triagePart = new SqliteTriage(this.db);
  }

  /** `PRAGMA quick_check` (reads the whole file): an empty list when the file is sound. */
  async integrityProblems(): Promise<string[]> {
    return integrityProblems(this.db);
  }

  /** `EXPLAIN QUERY PLAN` of the `alertPageJson` query for `q` (for the API benchmark). */
  explainAlertPage(q: AlertPageQuery): string[] {
    return this.alertsPart.explainPage(q);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // --- CheckpointStore
  getCheckpoint(streamId: string): Promise<BlockRef | null> {
    return this.checkpoints.getCheckpoint(streamId);
  }
  recentBlocks(streamId: string, limit: number): Promise<StoredBlock[]> {
    return this.checkpoints.recentBlocks(streamId, limit);
  }
  commitBlock(streamId: string, block: StoredBlock, items: readonly StoreItem[], keepBlocks: number): Promise<void> {
    return this.checkpoints.commitBlock(streamId, block, items, keepBlocks);
  }
  rewind(streamId: string, ancestor: BlockRef | null): Promise<void> {
    return this.checkpoints.rewind(streamId, ancestor);
  }
  items(streamId: string, options?: { kind?: string; fromBlock?: bigint; toBlock?: bigint }): Promise<StoredItem[]> {
    return this.checkpoints.items(streamId, options);
  }

  // --- AlertStore
  saveAlert(alert: Alert): Promise<boolean> {
    return this.alertsPart.saveAlert(alert);
  }
  markDispatched(id: string): Promise<void> {
    return this.alertsPart.markDispatched(id);
  }
  isDispatched(id: string): Promise<boolean> {
    return this.alertsPart.isDispatched(id);
  }
  getAlert(id: string): Promise<StoredAlert | null> {
    return this.alertsPart.getAlert(id);
  }
  alerts(query?: AlertQuery): Promise<StoredAlert[]> {
    return this.alertsPart.alerts(query);
  }
  retractAlert(id: string, reason: string, at?: Date): Promise<{ alert: StoredAlert; changed: boolean } | null> {
    return this.alertsPart.retractAlert(id, reason, at);
  }

  // --- AlertQueries
  alertPageJson(q: AlertPageQuery): Promise<{ alerts: string[]; ids: string[]; nextSeq: number | null }> {
    return this.alertsPart.alertPageJson(q);
  }
  alertCounts(q: AlertCountQuery): Promise<AlertCounts> {
    return this.alertsPart.alertCounts(q);
  }
  latestAlertSeq(): Promise<number> {
    return this.alertsPart.latestAlertSeq();
  }
  alertsAfter(seq: number, limit?: number): Promise<SeqAlert[]> {
    return this.alertsPart.alertsAfter(seq, limit);
  }
  alertSummary(q: { chainId?: number; buckets: number; since?: string }): Promise<AlertSummary> {
    return this.alertsPart.alertSummary(q);
  }
  alertsOfDetector(detector: string, q: { chainId?: number; fromBlock?: number; limit: number }): Promise<StoredAlert[]> {
    return this.alertsPart.alertsOfDetector(detector, q);
  }
  alertsAtBlock(chainId: number, detector: string, block: number): Promise<StoredAlert[]> {
    return this.alertsPart.alertsAtBlock(chainId, detector, block);
  }

  // --- IncidentQueries
  newestIncidentAlerts(q: { chainId?: number; severity?: string; status?: TriageStatus; beforeSeq?: number; limit: number }): Promise<SeqAlert[]> {
    return this.alertsPart.newestIncidentAlerts(q);
  }
  newestIncidentAlert(incidentId: string): Promise<StoredAlert | null> {
    return this.alertsPart.newestIncidentAlert(incidentId);
  }
  incidentAlertsFrom(chainId: number, fromBlock: number, limit: number): Promise<StoredAlert[]> {
    return this.alertsPart.incidentAlertsFrom(chainId, fromBlock, limit);
  }

  // --- TriageStore
  triageOf(kind: TriageKind, ids: readonly string[], now?: Date): Promise<Map<string, TriageState>> {
    return this.triagePart.triageOf(kind, ids, now);
  }
  applyTriage(kind: TriageKind, ids: readonly string[], change: TriageChange, actor: string, at?: Date): Promise<Map<string, TriageState>> {
    return this.triagePart.applyTriage(kind, ids, change, actor, at);
  }
  triageHistory(kind: TriageKind, id: string): Promise<TriageEvent[]> {
    return this.triagePart.triageHistory(kind, id);
  }

  // --- WebhookOutbox
  enqueueDelivery(endpoint: string, key: string, body: string, now?: number): Promise<boolean> {
    return this.outbox.enqueueDelivery(endpoint, key, body, now);
  }
  nextDelivery(endpoint: string): Promise<OutboxEntry | null> {
    return this.outbox.nextDelivery(endpoint);
  }
  beginAttempt(seq: number): Promise<number> {
    return this.outbox.beginAttempt(seq);
  }
  markDelivered(seq: number, now?: number): Promise<void> {
    return this.outbox.markDelivered(seq, now);
  }
  markRetry(seq: number, error: string, nextAttemptAt: number): Promise<void> {
    return this.outbox.markRetry(seq, error, nextAttemptAt);
  }
  markDead(seq: number, error: string): Promise<void> {
    return this.outbox.markDead(seq, error);
  }
  pendingCount(endpoint: string): Promise<number> {
    return this.outbox.pendingCount(endpoint);
  }
  deliveries(endpoint: string): Promise<OutboxEntry[]> {
    return this.outbox.deliveries(endpoint);
  }
  deliveryStats(endpoint: string): Promise<DeliveryStats> {
    return this.outbox.deliveryStats(endpoint);
  }
  pruneDelivered(before: number): Promise<number> {
    return this.outbox.pruneDelivered(before);
  }

  // --- SubscriptionStore
  createSubscription(input: NewSubscription): Promise<WebhookSubscriptionWithSecret> {
    return this.subs.createSubscription(input);
  }
  subscriptions(): Promise<WebhookSubscription[]> {
    return this.subs.subscriptions();
  }
  subscription(id: string): Promise<WebhookSubscription | null> {
    return this.subs.subscription(id);
  }
  activeSubscriptions(): Promise<WebhookSubscriptionWithSecret[]> {
    return this.subs.activeSubscriptions();
  }
  deleteSubscription(id: string): Promise<boolean> {
    return this.subs.deleteSubscription(id);
  }

  // --- EngineStateStore
  saveEngineState(streamId: string, state: { blockNumber: bigint; blockHash?: string | null; json: string }): Promise<void> {
    return this.engineState.saveEngineState(streamId, state);
  }
  loadEngineState(streamId: string): Promise<SavedEngineState | null> {
    return this.engineState.loadEngineState(streamId);
  }
  deleteEngineState(streamId: string): Promise<void> {
    return this.engineState.deleteEngineState(streamId);
  }
  saveEngineParts(streamId: string, state: EngineStateParts): Promise<void> {
    return this.engineState.saveEngineParts(streamId, state);
  }
  loadEngineParts(streamId: string): Promise<Map<string, string>> {
    return this.engineState.loadEngineParts(streamId);
  }
}
