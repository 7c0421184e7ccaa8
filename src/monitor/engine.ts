/**
 * The monitor engine: runs the on-chain detectors over decoded blocks (from a `BlockStream` or a list),
 * transaction by transaction, and keeps the chain history they read (`ChainState`) in memory. Findings
 * about known-good actors (the router, the factory, WETH, the pools themselves, anything the caller
 * lists) are suppressed.
 */
import { numberToHex, type Address, type Hex } from 'viem';
import { createRpcClient } from '../chain/rpc/client.js';
import { classifyRpcError, RpcRevertError } from '../chain/rpc/errors.js';
import { retryOutages, type OutageRetryOptions } from '../chain/rpc/retry.js';
import type { Finding } from '../core/finding.js';
import { BlockStream, type StreamBlock } from '../chain/stream/block-stream.js';
import { SqliteStore, type Store } from '../store/index.js';
import type { DevnetDescription } from '../chain/devnet/devnet.js';
import { MONITOR_DETECTORS, type ChainAccess, type DetectorEnv, type MonitorDetector } from './detectors/index.js';
import { ChainState, txViews, type TxView } from './state.js';
import { decodeValue, encodeValue } from './codec.js';
import { TokenBook } from './tokens.js';
import { summariseTrace, type StructLog, type TraceSummary } from './trace.js';
import { rpc } from '../chain/rpc/json-rpc.js';
import { combineFindings, DEFAULT_INCIDENT_WINDOW, incidentFinding, type Incident } from './incidents/index.js';
import { findingBlockNumber } from '../core/finding.js';
import { quietly, stamp, TrackedMap, TrackedSet } from './tracked.js';

export interface MonitorEngineOptions {
  chainId: number;
  /** Addresses never reported (any case). */
  knownGood?: Iterable<string>;
  sanctioned?: Iterable<string>;
  /** What a sanctioned address is listed as (e.g. `OFAC SDN: LAZARUS GROUP`), for explanations; any case. */
  sanctionLabels?: Iterable<[string, string]>;
  /** RPC for the few detectors that read balances (exploit-contract); without it they stay silent. */
  rpcUrl?: string;
  /**
   * How the chain reads over `rpcUrl` ride out an outage (merged over READ_RETRY, about 25 s). `argus
   * watch` passes `maxAttempts: Infinity` with its stop signal: a long-running monitor waits for its node
   * (SIGTERM still ends the wait at once) rather than failing the block.
   */
  readRetry?: OutageRetryOptions;
  chain?: ChainAccess;
  detectors?: readonly MonitorDetector<unknown>[];
  /** Only these detector ids (without `monitor/`). */
  only?: readonly string[];
  /** Block window for joining findings into incidents (see `combineFindings`; default 50). */
  incidentWindow?: number;
  /**
   * Called after each block with every incident that block's findings created or grew (the incident and
   * its `monitor/incident` finding). Optional: without it incidents cost nothing until `incidents()`.
   */
  onIncident?: (incident: Incident, finding: Finding) => void;
  /**
   * Only the transactions this returns true for are shown to the detectors (the chain history still learns
   * from every one): a detect worker owns a partition of the senders (`partitionOf`), so that each
   * per-address baseline has one owner. Default: every transaction.
   */
  owns?: (tx: TxView) => boolean;
  /**
   * `window` (bounded memory, for long-running monitors): findings that can no longer join or change an
   * incident are forgotten, i.e. those of incidents whose last finding is more than the incident window
   * (plus `reorgDepth` blocks, so that a reorg can still withdraw them) below the last block. Incidents
   * and escalations stay exactly as with `all` (the default), which keeps every finding (`incidents()`
   * over the whole run, for evaluations).
   */
  retainFindings?: 'all' | 'window';
  /** Blocks a reorg may drop (default 128, the stream's `keepBlocks`). */
  reorgDepth?: number;
}

