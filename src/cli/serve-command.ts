/**
 * `argus serve`: the HTTP API (src/server). Loopback only unless --host says otherwise (then a warning);
 * API keys from ARGUS_API_KEYS (comma-separated), or one generated at start and printed once to stderr.
 * The alert routes read the `argus watch` store (--store); new alerts written there by a watcher in
 * another process are tailed into the live stream; with --bus (NATS JetStream, `argus detect` workers) the
 * live stream, retractions included, and the webhook sinks are fed from the bus instead (`AlertFeed`), and
 * the API reads the store (postgres://… from any machine). Token checks by address use ARGUS_RPC_URL (the only
 * endpoint the server calls). Stops cleanly on SIGINT/SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { loadConfig } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import { parseStoreSpec } from '../store/open.js';
import { LiveSink } from '../monitor/sinks/live.js';
import { checkUrl } from '../monitor/sinks/url-guard.js';
import { createLogger } from '../core/logger.js';
import { createRpcClient } from '../chain/rpc/client.js';
import { defaultDashboardDir } from '../server/dashboard.js';
import { createServer, DEFAULT_BODY_LIMIT } from '../server/index.js';
import { allowedHostsFor } from '../core/http-hosts.js';

export interface ServeCommandOptions {
  host?: string;
  allowedHost?: string[];
  port: string;
  store: string;
  rateLimit: string;
  bodyLimit: string;
  /** commander's --no-dashboard. */
  dashboard: boolean;
  requireKeyForReads?: boolean;
  explorer?: string[];
  /** NATS JetStream: the live stream and the sinks read the alerts the detect workers publish there. */
  bus?: string;
  webhook?: string;
  allowLoopbackWebhook?: boolean;
  price?: string[];
  label?: string[];
}

/** `--price ETH=3000 --price 0x…=1` as the server's price map; a bad one is a usage error. */
export function pricesFromFlags(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^(ETH|0x[0-9a-fA-F]{40})=(\d+(?:\.\d+)?)$/.exec(v);
    if (!m) throw new UsageError(`--price: '${v}' is not ETH=<usd> or <token address>=<usd>`);
    out[m[1] === 'ETH' ? 'ETH' : m[1]!.toLowerCase()] = Number(m[2]);
  }
  return out;
}

/** `--label 1:0x…=Treasury` as labels per chain; a bad one is a usage error. */
export function labelsFromFlags(values: readonly string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const v of values) {
    const m = /^(\d{1,10}):(0x[0-9a-fA-F]{40})=(.{1,64})$/.exec(v);
    if (!m) throw new UsageError(`--label: '${v}' is not <chainId>:<address>=<label>`);
    (out[m[1]!] ??= {})[m[2]!.toLowerCase()] = m[3]!;
  }
  return out;
}

/** `--explorer 1=https://etherscan.io` values as a map; a bad one is a usage error. */
export function explorersFromFlags(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = /^(\d{1,10})=(.*)$/.exec(v);
    if (!m) throw new UsageError(`--explorer: '${v}' is not <chainId>=<https URL> (or <chainId>= to drop a default)`);
    const base = m[2]!.trim();
    if (base && !/^https?:\/\/[^\s]+$/.test(base)) throw new UsageError(`--explorer: '${base}' is not an http(s) URL`);
    out[m[1]!] = base;
  }
  return out;
}

export const DEFAULT_HOST = '127.0.0.1';
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The keys in ARGUS_API_KEYS (comma-separated, blanks ignored). */
export function apiKeysFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
}

const positiveInt = (value: string, flag: string, min: number, max: number): number => {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`${flag}: '${value}' is not a whole number in ${min}..${max}`);
  return Number(value);
};

/** The chain id of the configured endpoint, or undefined with a warning: the server still starts without it. */
async function chainIdOf(rpcUrl: string): Promise<number | undefined> {
  try {
    const client = createRpcClient(rpcUrl, { profile: 'read', timeoutMs: 5_000 });
    return await client.getChainId();
  } catch (error) {
    process.stderr.write(`argus serve: warning: ARGUS_RPC_URL does not answer (${(error as Error).message.split('\n')[0]}); token checks by address will fail until it does\n`);
    return undefined;
  }
}

export { allowedHostsFor };

