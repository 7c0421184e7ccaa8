/**
 * One privacy seed end to end: the scenario on a running devnet, its blocks read back through the product's
 * own path (the privacy ledger's block stream into an in-memory store), every heuristic over them.
 */
import type { Devnet } from '../src/chain/devnet/index.js';
import { runPrivacyScenario, type PrivacyTruth } from '../src/chain/scenarios/privacy.js';
import { privacyRecords, syncPrivacyLedger } from '../src/privacy/sync.js';
import { ActivityIndex } from '../src/privacy/index-activity.js';
import { allLinks, type Link } from '../src/privacy/heuristics.js';
import type { PrivacyTx } from '../src/privacy/activity.js';
import { SqliteStore } from '../src/store/sqlite.js';

export interface SeedRun {
  truth: PrivacyTruth;
  records: PrivacyTx[];
  links: Link[];
  scenarioMs: number;
  syncMs: number;
  analyseMs: number;
}

export async function runSeed(devnet: Devnet, seed: string, onProgress?: (m: string) => void): Promise<SeedRun> {
  const t0 = performance.now();
  const truth = await runPrivacyScenario(devnet, seed, onProgress);
  const t1 = performance.now();
  const store = new SqliteStore(':memory:');
  let records: PrivacyTx[];
  try {
    await syncPrivacyLedger({ rpcUrl: devnet.rpcUrl, chainId: truth.chainId, store, fromBlock: BigInt(truth.fromBlock), toBlock: BigInt(truth.toBlock), pollingIntervalMs: 50 });
    records = await privacyRecords(store, truth.chainId);
  } finally {
    await store.close();
  }
  const t2 = performance.now();
  const links = allLinks(new ActivityIndex(records));
  const t3 = performance.now();
  return { truth, records, links, scenarioMs: t1 - t0, syncMs: t2 - t1, analyseMs: t3 - t2 };
}