const ENGINE_SNAPSHOT_VERSION = 1;
/** The head of an incremental snapshot (`snapshotParts`); the chain history is in entry parts beside it. */
const ENGINE_PARTS_VERSION = 2;

/** The parts of an incremental snapshot and the head that names them (see `MonitorEngine.snapshotParts`). */
export interface EngineParts {
  head: string;
  /** Part name → JSON; null: the part is gone. */
  parts: Map<string, string | null>;
  /** Call once these parts are stored: the detector entries they hold are no longer pending. */
  saved?: () => void;
}

/** A detector entry part: `e:<detector>|<field>|<key as JSON>` (field '' when the state is the map itself). */
const entryPart = (id: string, field: string, key: unknown) => `e:${id}|${field}|${JSON.stringify(encodeValue(key))}`;
const TRACKED = '$tracked';

/**
 * A detector's state with its maps and sets made `TrackedMap`/`TrackedSet` (the state itself when it is a
 * map, or each map or set field of a plain object), so that incremental snapshots write the changed
 * entries only. Anything else stays as it is and is written whole.
 */
function tracked(own: unknown): unknown {
  const wrap = (v: unknown) => (v instanceof TrackedMap || v instanceof TrackedSet ? v : v instanceof Map ? new TrackedMap(v) : v instanceof Set ? new TrackedSet(v) : v);
  if (own instanceof Map) return wrap(own);
  if (isPlainObject(own)) return Object.fromEntries(Object.entries(own).map(([k, v]) => [k, wrap(v)]));
  return own;
}

/** The tracked collections of a detector state, by field ('' for the state itself). */
function trackedFields(own: unknown): Array<[string, TrackedMap<unknown, unknown> | TrackedSet<unknown>]> {
  if (own instanceof TrackedMap) return [['', own]];
  if (!isPlainObject(own)) return [];
  return Object.entries(own).filter((e): e is [string, TrackedMap<unknown, unknown> | TrackedSet<unknown>] => e[1] instanceof TrackedMap || e[1] instanceof TrackedSet);
}

