import { accessSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import type { Address } from 'viem';
import { createRpcClient } from '../chain/rpc/client.js';
import { ArgusError, ERROR_CODES, UsageError } from '../core/errors.js';
import { classifyRpcError, redactUrl, type RpcOutageError } from '../chain/rpc/errors.js';
import { retryOutages, StoppedError } from '../chain/rpc/retry.js';
import { createLogger } from '../core/logger.js';
import type { Alert, AlertEvent, Retraction } from '../core/alert.js';
import type { AlertSink } from '../monitor/sinks/sink.js';
import { writeLine } from '../monitor/sinks/stdout.js';
import type { DevnetDescription } from '../chain/devnet/devnet.js';
import type { GroundTruth } from '../chain/scenarios/truth.js';
import type { StreamBlock } from '../chain/stream/block-stream.js';
import type { Finding } from '../core/finding.js';
import type { Store } from '../store/store.js';
import { toJson } from '../core/json.js';
import { bundledSanctions } from '../fraud/intel/store.js';
import { parseAddressList } from './address-list.js';
import { parseSanctioned } from './simulate-command.js';

export interface WatchCommandOptions {
  /** DAO proposals simulated as they appear: true, or governors (commas) whose every transaction is read. */
  proposals?: boolean | string;
  listFile?: string;
  protocol?: string;
  rpc?: string;
  store: string;
  jsonl?: string;
  webhook?: string;
  allowLoopbackWebhook?: boolean;
  sanctioned?: string;
  /** False with --no-ofac: do not screen against the bundled OFAC snapshot. */
  ofac?: boolean;
  knownGood?: string;
  devnet?: string;
  json?: boolean;
  seed: string;
  from?: string;
  to?: string;
  stateEvery: string;
  wallets: string;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** `--json`: one `AlertEvent` a line on stdout (the JSONL shape). */
class JsonStdoutSink implements AlertSink {
  readonly name = 'stdout-json';
  async send(alert: Alert): Promise<void> {
    await this.write({ type: 'alert', alert });
  }
  async retract(retraction: Retraction): Promise<void> {
    await this.write({ type: 'retraction', retraction });
  }
  async close(): Promise<void> {}
  /** Resolves once the line left the process (see writeLine): only then is the alert marked dispatched. */
  private write(event: AlertEvent): Promise<void> {
    return writeLine(process.stdout, toJson(event) + '\n');
  }
}

/** What `argus demo` adds to a watch: its own sinks, and a hook once the chain is known (to start the server). */
export interface WatchHooks {
  /** More sinks beside stdout (e.g. the live stream of a server in the same process). */
  extraSinks?: AlertSink[];
  /** Stdout lines also say why (the finding's explanation), for people new to the output. */
  explain?: boolean;
  /** Called once the chain and the store are known, before the first block; returns how to stop what it started. */
  onReady?: (info: { rpcUrl: string; chainId: number; storeFile: string; devnet?: DevnetDescription }) => Promise<() => Promise<void>>;
  /** Devnet mode: each attack the scenario mix finished, with its ground truth (the monitor never sees it). */
  onAttack?: (truth: GroundTruth) => void;
  /** After each block the monitor processed, with the findings (and incidents) it raised on it. */
  onBlock?: (blockNumber: number, findings: readonly Finding[]) => void;
  /** Devnet mode: seconds of quiet between two attacks of the scenario mix (default 0). */
  attackPauseSeconds?: number;
}

function parseBlock(value: string | undefined, name: string): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value.trim())) throw new UsageError(`${name} must be a block number`);
  return BigInt(value.trim());
}

/**
 * The status line while the node does not answer: said at the first failed attempt, then every 10 s of
 * waiting, then once when it answers again (with how long it took).
 */