export async function runServe(opts: ServeCommandOptions): Promise<void> {
  const host = opts.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('--host: empty');
  const port = positiveInt(opts.port, '--port', 0, 65535);
  const rate = positiveInt(opts.rateLimit, '--rate-limit', 0, 1_000_000);
  const bodyLimit = positiveInt(opts.bodyLimit, '--body-limit', 1024, 64 * 1024 * 1024);
  if (!isLoopback(host)) {
    // Only reachable through an explicit --host: the default is loopback.
    process.stderr.write(`${pc.yellow('argus serve: warning:')} listening on ${host}, not loopback: anyone who can reach this address can read alerts and run free checks; POST routes still need an API key. Put TLS in front of it.\n`);
  }
  let apiKeys = apiKeysFromEnv(process.env.ARGUS_API_KEYS);
  // A key generated for this run is printed (here and in the dashboard URL); keys from the environment never are.
  let generated: string | undefined;
  if (apiKeys.length === 0) {
    generated = randomBytes(24).toString('base64url');
    apiKeys = [generated];
    process.stderr.write(`argus serve: no ARGUS_API_KEYS set; generated an API key for this run: ${generated}\n`);
  }
  if (opts.store && parseStoreSpec(opts.store).kind === 'sqlite') mkdirSync(path.dirname(path.resolve(parseStoreSpec(opts.store).location)), { recursive: true });
  const secret = process.env.ARGUS_WEBHOOK_SECRET;
  if (opts.webhook && !opts.bus) throw new UsageError('--webhook needs --bus: without a bus, `argus watch --webhook` delivers the alerts');
  if (opts.webhook && !secret) throw new UsageError('--webhook needs a signing secret in the environment variable ARGUS_WEBHOOK_SECRET');
  if (opts.webhook) checkUrl(opts.webhook, { allowLoopback: opts.allowLoopbackWebhook === true });
  const live = new LiveSink();
  const feed = opts.bus ? await startBusFeed(opts, live, secret) : undefined;
  const rpcUrl = process.env.ARGUS_RPC_URL;
  const chainId = rpcUrl ? await chainIdOf(rpcUrl) : undefined;
  const dashboardDir = opts.dashboard ? defaultDashboardDir() : undefined;
  if (opts.dashboard && !dashboardDir) process.stderr.write('argus serve: the dashboard is not built (npm run build); serving the API only\n');
  const app = await createServer({
    apiKeys,
    storeFile: opts.store,
    live,
    // With a bus the live stream comes from it (retractions too); without one, new alerts are read from the store.
    ...(feed ? {} : { tailStoreMs: 1000 }),
    ...(opts.allowLoopbackWebhook ? { webhookPolicy: { allowLoopback: true } } : {}),
    bodyLimit,
    rateLimit: rate === 0 ? false : { max: rate, timeWindowMs: 60_000 },
    ...(rpcUrl ? { rpcUrl } : {}),
    ...(chainId !== undefined ? { chainId } : {}),
    ...(dashboardDir ? { dashboardDir } : {}),
    allowedHosts: allowedHostsFor(host, opts.allowedHost ?? []),
    ...(opts.requireKeyForReads || process.env.ARGUS_REQUIRE_KEY_FOR_READS === '1' ? { requireKeyForReads: true } : {}),
    ...(opts.explorer?.length ? { explorers: explorersFromFlags(opts.explorer) } : {}),
    ...(opts.price?.length ? { prices: pricesFromFlags(opts.price) } : {}),
    ...(opts.label?.length ? { labels: labelsFromFlags(opts.label) } : {}),
    // The team's own domains from argus.config.json (fraud.allow): URL checks call them benign first.
    allowDomains: loadConfig().fraud.allow,
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await feed?.stop();
      await live.close();
      await app.close();
    })());
  const stopped = new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`argus serve: ${signal}, stopping\n`);
      for (const s of STOP_SIGNALS) process.off(s, onSignal);
      void stop().then(resolve, (error: unknown) => {
        process.stderr.write(`argus serve: error while stopping: ${(error as Error).message}\n`);
        resolve();
      });
    };
    for (const s of STOP_SIGNALS) process.on(s, onSignal);
  });
  try {
    await app.listen({ host, port });
  } catch (error) {
    await stop();
    throw new UsageError(`cannot listen on ${host}:${port}: ${(error as Error).message}`);
  }
  const address = app.server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const base = `http://${shown}:${address.port}`;
  process.stderr.write(`argus serve: listening on ${base}/api/v1 (OpenAPI at /api/v1/openapi.json)\n`);
  // As `argus demo` prints it: the key in the URL's fragment (never sent to the server; the page keeps it).
  if (dashboardDir) {
    const fragment = generated ? `#key=${generated}` : '#key=<one of ARGUS_API_KEYS>';
    process.stderr.write(`argus serve: ${pc.bold('dashboard:')} ${pc.underline(`${base}/${fragment}`)}\n`);
  }
  await stopped;
}

