export type {
  AlertCountQuery,
  AlertCounts,
  AlertPageQuery,
  AlertQueries,
  AlertQuery,
  AlertStore,
  AlertSummary,
  BlockRef,
  CheckpointStore,
  DeliveryStats,
  DeliveryStatus,
  EngineStateStore,
  IncidentQueries,
  NewSubscription,
  OutboxEntry,
  SavedEngineState,
  SeqAlert,
  Store,
  StoredAlert,
  StoredBlock,
  StoredItem,
  StoreItem,
  SubscriptionStore,
  TriageChange,
  TriageEvent,
  TriageKind,
  TriageState,
  TriageStatus,
  TriageStore,
  WebhookOutbox,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from './store.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite.js';
export { SCHEMA_VERSION } from './sqlite/database.js';
export { incidentIdOf } from './alerts.js';
export { MAX_SUBSCRIPTIONS, subscriptionEndpoint, validateSubscription } from './webhooks.js';
export { openStore, parseStoreSpec, type OpenStoreOptions, type StoreKind, type StoreSpec } from './open.js';
export type { EngineStateParts } from './store.js';