function nodeWaitStatus(rpcUrl: string, say: (m: string) => void): { onRetry: (error: RpcOutageError, attempt: number, delayMs: number) => void; answered: () => void } {
  const every = 10_000;
  let since: number | undefined;
  let lastSaid = 0;
  return {
    onRetry(error, attempt, delayMs) {
      const now = Date.now();
      since ??= now;
      if (attempt > 1 && now - lastSaid < every) return;
      lastSaid = now;
      const reason = (error.message.split('\n')[0] ?? '').replace(` to ${redactUrl(rpcUrl)}`, '');
      say(`waiting for the node at ${redactUrl(rpcUrl)} (${Math.round((now - since) / 1000)} s so far; next try in ${(delayMs / 1000).toFixed(1)} s): ${reason}`);
    },
    answered() {
      if (since === undefined) return;
      say(`the node at ${redactUrl(rpcUrl)} answers again after ${((Date.now() - since) / 1000).toFixed(1)} s of waiting`);
      since = undefined;
      lastSaid = 0;
    },
  };
}

/**
 * Opens the store, turning what can be wrong with its file into a message that names the file, says what
 * is wrong and what to do (ARGUS_STORE, exit 4), rather than a stack trace.
 */
function openWatchStore<T>(file: string, open: () => T): T {
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? `a part of ${dir} is a file, not a folder` : code === 'EACCES' || code === 'EPERM' ? `no permission to create ${dir}` : (error as Error).message;
    throw new ArgusError(ERROR_CODES.STORE, `cannot create the folder of the store ${file}: ${why}. Pass --store a path in a folder you can write`, { file, code }, { cause: error });
  }
  try {
    const st = statSync(file, { throwIfNoEntry: false });
    if (st?.isDirectory()) throw new ArgusError(ERROR_CODES.STORE, `the store ${file} is a folder, not a file: pass --store a file path (e.g. ${path.join(file, 'argus.db')})`, { file });
    if (st) accessSync(file, fsConstants.R_OK | fsConstants.W_OK);
    accessSync(dir, fsConstants.W_OK);
  } catch (error) {
    if (error instanceof ArgusError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArgusError(
      ERROR_CODES.STORE,
      `the store ${file} is not writable (${code ?? (error as Error).message}): watch writes its checkpoint, alerts and outbox there. Make the file and its folder writable by this user (chmod u+rw), or pass --store another path`,
      { file, code },
      { cause: error },
    );
  }
  try {
    return open();
  } catch (error) {
    throw storeError(file, error);
  }
}

/** What an error of SQLite on the store `file` means for the user: what is wrong, and what to do. */
function storeError(file: string, error: unknown): ArgusError {
  const message = (error as Error).message;
  const detail = message.replace(`the store ${file} is damaged: `, '').replace(`cannot open the SQLite store ${file}: `, '');
  const text = `${String((error as { code?: unknown }).code ?? '')} ${String((error as { cause?: { code?: unknown } }).cause?.code ?? '')} ${message}`;
  if (/SQLITE_NOTADB|file is not a database/i.test(text)) {
    return new ArgusError(ERROR_CODES.STORE, `the store ${file} is not an Argus store (not a SQLite database, or its header is damaged). Move it aside or pass --store another path: watch then starts a new store`, { file }, { cause: error });
  }
  if (/SQLITE_CORRUPT|malformed|is damaged|SQLITE_IOERR|disk I\/O error/i.test(text)) {
    return new ArgusError(
      ERROR_CODES.STORE,
      `the store ${file} is damaged (${detail.slice(0, 160)}). Restore it from a backup, or recover what SQLite can (\`sqlite3 ${file} .recover | sqlite3 new.db\`), or move it aside: a new store starts again from --from (and sends again what it raises)`,
      { file },
      { cause: error },
    );
  }
  if (/SQLITE_READONLY|readonly/i.test(text)) {
    return new ArgusError(ERROR_CODES.STORE, `the store ${file} is read-only: make it and its folder writable by this user, or pass --store another path`, { file }, { cause: error });
  }
  if (error instanceof ArgusError) return error;
  return new ArgusError(ERROR_CODES.STORE, `cannot use the store ${file}: ${detail}`, { file }, { cause: error });
}

