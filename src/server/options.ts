import type { AttackVerdict, ScoreboardSummary } from '../chain/scenarios/scoreboard.js';
import type { DomainChecker } from '../fraud/domains/index.js';
import type { IntelStore } from '../fraud/intel/store.js';
import type { LiveSink } from '../monitor/sinks/live.js';
import type { DestinationPolicy } from '../monitor/sinks/url-guard.js';
import type { DexConfig } from '../token/simulate/pool.js';

export interface ServerOptions {
  /** Keys accepted for routes that write or cost work; at least one. */
  apiKeys: string[];
  /** The store of `argus watch` / `argus detect` (a SQLite file or a postgres:// URL); without it the alert routes answer 503. */
  storeFile?: string;
  /** The live alert stream to serve at /alerts/stream; without it that route answers 503. */
  live?: LiveSink;
  /**
   * Poll the store every this many ms and publish new alerts to `live`, so that an `argus watch` in
   * another process writing the same file feeds the stream (off when unset). Retractions are not tailed.
   */
  tailStoreMs?: number;
  /** The only RPC endpoint the server calls: token checks by address, pool reserves (never a URL from a request). */
  rpcUrl?: string;
  /** The DEX token checks trade on (default: Uniswap V2 on mainnet; required on other chains, e.g. a devnet's). */
  tokenDex?: DexConfig;
  /** Token checks by address (RPC calls and a forked trade simulation) running at once (default 2); more get 503. */
  maxTokenChecks?: number;
  /** Largest request body in bytes (default 2 MiB). */
  bodyLimit?: number;
  /** Requests per window per API key (or IP); `false` turns rate limiting off. Default 600 a minute. */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  /**
   * Concurrent live-stream connections (default 100). A tenth of them (at least one) are kept for clients
   * with a valid key, so key-less clients cannot take every slot.
   */
  maxStreams?: number;
  /** Live-stream connections one client (one key, or one address without a key) may hold (default 8). */
  maxStreamsPerClient?: number;
  /**
   * Host names (without port) the server answers to: a request whose `Host` header names another is
   * refused with 421, so a page on another domain that rebinds its DNS to this address cannot read the
   * key-less routes. Default: the loopback names (`127.0.0.1`, `localhost`, `::1`); `argus serve --host`
   * adds the interface's addresses and `--allowed-host` names. `false`: no check (a proxy in front does it).
   */
  allowedHosts?: readonly string[] | false;
  /**
   * Every API read needs a key too (all but /healthz): for a server that others can reach. The dashboard's
   * live stream (EventSource, which cannot send headers) then presents it in the `argus_key` cookie or a
   * `key` query parameter; those two are taken for GET requests only, never for a write.
   */
  requireKeyForReads?: boolean;
  /** Fastify's logger (off by default). */
  logger?: boolean;
  /** The domain checker (default: bundled lists and model); tests may pass a light one. */
  domains?: DomainChecker;
  /** The team's own domains, allowed before any URL check (config `fraud.allow`; POST /urls/allowlist adds more). */
  allowDomains?: readonly string[];
  intel?: IntelStore;
  /** The built dashboard (`dist/web`), served at `/`; none: no dashboard. */
  dashboardDir?: string;
  /** Webhook destinations a subscription may name (default: public addresses only). */
  webhookPolicy?: DestinationPolicy;
  /**
   * Block explorers per chain id, for the dashboard's links: a base URL such as `https://etherscan.io`
   * (links are `<base>/address/<a>`, `<base>/tx/<hash>`, `<base>/block/<n>`, as Etherscan and its kin
   * use). Merged over `DEFAULT_EXPLORERS`; an empty string removes a default.
   */
  explorers?: Record<string, string>;
  /** The chain the alerts and `rpcUrl` are about, shown by GET /info. */
  chainId?: number;
  /** Shown by GET /info: this server runs the `npm start` demo. */
  demo?: boolean;
  /** The demo's simulated attacks judged against the alerts (GET /demo/attacks); demo only. */
  scoreboard?: { summary(): ScoreboardSummary; verdicts(): AttackVerdict[] };
  /** USD per whole unit: `ETH`, or a token's lower-case address (GET /info `prices`; see prices.ts). */
  prices?: Record<string, number>;
  /** Known labels of addresses per chain id, over the bundled ones (GET /info `labels`). */
  labels?: Record<string, Record<string, string>>;
}
