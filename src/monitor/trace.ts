// The call-tree rebuild from struct logs lives with the block stream (compliance's ledger uses it too).
export * from '../chain/stream/trace.js';