export async function runWatch(opts: WatchCommandOptions, hooks: WatchHooks = {}): Promise<number> {
  // Everything that can be refused is refused before anything starts.
  if (!/^[\w.-]{1,64}$/.test(opts.seed)) throw new UsageError('--seed must be 1 to 64 letters, digits, dots or dashes');
  const wallets = Number(opts.wallets);
  if (!/^\d+$/.test(opts.wallets) || wallets < 2 || wallets > 500) throw new UsageError('--wallets must be a whole number from 2 to 500');
  if (opts.rpc && !/^(https?|wss?):\/\//.test(opts.rpc)) throw new UsageError(`--rpc: '${opts.rpc}' is not an http(s):// or ws(s):// URL`);
  const fromBlock = parseBlock(opts.from, '--from');
  const toBlock = parseBlock(opts.to, '--to');
  const stateEvery = Number(opts.stateEvery);
  if (!/^\d+$/.test(opts.stateEvery) || stateEvery < 1 || stateEvery > 1_000_000) throw new UsageError('--state-every must be a whole number from 1 to 1000000');
  if (toBlock !== undefined && !opts.rpc) throw new UsageError('--to needs --rpc (the devnet mode runs until stopped)');
  // The user's list first (the devnet's sanctions scenario pays its first address), then the bundled
  // OFAC snapshot unless --no-ofac: screening is on by default, as compliance expects.
  const ofac = opts.ofac === false ? undefined : bundledSanctions();
  const sanctioned = [...new Set([...parseSanctioned(opts.sanctioned).map((a) => a.toLowerCase()), ...(ofac?.addresses ?? [])])] as Address[];
  const userKnownGood = parseAddressList(opts.knownGood, '--known-good');
  const secret = process.env.ARGUS_WEBHOOK_SECRET;
  if (opts.webhook && !secret) throw new UsageError('--webhook needs a signing secret in the environment variable ARGUS_WEBHOOK_SECRET (receivers check the X-Argus-Signature HMAC with it)');
  if (opts.webhook) {
    const { checkUrl } = await import('../monitor/sinks/url-guard.js');
    checkUrl(opts.webhook, { allowLoopback: opts.allowLoopbackWebhook === true });
  }

  const say = (m: string) => process.stderr.write(pc.dim(`argus: ${m}`) + '\n');
  const logger = createLogger({ level: 'warn' });
  let stopRequested: string | undefined;
  let onStop: (() => void) | undefined;
  // Ends every wait for the node (at start, and the engine's chain reads) as soon as a stop is asked for.
  const stopWaiting = new AbortController();
  const onSignal = (signal: string) => {
    stopRequested ??= signal;
    stopWaiting.abort();
    onStop?.();
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);

  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (error) {
        say(`while stopping: ${(error as Error).message}`);
      }
    }
  };
  try {
    const { SqliteStore } = await import('../store/sqlite.js');
    const { MonitorEngine, devnetKnownGood } = await import('../monitor/engine.js');
    const { AlertDispatcher } = await import('../monitor/sinks/dispatcher.js');
    const { StdoutSink } = await import('../monitor/sinks/stdout.js');
    const { JsonlSink } = await import('../monitor/sinks/jsonl.js');
    const { WebhookSink } = await import('../monitor/sinks/webhook.js');
    const { Watcher } = await import('../monitor/watch.js');
    const { MonitorStateStore } = await import('../monitor/state-store.js');

    const { parseStoreSpec, openStore } = await import('../store/open.js');
    const spec = parseStoreSpec(opts.store);
    const { redactPgUrl } = await import('../store/postgres/database.js');
    const storeFile = spec.kind === 'postgres' ? redactPgUrl(spec.location) : path.resolve(spec.location);
    // One store for everything: the stream's checkpoint, the alerts, the webhook outbox and subscriptions,
    // the engine's state. A SQLite file is checked whole at open: a damaged file is refused with what is
    // wrong and what to do, before a block is processed on it. A postgres:// URL is connected and migrated.
    const store: Store =
      spec.kind === 'postgres' ? await openStore(spec.location) : openWatchStore(storeFile, () => new SqliteStore(storeFile, { checkIntegrity: true }));
    cleanups.push(() => store.close());

    // The chain: an endpoint, or a devnet of our own with the scenario mix running on it.
    let rpcUrl: string;
    let knownGood: string[] = [];
    let streamId: string;
    let start: bigint | undefined = fromBlock;
    let simulation: Promise<void> | undefined;
    let stopDevnet: (() => Promise<void>) | undefined;
    let devnetInfo: DevnetDescription | undefined;
    cleanups.push(async () => stopDevnet?.());
    const simAbort = new AbortController();
    if (opts.rpc) {
      rpcUrl = opts.rpc;
      // A devnet started by `argus devnet --out FILE`: its router, WETH, factory and pools are infrastructure.
      if (opts.devnet) knownGood = devnetKnownGood(readDevnetDescription(opts.devnet));
    } else {
      const { startDevnet } = await import('../chain/devnet/devnet.js');
      let devnet: Awaited<ReturnType<typeof startDevnet>>;
      try {
        devnet = await startDevnet({ port: 0, onProgress: say });
      } catch (error) {
        if (stopRequested !== undefined) return 0; // Ctrl-C during start-up reaches the node too
        throw error;
      }
      let stopping: Promise<void> | undefined;
      stopDevnet = () => (stopping ??= devnet.stop());
      const description = devnet.describe();
      devnetInfo = description;
      rpcUrl = description.rpcUrl;
      knownGood = devnetKnownGood(description);
      // A fresh chain each run: its own checkpoint, from genesis so that the engine learns the whole history.
      streamId = `watch:devnet:${description.pid}:${Date.now()}`;
      start = 0n;
      say(`devnet at ${description.rpcUrl} (node pid ${description.pid}); running the scenario mix (seed ${opts.seed})`);
      if (stopRequested === undefined) {
        const { simulate } = await import('../chain/scenarios/run.js');
        simulation = simulate(description, {
          seed: opts.seed,
          mode: 'continuous',
          wallets,
          sanctioned,
          signal: simAbort.signal,
          ...(hooks.onAttack ? { onAttack: hooks.onAttack } : {}),
          ...(hooks.attackPauseSeconds ? { pauseMs: hooks.attackPauseSeconds * 1000 } : {}),
          onProgress: (m) => say(`simulate: ${m}`),
        }).then(
          () => undefined,
          (error: unknown) => {
            if (!simAbort.signal.aborted) say(`simulate stopped: ${(error as Error).message}`);
          },
        );
      }
    }
    const client = createRpcClient(rpcUrl, { profile: 'read' });
    // A monitor waits for its node: at start (the node may be down or still starting) and whenever a chain
    // read of the engine meets an outage, without limit, with a status line; a stop ends the wait at once.
    const waiting = nodeWaitStatus(rpcUrl, say);
    const untilAnswered = <T>(method: string, fn: () => Promise<T>): Promise<T> =>
      retryOutages(
        () =>
          fn().catch((error: unknown) => {
            throw classifyRpcError(error, method, rpcUrl);
          }),
        { signal: stopWaiting.signal, onRetry: waiting.onRetry, onRecovered: waiting.answered },
      );
    let chainId: number;
    try {
      chainId = await untilAnswered('eth_chainId', () => client.getChainId());
      if (opts.rpc) {
        const genesis = await untilAnswered('eth_getBlockByNumber', () => client.getBlock({ blockNumber: 0n }));
        streamId = `watch:${chainId}:${genesis.hash}`;
      }
    } catch (error) {
      if (error instanceof StoppedError) {
        say(`${stopRequested ?? 'stopped'} while waiting for the node at ${redactUrl(rpcUrl)}: nothing processed`);
        return 0;
      }
      if (error instanceof ArgusError) throw error;
      throw new ArgusError(ERROR_CODES.STREAM, `cannot use ${redactUrl(rpcUrl)}: ${(error as Error).message.split('\n')[0]}`, { url: redactUrl(rpcUrl) }, { cause: error });
    }

    const sinks: AlertSink[] = [opts.json ? new JsonStdoutSink() : new StdoutSink({ explain: hooks.explain === true }), ...(hooks.extraSinks ?? [])];
    if (opts.jsonl) sinks.push(new JsonlSink(path.resolve(opts.jsonl)));
    if (opts.webhook && secret) {
      sinks.push(new WebhookSink({ url: opts.webhook, secret, store, allow: { allowLoopback: opts.allowLoopbackWebhook === true }, logger }));
    }
    // Subscriptions made through the API (`argus serve`, same store file) are delivered from here too.
    const { SubscriptionSink } = await import('../monitor/sinks/subscriptions.js');
    sinks.push(new SubscriptionSink({ subscriptions: store, outbox: store, logger, allow: { allowLoopback: opts.allowLoopbackWebhook === true } }));
    // The dispatcher persists every alert in the alert store first (and skips ids already stored).
    const dispatcher = new AlertDispatcher({ sinks, store, logger });
    cleanups.push(() => dispatcher.close());

    // The engine's history, for restarts (--rpc; a devnet of our own is a new chain every run).
    // Saved incrementally: a block writes the history entries it changed, not the whole history.
    const stateStore = opts.rpc ? new MonitorStateStore(store, { everyBlocks: stateEvery, incremental: true }) : undefined;
    // Never reported as actors: the chain's public infrastructure, the devnet's, and the user's own list.
    const { knownGoodFor } = await import('../monitor/known-good.js');
    knownGood = [...knownGood, ...knownGoodFor(chainId), ...userKnownGood];
    // Bounded memory: findings of incidents that ended outside the window are forgotten (alerts unchanged).
    const detectors = opts.proposals ? await withProposals(opts.proposals, rpcUrl.replace(/^ws/, 'http')) : undefined;
    const engine = new MonitorEngine({ chainId, knownGood, sanctioned, ...(ofac ? { sanctionLabels: ofac.labels } : {}), ...(detectors ? { detectors } : {}), rpcUrl: rpcUrl.replace(/^ws/, 'http'), retainFindings: 'window',
      readRetry: { maxAttempts: Number.POSITIVE_INFINITY, signal: stopWaiting.signal, onRetry: waiting.onRetry, onRecovered: waiting.answered },
    });
    const watcher = new Watcher({
      engine,
      dispatcher,
      chainId,
      rpcUrls: [rpcUrl],
      store,
      streamId: streamId!,
      ...(start !== undefined ? { fromBlock: start } : {}),
      ...(toBlock !== undefined ? { toBlock } : {}),
      pollingIntervalMs: opts.rpc ? 1_000 : 100,
      logger,
      ...(stateStore ? { stateStore } : {}),
      onBlock: (b: StreamBlock, findings: readonly Finding[]) => {
        hooks.onBlock?.(Number(b.block.number), findings);
        void live?.onBlock(b, findings).catch((error: unknown) => say(`compliance: ${(error as Error).message}`));
      },
    });
    // Compliance live: a polled sanctions list file re-screens history; followed protocols are re-scored on privileged events.
    const live = opts.listFile || opts.protocol ? await startComplianceLive(opts, { chainId, dispatcher, engine, store, rpcUrl: rpcUrl.replace(/^ws/, 'http'), say }) : undefined;
    if (live) cleanups.push(async () => live.stop());
    say(`screening against ${[ofac ? `${ofac.list} (${ofac.addresses.length} addresses, as of ${ofac.asOf})` : '', opts.sanctioned ? 'your --sanctioned list' : ''].filter(Boolean).join(' and ') || 'no sanctions list (--no-ofac)'}`);
    say(`watching chain ${chainId} at ${rpcUrl}; store ${storeFile}${opts.jsonl ? `, alerts also to ${opts.jsonl}` : ''}${opts.webhook ? `, webhook ${new URL(opts.webhook).origin}` : ''}`);

    if (hooks.onReady && stopRequested === undefined) cleanups.push(await hooks.onReady({ rpcUrl, chainId, storeFile, ...(devnetInfo ? { devnet: devnetInfo } : {}) }));

    const stopAll = async () => {
      simAbort.abort();
      await watcher.stop();
    };
    onStop = () => void stopAll();
    if (stopRequested !== undefined) void stopAll();
    const started = performance.now();
    let failed = false;
    try {
      await watcher.run();
    } catch (error) {
      failed = true;
      // The store can break under a running watch too (a disk error, the file damaged or replaced).
      if ((error as Error).name === 'SqliteError') throw storeError(storeFile, error);
      throw error;
    } finally {
      simAbort.abort();
      await watcher.stop().catch(() => undefined);
      // The devnet goes first (an attack in flight then fails fast), then the simulation settles.
      await stopDevnet?.();
      await simulation;
      const s = watcher.stats;
      say(`${failed ? 'failed' : (stopRequested ?? (toBlock !== undefined ? `done at block ${toBlock}` : 'stopped'))}: ${s.blocks} blocks, ${s.transactions} transactions, ${s.alerts} alerts (${s.duplicates} already stored, ${s.retracted} retracted) in ${((performance.now() - started) / 1000).toFixed(1)} s; checkpoint ${watcher.checkpoint?.number ?? '-'}${s.restoredAt !== null ? `; resumed with the monitor state saved at block ${s.restoredAt}` : ''}`);
    }
    return 0;
  } finally {
    await cleanup();
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
}