/** True for the head of an incremental snapshot (as opposed to a whole `snapshot()`). */
export function isPartsHead(json: string): boolean {
  return json.startsWith('{"version":2,') && json.includes('"format":"parts"');
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;

/** The devnet's infrastructure: router, factory, WETH, its tokens' pools. */
export function devnetKnownGood(d: Pick<DevnetDescription, 'contracts' | 'pools'>): string[] {
  return [d.contracts.uniswapV2Router02, d.contracts.weth9, d.contracts.uniswapV2Factory, ...Object.values(d.pools).map((p) => p.address)];
}

/** How long the engine's chain reads ride out an outage before the block fails, unless told otherwise (`readRetry`): about 25 s of backoff. */
const READ_RETRY = { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 5_000 } as const;

/**
 * The engine's chain reads over the one RPC layer: an outage is retried with backoff (READ_RETRY), a
 * revert is an answer (`{ reverted: true, reason }` with the contract's own reason), and a block whose
 * state a pruned node no longer holds throws `RpcPrunedStateError`, which says to use an archive node.
 */
/** What traces cost an engine: how many were asked for and the time spent waiting for them. */
export const TRACE_STATS = { traces: 0, ms: 0, unsupported: false };

export function rpcChainAccess(rpcUrl: string, options: OutageRetryOptions = {}): ChainAccess {
  const client = createRpcClient(rpcUrl, { profile: 'read' });
  let tracesUnsupported = false;
  // Several detectors may ask for the same transaction's trace: the last few are kept (as promises, so that
  // a second ask while the first is in flight waits for it rather than fetching again).
  const recentTraces = new Map<string, Promise<TraceSummary | undefined>>();
  const read = <T>(method: string, fn: () => Promise<T>): Promise<T> =>
    retryOutages(
      () =>
        fn().catch((error: unknown) => {
          throw classifyRpcError(error, method, rpcUrl);
        }),
      { ...READ_RETRY, ...options },
    );
  return {
    getBalance: (address, blockNumber) => read('eth_getBalance', () => client.getBalance({ address: address as Address, blockNumber })),
    async call({ from, to, data, blockNumber }) {
      try {
        const result = await read('eth_call', () => client.request({ method: 'eth_call', params: [{ from: from as Address, to: to as Address, data }, numberToHex(blockNumber)] }));
        return { reverted: false, data: result };
      } catch (error) {
        if (error instanceof RpcRevertError) return { reverted: true, reason: error.reason };
        throw error;
      }
    },
    trace(hash, to, created) {
      const cached = recentTraces.get(hash);
      if (cached) return cached;
      const pending = fetchTrace(hash, to, created);
      recentTraces.set(hash, pending);
      if (recentTraces.size > 8) recentTraces.delete(recentTraces.keys().next().value as string);
      pending.catch(() => recentTraces.delete(hash));
      return pending;
    },
  };
  async function fetchTrace(hash: Hex, to: string | null, created: string | null): Promise<TraceSummary | undefined> {
    {
      if (tracesUnsupported) return undefined;
      const started = performance.now();
      try {
        // Struct logs of a long transaction run to tens of megabytes: the one-off client has no size cap, and
        // a busy node can take minutes to produce them (a loop of 200 calls on a shared machine took over 60 s).
        const result = (await read('debug_traceTransaction', () => rpc<{ structLogs?: StructLog[] }>(rpcUrl, 'debug_traceTransaction', [hash, { disableStorage: true, disableMemory: true, enableReturnData: false }], { timeoutMs: 300_000 })));
        return result.structLogs ? summariseTrace(result.structLogs, to ?? '', created) : undefined;
      } catch (error) {
        // A node without debug_traceTransaction answers "method not found": stop asking, work from logs.
        if (/not (?:found|supported|available)|does not exist|-32601/iu.test((error as Error).message)) {
          tracesUnsupported = true;
          TRACE_STATS.unsupported = true;
          return undefined;
        }
        throw error;
      } finally {
        TRACE_STATS.traces++;
        TRACE_STATS.ms += performance.now() - started;
      }
    }
  }
}

export class MonitorEngine {
  readonly state = new ChainState();
  /** Symbols and decimals of the tokens seen, for explanations (asked of `chain` when there is one). */
  readonly tokens = new TokenBook();
  readonly findings: Finding[] = [];
  /** The last block processed (or restored), if any. */
  lastBlock: bigint | undefined;
  private readonly detectors: Array<{ d: MonitorDetector<unknown>; own: unknown }>;
  private readonly env: DetectorEnv;
  private readonly knownGood: Set<string>;
  private readonly options: MonitorEngineOptions;

  constructor(options: MonitorEngineOptions) {
    this.options = options;
    const all = options.detectors ?? MONITOR_DETECTORS;
    const picked = options.only ? all.filter((d) => options.only?.includes(d.meta.id)) : all;
    this.detectors = picked.map((d) => ({ d, own: tracked(d.createState()) }));
    this.knownGood = new Set([...(options.knownGood ?? [])].map((a) => a.toLowerCase()));
    const chain = options.chain ?? (options.rpcUrl ? rpcChainAccess(options.rpcUrl, options.readRetry) : undefined);
    this.env = {
      chainId: options.chainId,
      state: this.state,
      knownGood: this.knownGood,
      sanctioned: new Set([...(options.sanctioned ?? [])].map((a) => a.toLowerCase())),
      sanctionLabels: new Map([...(options.sanctionLabels ?? [])].map(([a, label]) => [a.toLowerCase(), label])),
      ...(chain ? { chain } : {}),
      tokens: this.tokens,
    };
  }

  /** Addresses newly sanctioned while the monitor runs (a list update): screened from the next transaction on. */
  addSanctioned(entries: Iterable<{ address: string; label?: string }>): void {
    for (const e of entries) {
      (this.env.sanctioned as Set<string>).add(e.address.toLowerCase());
      if (e.label) (this.env.sanctionLabels as Map<string, string>).set(e.address.toLowerCase(), e.label);
    }
  }

  /**
   * Runs every detector over one block; returns (and keeps) its findings. First, with chain access, the
   * block's tokens not yet known are asked for their symbol and decimals (an outage throws before any
   * detector has run, so the block can be processed again).
   */
  async processBlock(block: StreamBlock): Promise<Finding[]> {
    const unknown = this.env.chain ? this.tokens.unknownIn(block) : [];
    if (unknown.length > 0 && this.env.chain) await this.tokens.learn(unknown, this.env.chain, block.block.number);
    const out: Finding[] = [];
    const owns = this.options.owns;
    for (const tx of txViews(block)) {
      if (!owns || owns(tx)) {
        for (const { d, own } of this.detectors) {
          for (const f of await d.inspect(tx, own, this.env)) if (!this.suppressed(f)) out.push(f);
        }
      }
      this.state.learn(tx);
    }
    this.findings.push(...out);
    this.lastBlock = block.block.number;
    if (this.options.retainFindings === 'window') this.pruneFindings();
    if (this.options.onIncident && out.length > 0) {
      for (const incident of this.incidentsOf(out)) this.options.onIncident(incident, incidentFinding(incident, this.env.chainId));
    }
    return out;
  }

  private prunedAt: bigint | undefined;

  /**
   * Forgets the findings of incidents that ended more than the window (and the reorg depth) below the last
   * block: no later finding can join them (findings join only within the window), so incidents and
   * escalations are unchanged. Runs once per window of blocks, over the findings kept (a bounded set).
   */
  private pruneFindings(): void {
    const window = this.options.incidentWindow ?? DEFAULT_INCIDENT_WINDOW;
    const last = this.lastBlock;
    if (last === undefined || this.findings.length === 0) return;
    if (this.prunedAt !== undefined && last - this.prunedAt < BigInt(window)) return;
    this.prunedAt = last;
    const horizon = Number(last) - window - (this.options.reorgDepth ?? 128);
    if (Math.min(...this.findings.map(findingBlockNumber)) >= horizon) return;
    const keep = new Set<Finding>();
    for (const incident of this.combine(this.findings)) {
      if (incident.lastBlock >= horizon) for (const f of incident.findings) keep.add(f);
    }
    // A finding in no incident (a known-good actor's, ignored by the joining) goes once below the horizon.
    const kept = this.findings.filter((f) => keep.has(f) || findingBlockNumber(f) >= horizon);
    this.findings.length = 0;
    this.findings.push(...kept);
  }

  /** The findings so far joined into incidents (recomputed from `findings`, so reorgs are reflected). */
  incidents(): Incident[] {
    return this.combine(this.findings);
  }

  /**
   * The incidents that hold any of `fresh` (already kept), exactly as `incidents()` would give them, but
   * joined over only the recent findings: a watch that runs for days would otherwise re-join its whole
   * history at every block that raises something. Findings join only within `window` blocks of each
   * other, so once the candidates reach `window` blocks below the earliest block of those incidents,
   * nothing older can belong to them; until then the candidates are widened and joined again.
   */
  incidentsOf(fresh: readonly Finding[]): Incident[] {
    if (fresh.length === 0) return [];
    const isFresh = new Set(fresh);
    const window = this.options.incidentWindow ?? DEFAULT_INCIDENT_WINDOW;
    let from = Math.min(...fresh.map(findingBlockNumber)) - window;
    for (;;) {
      const candidates = this.findings.filter((f) => findingBlockNumber(f) >= from);
      const touched = this.combine(candidates).filter((i) => i.findings.some((f) => isFresh.has(f)));
      const earliest = Math.min(...touched.map((i) => i.firstBlock));
      if (touched.length === 0 || earliest - window >= from) return touched;
      from = earliest - window;
    }
  }

  private combine(findings: readonly Finding[]): Incident[] {
    return combineFindings(findings, { ...(this.options.incidentWindow !== undefined ? { window: this.options.incidentWindow } : {}), ignore: this.knownGood });
  }

  /**
   * The incidents a block's findings (`fresh`, already kept) escalated, as `monitor/incident` findings: an
   * incident that now joins two or more findings and either just did so or gained a stage its earlier
   * findings did not have (preparation, then exploitation…). Computed from the findings alone, so a
   * restarted engine replaying a block escalates exactly as before (the alert ids then match).
   */
  escalations(fresh: readonly Finding[]): Finding[] {
    if (fresh.length === 0) return [];
    const isFresh = new Set(fresh);
    const stagesOf = (fs: readonly Finding[]) => new Set(fs.flatMap((f) => f.tags.filter((t) => t.startsWith('stage:'))));
    const out: Finding[] = [];
    for (const incident of this.incidentsOf(fresh)) {
      if (incident.findings.length < 2) continue;
      const earlier = incident.findings.filter((f) => !isFresh.has(f));
      const before = stagesOf(earlier);
      const grew = [...stagesOf(incident.findings)].some((s) => !before.has(s));
      if (earlier.length < 2 || grew) out.push(incidentFinding(incident, this.env.chainId));
    }
    return out;
  }

  /** The incidents as `monitor/incident` findings. */
  incidentFindings(): Finding[] {
    return this.incidents().map((i) => incidentFinding(i, this.env.chainId));
  }

  /**
   * Everything a restarted engine needs to continue exactly where this one stopped: the chain state, each
   * detector's own state, the findings so far and the token metadata learnt (JSON; bigints, maps and sets
   * tagged).
   */
  snapshot(): string {
    return quietly(() => this.wholeSnapshot());
  }

  private wholeSnapshot(): string {
    return JSON.stringify({
      version: ENGINE_SNAPSHOT_VERSION,
      lastBlock: this.lastBlock === undefined ? null : this.lastBlock.toString(),
      state: this.state.snapshot(),
      detectors: this.detectors.map(({ d, own }) => ({ id: d.meta.id, own: encodeValue(own) })),
      findings: encodeValue(this.findings),
      tokens: this.tokens.snapshot(),
    });
  }

  /** Loads a `snapshot()` (of an engine with the same detectors) into this engine, replacing its history. */
  restore(json: string): void {
    // `tokens` is absent from snapshots taken before token metadata was kept: those tokens are asked again.
    const o = JSON.parse(json) as { version: number; lastBlock: string | null; state: string; detectors: Array<{ id: string; own: unknown }>; findings: unknown; tokens?: unknown };
    if (o.version !== ENGINE_SNAPSHOT_VERSION) throw new Error(`unsupported monitor snapshot version: ${String(o.version)}`);
    this.state.load(o.state);
    const saved = new Map(o.detectors.map((x) => [x.id, x.own]));
    for (const entry of this.detectors) {
      const fresh = entry.d.createState();
      const own = saved.has(entry.d.meta.id) ? decodeValue(saved.get(entry.d.meta.id)) : fresh;
      // A detector that gained state since the snapshot keeps its new fields empty rather than undefined.
      entry.own = tracked(isPlainObject(fresh) && isPlainObject(own) ? { ...fresh, ...own } : own);
      // An incremental save after a whole restore writes every entry (the store holds none of them as parts).
      for (const [, t] of trackedFields(entry.own)) t.markAll();
    }
    this.findings.length = 0;
    this.findings.push(...(decodeValue(o.findings) as Finding[]));
    this.tokens.load(o.tokens);
    this.lastBlock = o.lastBlock === null ? undefined : BigInt(o.lastBlock);
  }

  /**
   * An incremental snapshot: the chain history as one part per entry, only the entries changed since the
   * last call (all of them with `whole`, or at the first call), and the detectors' state, the findings kept
   * and the token metadata as one part each (the caller writes those only when they changed). The head
   * names the block. `restoreParts` with every part saved gives an engine equal to this one.
   */
  snapshotParts(whole = false): EngineParts {
    return quietly(() => this.partsSnapshot(whole));
  }

  private partsSnapshot(whole: boolean): EngineParts {
    const first = !this.tracking;
    if (first) {
      this.state.trackChanges();
      this.tracking = true;
    }
    const parts = new Map<string, string | null>();
    const chain = whole || first ? this.state.allParts() : this.state.takeChangedParts();
    for (const [name, json] of chain) parts.set('s:' + name, json);
    // Detector state: a head per detector (its fields, the tracked maps and sets only named), and one part
    // per tracked entry changed since the last stored save (a deleted entry: null).
    const at = stamp();
    const collections: Array<TrackedMap<unknown, unknown> | TrackedSet<unknown>> = [];
    for (const { d, own } of this.detectors) {
      const fields = trackedFields(own);
      const id = d.meta.id;
      for (const [field, t] of fields) {
        if (whole || first) t.markAll();
        collections.push(t);
        if (t instanceof TrackedMap) {
          for (const k of t.pending()) parts.set(entryPart(id, field, k), t.has(k) ? JSON.stringify(encodeValue(t.peek(k))) : null);
        } else {
          for (const k of t.pending()) parts.set(entryPart(id, field, k), t.has(k) ? '1' : null);
        }
      }
      const kind = (t: unknown) => ({ [TRACKED]: t instanceof TrackedMap ? 'map' : 'set' });
      const head = own instanceof TrackedMap ? kind(own) : fields.length > 0 ? { ...encodeValue(Object.fromEntries(Object.entries(own as object).filter(([k]) => !fields.some(([f]) => f === k)))) as object, ...Object.fromEntries(fields.map(([f, t]) => [f, kind(t)])) } : encodeValue(own);
      parts.set('d:' + id, JSON.stringify(head));
    }
    parts.set('findings', JSON.stringify(encodeValue(this.findings)));
    parts.set('tokens', JSON.stringify(this.tokens.snapshot()));
    const head = JSON.stringify({ version: ENGINE_PARTS_VERSION, format: 'parts', lastBlock: this.lastBlock === undefined ? null : this.lastBlock.toString(), transactions: this.state.transactions });
    return { head, parts, saved: () => collections.forEach((t) => t.confirm(at)) };
  }

  private tracking = false;

  /** Loads an incremental snapshot (its head and every part saved) into this engine. */
  restoreParts(head: string, parts: ReadonlyMap<string, string>): void {
    const h = JSON.parse(head) as { version: number; lastBlock: string | null; transactions: number };
    if (h.version !== ENGINE_PARTS_VERSION) throw new Error(`unsupported monitor snapshot version: ${String(h.version)}`);
    const chain = new Map<string, string>();
    for (const [name, json] of parts) if (name.startsWith('s:')) chain.set(name.slice(2), json);
    this.state.loadParts(chain, h.transactions);
    // Detector entries, by detector and field.
    const entries = new Map<string, Map<string, Array<[unknown, string]>>>();
    for (const [name, json] of parts) {
      if (!name.startsWith('e:')) continue;
      const bar = name.indexOf('|');
      const bar2 = name.indexOf('|', bar + 1);
      const [id, field, key] = [name.slice(2, bar), name.slice(bar + 1, bar2), decodeValue(JSON.parse(name.slice(bar2 + 1)))];
      let byField = entries.get(id);
      if (!byField) entries.set(id, (byField = new Map()));
      const list = byField.get(field) ?? [];
      list.push([key, json]);
      byField.set(field, list);
    }
    const rebuild = (kind: unknown, list: Array<[unknown, string]> = []) =>
      kind === 'map' ? new TrackedMap(list.map(([k, json]) => [k, decodeValue(JSON.parse(json))] as [unknown, unknown])) : new TrackedSet(list.map(([k]) => k));
    const kindOf = (v: unknown) => (isPlainObject(v) && Object.keys(v).length === 1 && typeof v[TRACKED] === 'string' ? v[TRACKED] : undefined);
    for (const entry of this.detectors) {
      const fresh = entry.d.createState();
      const saved = parts.get('d:' + entry.d.meta.id);
      const byField = entries.get(entry.d.meta.id);
      const savedHead: unknown = saved !== undefined ? JSON.parse(saved) : undefined;
      const wasTracked = (field: string) => (field === '' ? kindOf(savedHead) : isPlainObject(savedHead) ? kindOf(savedHead[field]) : undefined) !== undefined;
      let own = savedHead !== undefined ? decodeValue(savedHead) : fresh;
      if (kindOf(own)) own = rebuild(kindOf(own), byField?.get(''));
      else if (isPlainObject(own)) own = Object.fromEntries(Object.entries(own).map(([k, v]) => [k, kindOf(v) ? rebuild(kindOf(v), byField?.get(k)) : v]));
      entry.own = tracked(isPlainObject(fresh) && isPlainObject(own) ? { ...fresh, ...own } : own);
      // A state saved whole in its part (before entries were tracked): its entries are written at the next save.
      for (const [field, t] of trackedFields(entry.own)) if (!wasTracked(field)) t.markAll();
    }
    this.findings.length = 0;
    const findings = parts.get('findings');
    if (findings !== undefined) this.findings.push(...(decodeValue(JSON.parse(findings)) as Finding[]));
    const tokens = parts.get('tokens');
    this.tokens.load(tokens === undefined ? undefined : JSON.parse(tokens));
    this.lastBlock = h.lastBlock === null ? undefined : BigInt(h.lastBlock);
    this.state.trackChanges();
    this.tracking = true;
  }

  async processBlocks(blocks: Iterable<StreamBlock>): Promise<Finding[]> {
    const out: Finding[] = [];
    for (const b of blocks) out.push(...(await this.processBlock(b)));
    return out;
  }

  /**
   * A reorg: findings from the dropped blocks are withdrawn (returned). The learnt history is kept (it
   * only makes addresses look older, never younger), which may hide a repeat of a dropped attack.
   */
  dropBlocks(numbers: readonly bigint[]): Finding[] {
    const dropped = new Set(numbers.map(Number));
    const gone = this.findings.filter((f) => dropped.has(Number(f.evidence.blockNumber)));
    const keep = this.findings.filter((f) => !dropped.has(Number(f.evidence.blockNumber)));
    this.findings.length = 0;
    this.findings.push(...keep);
    return gone;
  }

  private suppressed(f: Finding): boolean {
    if (f.subject.kind === 'address') return this.knownGood.has(f.subject.address.toLowerCase());
    return false;
  }
}

/**
 * Streams blocks `fromBlock`..`toBlock` of an endpoint through the engine with a `BlockStream` (an
 * in-memory store unless one is given) and returns the findings; reorgs withdraw dropped blocks' findings.
 */
export async function watchRange(
  engine: MonitorEngine,
  options: { rpcUrl: string; fromBlock: bigint; toBlock: bigint; store?: Store; onFinding?: (f: Finding) => void; /** Each block after the engine has seen it (recordings). */ onBlock?: (b: StreamBlock) => void },
): Promise<Finding[]> {
  const store = options.store ?? new SqliteStore(':memory:');
  const stream = new BlockStream({
    id: `monitor-${options.fromBlock}-${options.toBlock}`,
    rpcUrls: [options.rpcUrl],
    store,
    fromBlock: options.fromBlock,
    toBlock: options.toBlock,
    pollingIntervalMs: 50,
    onBlock: async (b) => {
      for (const f of await engine.processBlock(b)) options.onFinding?.(f);
      options.onBlock?.(b);
    },
    onReorg: (e) => {
      engine.dropBlocks(e.dropped.map((d) => d.number));
    },
  });
  try {
    await stream.run();
  } finally {
    if (!options.store) await store.close();
  }
  return engine.findings;
}