/**
 * With --bus: the live stream and the sinks (webhook subscriptions made through the API, and --webhook)
 * fed from the alerts the detect workers publish (see `AlertFeed`); the sinks' outbox is the store.
 */
async function startBusFeed(opts: ServeCommandOptions, live: LiveSink, secret: string | undefined): Promise<{ stop(): Promise<void> }> {
  const { connectBus } = await import('../monitor/bus/nats.js');
  const { AlertFeed } = await import('../monitor/bus/alert-feed.js');
  const { openStore } = await import('../store/open.js');
  const { SubscriptionSink } = await import('../monitor/sinks/subscriptions.js');
  const { WebhookSink } = await import('../monitor/sinks/webhook.js');
  const store = await openStore(opts.store);
  const bus = await connectBus(opts.bus!, { name: 'argus-serve' }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const logger = createLogger({ level: 'warn' });
  const allow = { allowLoopback: opts.allowLoopbackWebhook === true };
  const feed = new AlertFeed({
    bus,
    live,
    sinks: () => [new SubscriptionSink({ subscriptions: store, outbox: store, logger, allow }), ...(opts.webhook && secret ? [new WebhookSink({ url: opts.webhook, secret, store, allow, logger })] : [])],
    logger,
  });
  await feed.start();
  process.stderr.write(`argus serve: live stream and alert sinks fed from ${opts.bus} (sinks by one server at a time)\n`);
  return {
    async stop() {
      await feed.stop();
      await bus.close();
      await store.close();
    },
  };
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the HTTP API (audits, token, URL and post checks, alerts, live stream, metrics); loopback only by default. API keys: ARGUS_API_KEYS (comma-separated); token checks by address: ARGUS_RPC_URL')
    .option('--host <host>', `interface to listen on (default ${DEFAULT_HOST}; anything else is reachable from other machines)`)
    .option('--port <port>', 'TCP port (0 picks a free one)', '8080')
    .option('--store <file|url>', 'the store `argus watch` or `argus detect` writes alerts to: a SQLite file, or postgres://… (readable from any machine)', path.join('.argus', 'argus.db'))
    .option('--rate-limit <n>', 'requests per minute per API key, or per IP without one (0: no limit)', '600')
    .option('--body-limit <bytes>', 'largest request body', String(DEFAULT_BODY_LIMIT))
    .option('--no-dashboard', 'serve the API only, not the dashboard at /')
    .option('--allowed-host <name...>', 'also answer requests for this host name (a DNS name the server is reached by); others get 421')
    .option('--explorer <chainId=url...>', 'block explorer for a chain\'s links in the dashboard, e.g. 1=https://etherscan.io (Etherscan-style /address/, /tx/, /block/ paths); chainId= drops a default')
    .option('--bus <url>', 'NATS JetStream (nats://host:port) the `argus detect` workers publish alerts to: the live stream and the webhook sinks read them there')
    .option('--webhook <url>', 'with --bus: also POST every alert, signed with ARGUS_WEBHOOK_SECRET, through the store\'s durable outbox')
    .option('--allow-loopback-webhook', 'allow webhooks, subscriptions and their test messages on 127.0.0.1/localhost (refused by default; as argus watch --allow-loopback-webhook)')
    .option('--require-key-for-reads', 'every API read needs a key too, all but /healthz (also ARGUS_REQUIRE_KEY_FOR_READS=1); the dashboard sends it in a cookie for its live stream')
    .option('--price <asset=usd...>', 'a USD price for the dashboard to show evidence and value at risk in dollars: ETH=3000, or <token address>=1')
    .option('--label <chainId:address=label...>', "a known label shown next to an address in the dashboard, e.g. 1:0x…=Treasury (routers, WETH and others of mainnet are known already)")
    .action(async (opts: ServeCommandOptions) => {
      await runServe(opts);
    });
}