export function watchCommand(): Command {
  return new Command('watch')
    .description('monitor a chain: stream blocks through the on-chain detectors and send alerts (default: a devnet of its own with the attack scenarios running)')
    .option('--rpc <url>', 'follow this JSON-RPC endpoint (http(s):// or ws(s)://) instead of starting a devnet')
    .option('--store <file|url>', 'the store for the checkpoint and the alerts: a SQLite file (sqlite:path or a path), or postgres://…', path.join('.argus', 'argus.db'))
    .option('--jsonl <file>', 'also append every alert and retraction to this JSON-lines file')
    .option('--webhook <url>', 'also POST every alert, signed with ARGUS_WEBHOOK_SECRET, through a durable outbox')
    .option('--allow-loopback-webhook', 'allow a webhook on 127.0.0.1/localhost (refused by default)')
    .option('--sanctioned <list>', 'sanctions list: addresses separated by commas, or a file of addresses (added to the bundled OFAC snapshot)')
    .option('--no-ofac', 'do not screen against the bundled OFAC SDN snapshot')
    .option('--list-file <file>', 'a sanctions list file to poll: each new version is diffed, stored transfers re-screened and list-change alerts raised live')
    .option('--protocol <addresses>', 'protocols whose risk (argus protocol) is re-assessed when a privileged event touches them; commas')
    .option('--proposals [governors]', "--rpc: simulate DAO proposals as they are made or queued (argus proposal's engine, on a fork) and alert while the vote is open; optionally the governors (commas) whose every transaction is read, for proposals made through another contract")
    .option('--devnet <file>', "--rpc on a devnet: its description (`argus devnet --out FILE`), whose router, WETH, factory and pools are known good")
    .option('--known-good <list>', 'addresses never reported as actors (your exchanges, routers, treasuries): commas, or a file; added to the bundled list for the chain')
    .option('--json', 'print one JSON line per alert or retraction on stdout')
    .option('--seed <seed>', 'devnet mode: seed of the scenario mix', '1')
    .option('--wallets <n>', 'devnet mode: background wallets', '30')
    .option('--from <block>', '--rpc: first block when the store has no checkpoint (default: the head)')
    .option('--state-every <blocks>', "--rpc: save the monitor's history for restarts every N blocks (a restart replays up to N-1 blocks)", '1')
    .option('--to <block>', '--rpc: stop after this block (a replay); default: follow until Ctrl-C')
    .action(async (opts: WatchCommandOptions) => {
      process.exitCode = await runWatch(opts);
    });
}

