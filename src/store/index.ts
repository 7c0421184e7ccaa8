export type { BlockRef, Store, StoredBlock, StoredItem, StoreItem } from './store.js';
export { SqliteStore, toJson, type SqliteStoreOptions } from './sqlite.js';
export { SqliteAlertStore, type AlertQuery, type AlertStore, type DeliveryStatus, type OutboxEntry, type StoredAlert } from './alerts.js';
export { WebhookSubscriptions, subscriptionEndpoint, MAX_SUBSCRIPTIONS, type DeliveryStats, type NewSubscription, type WebhookSubscription, type WebhookSubscriptionWithSecret } from './webhooks.js';
