export type { BlockRef, Store, StoredBlock, StoredItem, StoreItem } from './store.js';
export { SqliteStore, toJson, type SqliteStoreOptions } from './sqlite.js';