/** A devnet description written by `argus devnet --out`, checked for the addresses the known-good list needs. */
function readDevnetDescription(file: string): Pick<DevnetDescription, 'contracts' | 'pools'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--devnet: cannot read ${file} as a devnet description (${(error as Error).message.split('\n')[0]})`);
  }
  const d = parsed as Partial<DevnetDescription>;
  const ok = d && typeof d === 'object' && d.contracts && [d.contracts.weth9, d.contracts.uniswapV2Factory, d.contracts.uniswapV2Router02].every((a) => typeof a === 'string' && /^0x[0-9a-fA-F]{40}$/.test(a)) && d.pools && typeof d.pools === 'object';
  if (!ok) throw new UsageError(`--devnet: ${file} is not a devnet description (written by argus devnet --out): contracts.weth9, uniswapV2Factory, uniswapV2Router02 and pools are needed`);
  return { contracts: d.contracts as DevnetDescription['contracts'], pools: d.pools as DevnetDescription['pools'] };
}

async function startComplianceLive(
  opts: WatchCommandOptions,
  ctx: { chainId: number; dispatcher: import('../monitor/sinks/dispatcher.js').AlertDispatcher; engine: import('../monitor/engine.js').MonitorEngine; store: import('../store/store.js').CheckpointStore; rpcUrl: string; say: (line: string) => void },
): Promise<{ onBlock: (b: StreamBlock, findings: readonly Finding[]) => Promise<unknown>; stop: () => void }> {
  const { ComplianceLive } = await import('../monitor/compliance-live.js');
  const protocols = (opts.protocol ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  for (const p of protocols) if (!/^0x[0-9a-fA-F]{40}$/u.test(p)) throw new UsageError(`--protocol: '${p}' is not an address`);
  if (opts.listFile && !existsSync(opts.listFile)) throw new UsageError(`--list-file: ${opts.listFile} does not exist`);
  const live = new ComplianceLive({ chainId: ctx.chainId, dispatcher: ctx.dispatcher, engine: ctx.engine, ledger: ctx.store, rpcUrl: ctx.rpcUrl, protocols });
  await live.start();
  for (const [address, r] of live.scores) ctx.say(`protocol ${address}: risk ${r.score.level} ${r.score.points}/100`);
  const stop = opts.listFile
    ? live.watchListFile(opts.listFile, {
        onApplied: ({ change, findings }) => ctx.say(`list ${change.source} (${change.date}): ${change.added.length} newly listed, ${change.removed.length} removed; ${findings.length} alert(s)`),
        onError: (error) => ctx.say(`--list-file: ${error.message} (kept the lists held; waiting for the next change)`),
      })
    : () => undefined;
  return { onBlock: (b, f) => live.onBlock(b, f), stop };
}

/**
 * The default detectors plus the proposal simulator: it forks the chain for each proposal, so it runs only
 * when asked (`--proposals`), never by default.
 */
async function withProposals(value: boolean | string, rpcUrl: string) {
  const governors = typeof value === 'string' ? value.split(',').map((a) => a.trim()).filter(Boolean) : [];
  for (const g of governors) if (!/^0x[0-9a-fA-F]{40}$/u.test(g)) throw new UsageError(`--proposals: '${g}' is not a governor address`);
  const { MONITOR_DETECTORS, governanceProposalDetector } = await import('../monitor/index.js');
  return [...MONITOR_DETECTORS, governanceProposalDetector({ rpcUrl, governors })];
}
