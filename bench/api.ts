import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pc from 'picocolors';
import type { Finding } from '../src/core/finding.js';
import { seededRandom } from '../src/core/random.js';
import { type Alert } from '../src/core/alert.js';
import { makeAlert } from '../src/core/alert-id.js';
import { SqliteStore, type AlertPageQuery } from '../src/store/index.js';

/**
 * `npm run bench:api`: requests per second and latency of the `argus serve` HTTP API under load.
 *
 * What: (1) the alert query, GET /api/v1/alerts — the newest page, a severity filter, a common and a rare
 * detector filter, and a deep page reached through a cursor — and (2) the URL check, GET /api/v1/urls/check?u=
 * rotating through realistic legitimate and phishing-lookalike URLs, and POST /api/v1/urls/check with batches
 * of 100 (API key; URLs/s reported too).
 *
 * How: a fresh SQLite alert store in a temp dir is seeded through the monitor's own write path
 * (`makeAlert` + `SqliteStore.saveAlert`, one autocommit per alert as `argus watch` does) with
 * --alerts (default 50,000) alerts over --blocks (default 20,000) mainnet-like blocks, in a realistic
 * detector/severity mix and with a few whole blocks retracted by a reorg. Each alert copies the finding of a
 * real one (one per monitor detector, embedded below from a recorded `argus watch` run), with addresses,
 * hashes and blocks varied by the project's seeded PRNG. Then the built CLI runs as a child process
 * (`argus serve --store <file> --port 0 --rate-limit 0`, loopback), and this process drives each case with
 * autocannon for --duration seconds (default 10) over --connections keep-alive connections (default 32),
 * after a 2 s warm-up. Latency percentiles are computed from every response's own time (autocannon's
 * histogram rounds to whole milliseconds). Every case must answer 2xx with no socket errors: a non-2xx
 * or error count is printed in red and makes the exit code 1. The server's CPU time is read from
 * /proc/<pid>/stat (utime + stime) around each case, as process.cpuUsage() cannot see a child.
 *
 * Why a second process: the load generator must not share the server's event loop, or its own work
 * (building requests, parsing responses) would be charged to the server and its queueing hidden. Both
 * still share this machine's cores (2, shared), so the figures are a floor for a dedicated server; the
 * CPU columns say how busy each side was.
 *
 * Flags: --json, --duration S, --connections N, --alerts N, --blocks N, --seed S, --against REF.
 *
 * --against REF (or ARGUS_BENCH_AGAINST=REF): the same cases on the tree of commit REF too, in one run:
 * REF's files are extracted with `git archive` into a temp dir (no worktree, nothing in .git changes),
 * built there with this tree's node_modules, and its `argus serve` started on the same store; each case
 * then runs on the two servers alternately (REF, this tree, REF, this tree), and the ratios this/REF of
 * requests per second and of server CPU per request are printed from the means of each tree's runs.
 * Alternating spreads the machine's drift over both trees, which a run of each after the other does not.
 */

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const json = argv.includes('--json');
const DURATION = Number(value('--duration') ?? 10);
const CONNECTIONS = Number(value('--connections') ?? 32);
const ALERTS = Number(value('--alerts') ?? 50_000);
const BLOCKS = Number(value('--blocks') ?? 20_000);
const SEED = value('--seed') ?? 'bench-api';
const AGAINST = value('--against') ?? process.env.ARGUS_BENCH_AGAINST;
const WARMUP_SECONDS = 2;
const BATCH = 100;
const FIRST_BLOCK = 21_000_000;
const CHAIN_ID = 1;
const API_KEY = 'bench-api-key';
for (const [flag, n] of [['--duration', DURATION], ['--connections', CONNECTIONS], ['--alerts', ALERTS], ['--blocks', BLOCKS]] as const) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a positive whole number`);
}

const log = (m: string) => {
  if (!json) process.stderr.write(pc.dim(m) + '\n');
};
const quantile = (xs: Float64Array, q: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))] ?? NaN;
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

// autocannon ships no types; the part of its API used here.
interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AcRequest) => AcRequest;
}
interface AcOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: AcRequest[];
  timeout?: number;
}
interface AcStats {
  mean: number;
  total: number;
}
interface AcResult {
  requests: AcStats;
  throughput: AcStats;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AcInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  stop(): void;
}
type Autocannon = (options: AcOptions, done: (error: Error | null, result: AcResult) => void) => AcInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// Seeding ---------------------------------------------------------------------------------------------

/** Alerts per 1,000 by detector: background noise common, whole attacks rare. */
const MIX: Record<string, number> = {
  'monitor/baseline-anomaly': 350,
  'monitor/large-transfer': 250,
  'monitor/address-poisoning': 120,
  'monitor/wash-trading': 100,
  'monitor/approval-phishing': 60,
  'monitor/honeypot-sell': 40,
  'monitor/hidden-mint-dump': 30,
  'monitor/attack-contract-deploy': 20,
  'monitor/liquidity-pull': 15,
  'monitor/flash-price-manipulation': 6,
  'monitor/exploit-contract': 5,
  'monitor/incident': 4,
};
const COMMON_DETECTOR = 'monitor/large-transfer';
const RARE_DETECTOR = 'monitor/incident';
/** Evidence fields holding a block number, moved with the alert's block. */
const BLOCK_KEYS = new Set(['blockNumber', 'firstBlock', 'lastBlock', 'deployedAt', 'block']);

interface SeedResult {
  alerts: number;
  retracted: number;
  reorgedBlocks: number;
  blocks: number;
  seconds: number;
  fileMb: number;
  perSeverity: Record<string, number>;
  perDetector: Record<string, number>;
}

async function seedStore(file: string, rand: () => number, hex: (chars: number) => string, Store: typeof SqliteStore = SqliteStore): Promise<SeedResult> {
  const shapes = new Map(SHAPES.map((f) => [f.detector, { text: JSON.stringify(f), block: (f.evidence as { blockNumber: number }).blockNumber }]));
  const wheel: { text: string; block: number }[] = [];
  for (const [detector, perMille] of Object.entries(MIX)) {
    const shape = shapes.get(detector);
    if (!shape) throw new Error(`no finding shape for ${detector}`);
    for (let i = 0; i < perMille; i++) wheel.push(shape);
  }
  // Actors recur (the same attackers, victims and tokens show up in several alerts); the rest are fresh.
  const actors = Array.from({ length: 2000 }, () => `0x${hex(40)}`);
  const blocks = Array.from({ length: ALERTS }, () => FIRST_BLOCK + Math.floor(rand() * BLOCKS)).sort((a, b) => a - b);
  const blockHashes = new Map<number, string>();
  const epoch = Date.parse('2026-01-05T00:00:00Z');
  const timeOf = (block: number) => epoch + (block - FIRST_BLOCK) * 12_000;
  const perSeverity: Record<string, number> = {};
  const perDetector: Record<string, number> = {};

  const make = (block: number): Alert => {
    const shape = wheel[Math.floor(rand() * wheel.length)] as { text: string; block: number };
    const swapped = new Map<string, string>();
    const swap = (old: string, fresh: () => string) => {
      const key = old.toLowerCase();
      let s = swapped.get(key);
      if (s === undefined) swapped.set(key, (s = fresh()));
      return s;
    };
    const text = shape.text
      .replace(/0x[0-9a-fA-F]{64}(?![0-9a-fA-F])/g, (m) => swap(m, () => `0x${hex(64)}`))
      .replace(/0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g, (m) => swap(m, () => (rand() < 0.3 ? (actors[Math.floor(rand() * actors.length)] as string) : `0x${hex(40)}`)))
      .replace(/incident-[0-9a-f]{16}/g, () => `incident-${hex(16)}`);
    const finding = JSON.parse(text, (key, v: unknown) => {
      if (BLOCK_KEYS.has(key) && typeof v === 'number') return block - (shape.block - v);
      return key === 'chainId' ? CHAIN_ID : v;
    }) as Finding;
    let blockHash = blockHashes.get(block);
    if (blockHash === undefined) blockHashes.set(block, (blockHash = `0x${hex(64)}`));
    return makeAlert(finding, { chainId: CHAIN_ID, blockNumber: block, blockHash, createdAt: new Date(timeOf(block) + Math.floor(rand() * 4000)) });
  };

  const started = performance.now();
  const store = new Store(file);
  const saved: { id: string; block: number }[] = [];
  try {
    for (const block of blocks) {
      const alert = make(block);
      if (!(await store.saveAlert(alert))) continue;
      await store.markDispatched(alert.id);
      saved.push({ id: alert.id, block });
      perSeverity[alert.finding.severity] = (perSeverity[alert.finding.severity] ?? 0) + 1;
      perDetector[alert.finding.detector] = (perDetector[alert.finding.detector] ?? 0) + 1;
    }
    // A few reorgs: every alert of 0.2 % of the blocks is retracted.
    const reorged = new Set<number>();
    while (reorged.size < Math.max(1, Math.round(BLOCKS * 0.002))) reorged.add(FIRST_BLOCK + Math.floor(rand() * BLOCKS));
    let retracted = 0;
    for (const { id, block } of saved) {
      if (!reorged.has(block)) continue;
      const r = await store.retractAlert(id, `reorg: block ${block} replaced`, new Date(timeOf(block) + 60_000));
      if (r?.changed) retracted++;
    }
    await store.close();
    const fileMb = statSync(file).size / 1e6;
    return { alerts: saved.length, retracted, reorgedBlocks: reorged.size, blocks: BLOCKS, seconds: (performance.now() - started) / 1000, fileMb, perSeverity, perDetector };
  } finally {
    await store.close();
  }
}

/** `EXPLAIN QUERY PLAN` of the page query GET /alerts runs for a filter (the store's own query). */
function queryPlan(file: string, filter: Omit<AlertPageQuery, 'limit'>): string {
  const store = new SqliteStore(file);
  try {
    return store.explainAlertPage({ ...filter, limit: 100 }).join('; ');
  } finally {
    void store.close();
  }
}

// URLs ------------------------------------------------------------------------------------------------

/** Links people paste into a checker: mostly real sites, and the lookalikes phishing kits use. */
function urlSet(rand: () => number, hex: (chars: number) => string, n: number): string[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const legit = [
    () => 'https://app.uniswap.org/swap?chain=mainnet',
    () => `https://etherscan.io/tx/0x${hex(64)}`,
    () => `https://etherscan.io/address/0x${hex(40)}`,
    () => 'https://metamask.io/download/',
    () => `https://opensea.io/assets/ethereum/0x${hex(40)}/${Math.floor(rand() * 10_000)}`,
    () => 'https://www.coinbase.com/price/ethereum',
    () => 'https://app.aave.com/reserve-overview/?underlyingAsset=0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
    () => 'https://curve.fi/#/ethereum/swap',
    () => 'https://stake.lido.fi/',
    () => 'https://github.com/OpenZeppelin/openzeppelin-contracts/releases',
    () => 'https://docs.soliditylang.org/en/latest/security-considerations.html',
    () => 'https://www.ledger.com/ledger-live',
    () => 'https://app.safe.global/home',
    () => 'https://revoke.cash/',
    () => `https://arbiscan.io/address/0x${hex(40)}`,
    () => `https://basescan.org/tx/0x${hex(64)}`,
    () => 'https://app.1inch.io/#/1/simple/swap/ETH',
    () => 'https://pancakeswap.finance/swap',
    () => 'https://www.binance.com/en/trade/ETH_USDT',
    () => 'https://www.kraken.com/prices/ethereum',
    () => 'https://en.wikipedia.org/wiki/Ethereum',
    () => 'https://x.com/ethereum/status/' + String(1_800_000_000_000_000_000 + Math.floor(rand() * 1e15)),
    () => 'https://blog.ethereum.org/',
    () => 'https://www.reddit.com/r/ethereum/',
    () => 'https://discord.com/invite/ethereum',
  ];
  const brands = ['uniswap', 'metamask', 'opensea', 'ledger', 'coinbase', 'aave', 'lido', 'pancakeswap', 'arbitrum', 'blur', 'phantom', 'trustwallet', 'walletconnect', 'binance', 'etherscan', 'safe'];
  const lures = ['airdrop', 'claim', 'verify', 'support', 'rewards', 'wallet-sync', 'secure', 'connect', 'migrate', 'restore', 'bonus', 'giveaway'];
  const tlds = ['xyz', 'top', 'app', 'site', 'online', 'io', 'net', 'com', 'claims', 'live', 'org', 'pro'];
  const typo = (b: string) => {
    const i = 1 + Math.floor(rand() * (b.length - 2));
    const r = rand();
    if (r < 0.25) return b.slice(0, i) + b[i] + b.slice(i); // doubled letter
    if (r < 0.5) return b.slice(0, i) + b.slice(i + 1); // dropped letter
    if (r < 0.75) return b.slice(0, i) + (b[i + 1] ?? '') + b[i] + b.slice(i + 2); // swapped letters
    return b.replace(/o/, '0').replace(/l/, '1').replace(/i/, '1'); // digits for letters
  };
  const phishing = [
    () => `https://${pick(brands)}-${pick(lures)}.${pick(tlds)}/`,
    () => `https://${typo(pick(brands))}.${pick(tlds)}/`,
    () => `https://${pick(brands)}.com.${pick(lures)}-${hex(4)}.${pick(tlds)}/login`,
    () => `https://${pick(lures)}-${pick(brands)}.${pick(tlds)}/?ref=${hex(8)}`,
    () => `https://app-${pick(brands)}.${pick(['vercel.app', 'netlify.app', 'pages.dev', 'web.app'])}/${pick(lures)}`,
    () => `http://${45 + Math.floor(rand() * 150)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}/${pick(brands)}/connect`,
    () => pick(['https://metаmask.io/', 'https://unіswap.org/', 'https://opensеa.io/collection/claim']), // Cyrillic а, і, е
  ];
  return Array.from({ length: n }, () => (rand() < 0.6 ? pick(legit) : pick(phishing))());
}

// The server ------------------------------------------------------------------------------------------

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux build Node runs on. */
const CLOCK_TICKS = 100;

/** The process's user + system CPU seconds so far, from /proc (NaN where there is no /proc). */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // fields 14 utime, 15 stime
  } catch {
    return NaN;
  }
}
function peakRssMbOf(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function startServer(storeFile: string, cli = CLI): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--store', storeFile, '--host', '127.0.0.1', '--port', '0', '--rate-limit', '0'], {
    env: { ...process.env, ARGUS_API_KEYS: API_KEY },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`argus serve did not say it was listening within 60 s:\n${stderr}`)), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`argus serve exited (${signal ?? code}) before listening:\n${stderr}`)));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(stderr);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
  });
}

let againstCommit = '';

/**
 * Commit `ref`'s tree, extracted (git archive) and built (tsc only: the API needs no dashboard) in the
 * temp dir, with this tree's node_modules; the path of its CLI.
 */
function buildAgainst(ref: string): string {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  againstCommit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: root, encoding: 'utf8' }).trim();
  const tree = path.join(dir, `tree-${againstCommit}`);
  mkdirSync(tree, { recursive: true });
  log(`extracting commit ${againstCommit} into ${tree} and building it (tsc)`);
  execFileSync('sh', ['-c', `git archive ${againstCommit} | tar -x -C "${tree}"`], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(tree, 'node_modules'));
  execFileSync(process.execPath, [path.join(tree, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: tree, stdio: ['ignore', 'inherit', 'inherit'] });
  return path.join(tree, 'dist', 'src', 'cli', 'main.js');
}

// Load ------------------------------------------------------------------------------------------------

interface Case {
  name: string;
  /** The request(s) under load, given to autocannon. */
  request: Omit<AcOptions, 'url' | 'connections' | 'duration'> & { path: string };
  /** URLs checked per request (the batch case). */
  urlsPerRequest?: number;
  /** EXPLAIN QUERY PLAN of its SQL (alert cases). */
  plan?: string;
}

interface CaseResult {
  name: string;
  path: string;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  urlsPerSecond?: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerSecond: number;
  /** CPU seconds per wall second (1 = one core busy). */
  serverCores: number;
  loadGeneratorCores: number;
  serverCpuMicrosPerRequest: number;
  plan?: string;
}

function run(base: string, c: Case, seconds: number): Promise<{ result: AcResult; latencies: Float64Array }> {
  const { path: p, ...rest } = c.request;
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: base + p, connections: CONNECTIONS, duration: seconds, timeout: 30, ...rest }, (error, result) => {
      running = undefined;
      if (error) reject(error);
      else resolve({ result, latencies: latencies.slice(0, n).sort() });
    });
    running = instance;
    instance.on('response', (_client, _status, _bytes, ms) => {
      if (n === latencies.length) {
        const grown = new Float64Array(n * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[n++] = ms;
    });
  });
}

async function measure(base: string, pid: number, c: Case): Promise<CaseResult> {
  await run(base, c, WARMUP_SECONDS);
  const cpu0 = cpuSecondsOf(pid);
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  const { result, latencies } = await run(base, c, DURATION);
  const wall = (performance.now() - t0) / 1000;
  const own = process.cpuUsage(own0);
  const serverCpu = cpuSecondsOf(pid) - cpu0;
  const total = result.requests.total;
  const rps = total / result.duration;
  return {
    name: c.name,
    path: c.request.path,
    seconds: round(result.duration),
    requests: total,
    requestsPerSecond: round(rps, 1),
    ...(c.urlsPerRequest ? { urlsPerSecond: Math.round(rps * c.urlsPerRequest) } : {}),
    latencyMs: { p50: round(quantile(latencies, 0.5)), p90: round(quantile(latencies, 0.9)), p99: round(quantile(latencies, 0.99)), max: round(latencies[latencies.length - 1] ?? NaN) },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerSecond: Math.round(result.throughput.total / result.duration),
    serverCores: round(serverCpu / wall),
    loadGeneratorCores: round((own.user + own.system) / 1e6 / wall),
    serverCpuMicrosPerRequest: Math.round((serverCpu * 1e6) / Math.max(1, total)),
    ...(c.plan ? { plan: c.plan } : {}),
  };
}

/** Every page of GET /alerts?limit=100 in turn, one client: the cursor at the middle, and how the walk went. */
async function walkPages(base: string) {
  const times: number[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  let alerts = 0;
  const started = performance.now();
  do {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/alerts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (!res.ok) throw new Error(`GET /alerts page ${times.length + 1}: HTTP ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { alerts: unknown[]; nextCursor: string | null };
    times.push(performance.now() - t0);
    alerts += page.alerts.length;
    cursor = page.nextCursor;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  const sorted = Float64Array.from(times).sort();
  const middle = cursors[Math.floor(cursors.length / 2)];
  if (!middle) throw new Error('GET /alerts gave no cursor: too few alerts for a deep page');
  return {
    pages: times.length,
    alerts,
    seconds: round((performance.now() - started) / 1000),
    latencyMs: { p50: round(quantile(sorted, 0.5)), p99: round(quantile(sorted, 0.99)), max: round(sorted[sorted.length - 1] ?? NaN) },
    middleCursor: middle,
    middlePage: Math.floor(cursors.length / 2) + 2,
  };
}

// Finding shapes ----------------------------------------------------------------------------------------

/** One real finding per monitor detector, from an `argus watch` run over `simulate --mixed` on the devnet. */
const SHAPES: Finding[] = [
  {"detector": "monitor/attack-contract-deploy", "title": "Fresh address deploys a contract aimed at a pot of users' funds", "severity": "medium", "confidence": 0.7, "tags": ["stage:preparation", "kind:reentrancy"], "subject": {"kind": "address", "chainId": 31337, "address": "0xaa99f30f51c7d3b91706a30e4bc8fb92d2821a26", "role": "attacker"}, "explanation": "0xaa99f30f51c7d3b91706a30e4bc8fb92d2821a26, first seen 11 blocks ago, deployed 0x2a8baae9211e9ddaed446d91b1ca5065795fd54f pointed at 0x0da9e7cb87b03acfcdc6586bfadd9135015b171d, which holds 29000000000000000000 of token 0x5fbdb2315678afecb367f032d93f642f64180aa3 from 3 depositors.", "evidence": {"blockNumber": 290, "transaction": "0xc5118c81dedbdd754d4dfc64738817e0964b1f972abeb101b06e4d42623ad9c5", "deployer": "0xaa99f30f51c7d3b91706a30e4bc8fb92d2821a26", "contract": "0x2a8baae9211e9ddaed446d91b1ca5065795fd54f", "target": "0x0da9e7cb87b03acfcdc6586bfadd9135015b171d", "asset": "0x5fbdb2315678afecb367f032d93f642f64180aa3", "targetBalance": "29000000000000000000", "depositors": 3}, "recommendation": "Watch the named contract closely; pause it if it can be paused and the new contract calls it."},
  {"detector": "monitor/flash-price-manipulation", "title": "Flash swap moves a pool's price", "severity": "critical", "confidence": 0.85, "tags": ["stage:exploitation", "kind:price-manipulation"], "subject": {"kind": "transaction", "chainId": 31337, "hash": "0x22c169bfdc8b60a95a8937e43e5e5968f7b63cb52956c50049ea4c729b861f14", "blockNumber": 291}, "explanation": "Inside a flash swap from pool 0xdedc0d7fcdfe17a09d69a34112ee8a1621bd83e0, 0x2a8baae9211e9ddaed446d91b1ca5065795fd54f (called by 0xaa99f30f51c7d3b91706a30e4bc8fb92d2821a26) moved pool 0xb43b9725019e4194af6bdf110912853f72330d27's price by 89 %.", "evidence": {"blockNumber": 291, "transaction": "0x22c169bfdc8b60a95a8937e43e5e5968f7b63cb52956c50049ea4c729b861f14", "flashPool": "0xdedc0d7fcdfe17a09d69a34112ee8a1621bd83e0", "pool": "0xb43b9725019e4194af6bdf110912853f72330d27", "priceBefore": 1000, "priceAfter": 111.333778668448, "move": 0.888666221331552, "caller": "0xaa99f30f51c7d3b91706a30e4bc8fb92d2821a26", "contract": "0x2a8baae9211e9ddaed446d91b1ca5065795fd54f"}, "recommendation": "Protocols reading this pool's spot price are at risk: use a TWAP or an external oracle; pause lending against the affected token."},
  {"detector": "monitor/incident", "title": "Incident: price-manipulation, reentrancy (preparation → exploitation)", "severity": "critical", "confidence": 0.955, "tags": ["incident", "stage:preparation", "stage:exploitation", "kind:price-manipulation", "kind:reentrancy"], "subject": {"kind": "address", "chainId": 31337, "address": "0x2a8baae9211e9ddaed446d91b1ca5065795fd54f", "role": "actor"}, "explanation": "2 related alert(s) from monitor/attack-contract-deploy, monitor/flash-price-manipulation about 3 shared address(es) over blocks 290..291; stages seen: preparation → exploitation.", "evidence": {"incidentId": "incident-0012e516accc4e1d", "blockNumber": 291, "firstBlock": 290, "lastBlock": 291, "actors": ["0x2a8baae9211e9ddaed446d91b1ca5065795fd54f", "0xaa99f30f51c7d3b91706a30e4bc8fb92d2821a26", "0x0da9e7cb87b03acfcdc6586bfadd9135015b171d"], "stages": ["preparation", "exploitation"], "findings": [{"detector": "monitor/attack-contract-deploy", "block": 290, "severity": "medium", "subject": "0xaa99f30f51c7d3b91706a30e4bc8fb92d2821a26"}, {"detector": "monitor/flash-price-manipulation", "block": 291, "severity": "critical", "subject": "0x22c169bfdc8b60a95a8937e43e5e5968f7b63cb52956c50049ea4c729b861f14"}]}, "recommendation": "Treat the alerts as one attack in progress: block or watch the actors, warn the victims, and check the later stages (exploitation, laundering) if not yet seen."},
  {"detector": "monitor/exploit-contract", "title": "Fresh attack contract empties a victim contract", "severity": "critical", "confidence": 0.9, "tags": ["stage:exploitation", "kind:reentrancy"], "subject": {"kind": "transaction", "chainId": 31337, "hash": "0x6ff398028302701e30cec927b0aec7b4d85fae47aec96eab5f05b4d3ec4c1181", "blockNumber": 373}, "explanation": "0xebe26fe6134acb7ba86bb89091c170fede2b85a7 (first seen 3 blocks before it deployed 0x6442095b766447357506270c26f32a0fd95d8aef) called its contract and 0x037a608446f587385feac0ae69093cbb89d9562c, funded by 5 senders, fell from 28000000000000000000 to 0 wei.", "evidence": {"blockNumber": 373, "transaction": "0x6ff398028302701e30cec927b0aec7b4d85fae47aec96eab5f05b4d3ec4c1181", "attacker": "0xebe26fe6134acb7ba86bb89091c170fede2b85a7", "attackContract": "0x6442095b766447357506270c26f32a0fd95d8aef", "victim": "0x037a608446f587385feac0ae69093cbb89d9562c", "balanceBefore": "28000000000000000000", "balanceAfter": "0", "deployedAt": 372}, "recommendation": "Pause the victim contract if it can be paused; trace the attack contract's calls; follow the ETH it sends out."},
  {"detector": "monitor/hidden-mint-dump", "title": "Mint far above supply, then dumped into a pool", "severity": "high", "confidence": 0.8, "tags": ["stage:exploitation", "kind:hard-rug-pull"], "subject": {"kind": "transaction", "chainId": 31337, "hash": "0x2658ab634e11e30f44d8886ead17bae6096f9706485a406d65ac8151fda68af5", "blockNumber": 614}, "explanation": "0x5e4736803a9023bc71f27bd203d3d9dfe4704b95 received a mint of 194000000000000000000000000 of token 0xc51be6156023c93da62dd4e6fc8baef6b613e67b, 194× its supply so far (1000000000000000000000000).", "evidence": {"blockNumber": 614, "transaction": "0x2658ab634e11e30f44d8886ead17bae6096f9706485a406d65ac8151fda68af5", "token": "0xc51be6156023c93da62dd4e6fc8baef6b613e67b", "to": "0x5e4736803a9023bc71f27bd203d3d9dfe4704b95", "minted": "194000000000000000000000000", "supplyBefore": "1000000000000000000000000"}, "recommendation": "Treat the token as a rug: its supply is controlled by its owner. Exit if still possible and warn holders."},
  {"detector": "monitor/baseline-anomaly", "title": "Transaction unlike its sender's history (learned baseline)", "severity": "low", "confidence": 0.5, "tags": ["stage:exploitation", "kind:anomaly", "baseline-anomaly"], "subject": {"kind": "transaction", "chainId": 31337, "hash": "0xc7fae1e36f5afd1f88ec1ee6bd5c3bdc96204460c11e460192034da48de32dc5", "blockNumber": 615}, "explanation": "0x5e4736803a9023bc71f27bd203d3d9dfe4704b95: anomaly score 0.723 (threshold 0.702): balanceShareMoved = 1.00 (training median 0.00, 99th percentile 0.530), poolReserveChange = 10.0 (training median 0.000300, 99th percentile 0.0278), historyLength = 2.32 (training median 4.75, 99th percentile 7.11), against a history of 4 transactions (mean 13.0 ETH); for token 0xc51be6156023c93da62dd4e6fc8baef6b613e67b 1 earlier transfers (typical amount 1.00e+24, this one 194000000000000000000000000).", "evidence": {"blockNumber": 615, "transaction": "0xc7fae1e36f5afd1f88ec1ee6bd5c3bdc96204460c11e460192034da48de32dc5", "from": "0x5e4736803a9023bc71f27bd203d3d9dfe4704b95", "tokensMoved": ["0xc51be6156023c93da62dd4e6fc8baef6b613e67b", "0x5fbdb2315678afecb367f032d93f642f64180aa3"], "score": 0.7229749826640428, "threshold": 0.7023, "departures": [{"feature": "balanceShareMoved", "value": 1, "p50": 0, "p99": 0.5299, "excess": 0.1352084362088728}, {"feature": "poolReserveChange", "value": 10, "p50": 0.0003, "p99": 0.0278, "excess": 0.12422603641847606}, {"feature": "historyLength", "value": 2.321928094887362, "p50": 4.7549, "p99": 7.1085, "excess": 0.03927344624448702}], "senderHistory": 4, "senderMeanEth": 13.000000000000004, "features": [2.321928094887362, 0, 0, 1, 0, 0, 10, 0]}, "recommendation": "Look at the departing features named in the explanation and ask the owner of the sending address whether the transaction was intended."},
  {"detector": "monitor/approval-phishing", "title": "Approval to a fresh address, then a sweep", "severity": "medium", "confidence": 0.7, "tags": ["stage:preparation", "kind:approval-phishing"], "subject": {"kind": "address", "chainId": 31337, "address": "0xa76028a6e952aa8e02d009f9c61e8280091ca8c3", "role": "spender"}, "explanation": "0x3798c9255d4b599dcd56394ee40297e52b76a69e gave 0xa76028a6e952aa8e02d009f9c61e8280091ca8c3, an address that has never sent a transaction (first seen 1 blocks ago), an unlimited approval on 0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9.", "evidence": {"blockNumber": 833, "transaction": "0xef54df03a24e66c2d753a98dc7af7f500350d61bb69ac53c1c771aa762bb45bf", "token": "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9", "owner": "0x3798c9255d4b599dcd56394ee40297e52b76a69e", "spender": "0xa76028a6e952aa8e02d009f9c61e8280091ca8c3", "via": "approve", "spenderAgeBlocks": 1}, "recommendation": "Revoke the approval (revoke.cash or the token's approve(spender, 0)); warn the holder; block the spender."},
  {"detector": "monitor/liquidity-pull", "title": "Liquidity pulled from a pool", "severity": "critical", "confidence": 0.9, "tags": ["stage:exploitation", "kind:soft-rug-pull"], "subject": {"kind": "transaction", "chainId": 31337, "hash": "0xabc4477f5083b7d6a4e7fbf3a33eabeaaa178153c40ced1dd67656fe711f6c3e", "blockNumber": 923}, "explanation": "0x1f18d0f77756422d6c0cb60ea354913abed891c8 removed 92.0 % of pool 0x5f69329cc90c2eaac41ed3b4a74d3f8ad9d9e264's reserves in one transaction (pool seen for 19 blocks, remover for 22).", "evidence": {"blockNumber": 923, "transaction": "0xabc4477f5083b7d6a4e7fbf3a33eabeaaa178153c40ced1dd67656fe711f6c3e", "pool": "0x5f69329cc90c2eaac41ed3b4a74d3f8ad9d9e264", "remover": "0x1f18d0f77756422d6c0cb60ea354913abed891c8", "share": 0.9199, "amount0": "623500814444801189227228", "amount1": "17118209999999999995", "reserve0": "677718276570436075438079", "reserve1": "18606750000000000000", "poolAgeBlocks": 19, "removerAgeBlocks": 22}, "recommendation": "Stop trading the token; warn holders; check whether the remover is the token's deployer and where the ETH goes next."},
  {"detector": "monitor/large-transfer", "title": "Transfer far outside the sender's history", "severity": "high", "confidence": 0.75, "tags": ["stage:exploitation", "kind:treasury-drain"], "subject": {"kind": "transaction", "chainId": 31337, "hash": "0x7ecb62a5538db9d3753ffb918861b7d05e6d0d55041b130b46424f7787234ab0", "blockNumber": 988}, "explanation": "0x88c0464575ee0a14c515ae882f7028230c140f63 sent 1165495680000000000000000 of 0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9 to 0x610173b0fa87331b11f4e34dc2b27681f7f4504a: 96 % of its balance, 508× its largest earlier transfer (3 earlier, z = 13.8 on log amounts).", "evidence": {"blockNumber": 988, "transaction": "0x7ecb62a5538db9d3753ffb918861b7d05e6d0d55041b130b46424f7787234ab0", "token": "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9", "from": "0x88c0464575ee0a14c515ae882f7028230c140f63", "to": "0x610173b0fa87331b11f4e34dc2b27681f7f4504a", "value": "1165495680000000000000000", "balanceBefore": "1214058000000000000000000", "earlierTransfers": 3, "largestEarlier": "2292000000000000000000", "z": 13.769668245244656}, "recommendation": "Check with the owner of the sending address whether the transfer was intended; a compromised key or signer is the usual cause."},
  {"detector": "monitor/honeypot-sell", "title": "Sells of a token fail or are taxed away", "severity": "high", "confidence": 0.85, "tags": ["stage:exploitation", "kind:honeypot-sell-tax"], "subject": {"kind": "transaction", "chainId": 31337, "hash": "0x0cbcb3d07edfebbbd6b11bc83739a3902fdfe48c0389281fcbd6bf3ae622537a", "blockNumber": 1117}, "explanation": "0xebc1ea151de4682c7087ad9659cba85c231dbbfe sold 91362130997450304016358 of 0xcfe92497da7a71cde8b7b511ec9790caf4780f8d but only 913621309974503040164 reached the pool: a 98.9 % sell tax, paid to 0x3dbeeaba291448dc497e7659665e084dd08a6c1c.", "evidence": {"blockNumber": 1117, "transaction": "0x0cbcb3d07edfebbbd6b11bc83739a3902fdfe48c0389281fcbd6bf3ae622537a", "token": "0xcfe92497da7a71cde8b7b511ec9790caf4780f8d", "seller": "0xebc1ea151de4682c7087ad9659cba85c231dbbfe", "sent": "91362130997450304016358", "reachedPool": "913621309974503040164", "taxCollector": "0x3dbeeaba291448dc497e7659665e084dd08a6c1c"}, "recommendation": "Do not buy the token: holders cannot sell it (or only at a loss set by its owner). Warn buyers and list the token."},
  {"detector": "monitor/address-poisoning", "title": "Address poisoning: lookalike of a known counterparty", "severity": "high", "confidence": 0.85, "tags": ["stage:exploitation", "kind:address-poisoning"], "subject": {"kind": "address", "chainId": 31337, "address": "0x00ecef4e8e34586b2fc8fff949dd908f1cc8a544", "role": "lookalike"}, "explanation": "A zero-value transfer of 0x9a676e781a523b5d0c0e43731313a708cb607508 between 0xf2db58e797f457dbb8e5dec68c58e24568a12dfe and 0x00ecef4e8e34586b2fc8fff949dd908f1cc8a544, a lookalike of 0x00d95c50947ed284ba67b8c77412c385a2684cd4, which 0xf2db58e797f457dbb8e5dec68c58e24568a12dfe has paid before.", "evidence": {"blockNumber": 2106, "transaction": "0xf79bd4637d8d8cbbff6f330ef0988f848345513b26299a316018bc0598ffe052", "victim": "0xf2db58e797f457dbb8e5dec68c58e24568a12dfe", "lookalike": "0x00ecef4e8e34586b2fc8fff949dd908f1cc8a544", "counterparty": "0x00d95c50947ed284ba67b8c77412c385a2684cd4", "token": "0x9a676e781a523b5d0c0e43731313a708cb607508", "value": "0", "sender": "0x5644c2ae48d3ec1a47556bb11a90ab1a3d94b480"}, "recommendation": "Warn the victim: never copy addresses from transaction history; compare the full address. Label the lookalike in wallets."},
  {"detector": "monitor/wash-trading", "title": "Wash trading ring forming", "severity": "low", "confidence": 0.6, "tags": ["stage:preparation", "kind:wash-trading"], "subject": {"kind": "address", "chainId": 31337, "address": "0xd3c97218fbf918a9a5a0cc20c6aa1903344e8f5a", "role": "organiser"}, "explanation": "0xd3c97218fbf918a9a5a0cc20c6aa1903344e8f5a created 0x4facb570098f18ce0a092d727fce93d084258e16 and, within 100 blocks, sent ETH to 3 fresh wallets that approved the token while holding none of it: a ring being readied to trade it.", "evidence": {"blockNumber": 3069, "transaction": "0x4b267ec679af9cdbdd28b61da8681b48e0bf0f699f76e6f3837f82dbeb232cb1", "token": "0x4facb570098f18ce0a092d727fce93d084258e16", "organiser": "0xd3c97218fbf918a9a5a0cc20c6aa1903344e8f5a", "wallets": ["0xab01112313e847a853a7c0469c2cf8e1893c772d", "0xa497ec28f9254cb8ace57e7fe8250bf01a8d6fe0", "0xad6f06de267c2f13772b91d740d6ccd0dd123206"]}, "recommendation": "Discount the token's volume; its trading activity is manufactured. Look at who funded the ring."},
];

// Main ------------------------------------------------------------------------------------------------

const servers: ChildProcess[] = [];
let running: AcInstance | undefined;
const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-bench-api-'));
let cleaned: Promise<void> | undefined;
const cleanup = () =>
  (cleaned ??= (async () => {
    running?.stop();
    for (const child of servers) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  })());
process.once('SIGINT', () => {
  process.stderr.write('interrupted; stopping the server\n');
  void cleanup().finally(() => process.exit(130));
});

try {
  const randomHex = (rand: () => number) => (chars: number) => {
    let s = '';
    while (s.length < chars) s += Math.floor(rand() * 0x1_0000_0000).toString(16).padStart(8, '0');
    return s.slice(0, chars);
  };
  const rand = seededRandom(SEED);
  const hex = randomHex(rand);
  const storeFile = path.join(dir, 'argus.db');
  log(`seeding ${ALERTS} alerts over ${BLOCKS} blocks into ${storeFile} (makeAlert + SqliteStore.saveAlert, one commit each)`);
  const seed = await seedStore(storeFile, rand, hex);
  log(`seeded ${seed.alerts} alerts (${seed.retracted} retracted in ${seed.reorgedBlocks} reorged blocks) in ${seed.seconds.toFixed(1)} s, ${seed.fileMb.toFixed(1)} MB`);

  const againstCli = AGAINST ? buildAgainst(AGAINST) : undefined;
  // The base tree gets its own copy of the store, seeded the same way (same seed: the same alerts) by its
  // own store code, as a newer tree's schema would be refused by an older Argus.
  const againstStore = path.join(dir, 'argus-base.db');
  if (againstCli) {
    const baseStore = path.join(path.dirname(againstCli), '..', 'store', 'sqlite.js');
    const { SqliteStore: BaseStore } = (await import(pathToFileURL(baseStore).href)) as { SqliteStore: typeof SqliteStore };
    const baseRand = seededRandom(SEED);
    const again = await seedStore(againstStore, baseRand, randomHex(baseRand), BaseStore);
    log(`seeded the base tree's copy: ${again.alerts} alerts (${again.retracted} retracted) in ${again.seconds.toFixed(1)} s`);
    if (again.alerts !== seed.alerts || again.retracted !== seed.retracted) throw new Error('the two stores differ: the comparison would not be fair');
  }
  const { child, base } = await startServer(storeFile);
  const pid = child.pid as number;
  log(`argus serve (pid ${pid}) at ${base}/api/v1; walking every page of GET /alerts?limit=100 for a deep cursor`);
  const walk = await walkPages(base);
  log(`${walk.pages} pages, ${walk.alerts} alerts in ${walk.seconds} s; deep cursor: the one for page ${walk.middlePage}`);

  const urls = urlSet(rand, hex, 1000);
  let next = 0;
  const batches = Array.from({ length: Math.ceil(urls.length / BATCH) }, (_, b) => JSON.stringify({ inputs: urls.slice(b * BATCH, (b + 1) * BATCH) }));
  const verdicts: Record<string, number> = {};
  for (const body of batches) {
    const res = await fetch(`${base}/api/v1/urls/check`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body });
    if (!res.ok) throw new Error(`POST /urls/check: HTTP ${res.status} ${await res.text()}`);
    for (const r of ((await res.json()) as { results: { verdict: string }[] }).results) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  }
  log(`URL set: ${urls.length} URLs (${Object.entries(verdicts).map(([v, k]) => `${k} ${v}`).join(', ')})`);

  const alertsPath = (q: string) => `/api/v1/alerts?${q}`;
  const cases: Case[] = [
    { name: 'alerts: newest page', request: { path: alertsPath('limit=100') }, plan: queryPlan(storeFile, {}) },
    { name: 'alerts: severity=high', request: { path: alertsPath('severity=high&limit=100') }, plan: queryPlan(storeFile, { severity: 'high' }) },
    { name: `alerts: detector (common, ${(MIX[COMMON_DETECTOR] ?? 0) / 10} %)`, request: { path: alertsPath(`detector=${COMMON_DETECTOR}&limit=100`) }, plan: queryPlan(storeFile, { detector: COMMON_DETECTOR }) },
    { name: `alerts: detector (rare, ${(MIX[RARE_DETECTOR] ?? 0) / 10} %)`, request: { path: alertsPath(`detector=${RARE_DETECTOR}&limit=100`) }, plan: queryPlan(storeFile, { detector: RARE_DETECTOR }) },
    { name: `alerts: deep page (cursor, page ${walk.middlePage})`, request: { path: alertsPath(`limit=100&cursor=${encodeURIComponent(walk.middleCursor)}`) }, plan: queryPlan(storeFile, { beforeSeq: 1 }) },
    {
      name: `urls: GET check, ${urls.length} URLs rotating`,
      request: { path: `/api/v1/urls/check?u=${encodeURIComponent(urls[0] as string)}`, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/urls/check?u=${encodeURIComponent(urls[next++ % urls.length] as string)}` }) }] },
    },
    {
      name: `urls: POST batch of ${BATCH} (key)`,
      urlsPerRequest: BATCH,
      request: {
        path: '/api/v1/urls/check',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
        body: batches[0] as string,
        requests: [{ setupRequest: (r) => ({ ...r, method: 'POST', body: batches[next++ % batches.length] as string }) }],
      },
    },
  ];
  const results: CaseResult[] = [];
  const compared: { name: string; base: CaseResult[]; head: CaseResult[] }[] = [];
  const other = againstCli ? await startServer(againstStore, againstCli) : undefined;
  for (const c of cases) {
    log(`${c.name}: ${WARMUP_SECONDS} s warm-up, then ${DURATION} s at ${CONNECTIONS} connections${other ? `, alternately on ${AGAINST} and this tree, twice each` : ''}`);
    if (!other) {
      results.push(await measure(base, pid, c));
      continue;
    }
    const runs = { name: c.name, base: [] as CaseResult[], head: [] as CaseResult[] };
    for (let round = 0; round < 2; round++) {
      runs.base.push(await measure(other.base, other.child.pid as number, c));
      runs.head.push(await measure(base, pid, c));
    }
    compared.push(runs);
    results.push(runs.head[runs.head.length - 1] as CaseResult);
  }
  const serverPeakRssMb = round(peakRssMbOf(pid), 0);
  const failed = results.filter((r) => r.non2xx > 0 || r.errors > 0);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cores: os.availableParallelism(),
    note: `the server and the load generator (autocannon, this process) share these ${os.availableParallelism()} cores; figures are a floor for a dedicated server`,
    durationSeconds: DURATION,
    warmupSeconds: WARMUP_SECONDS,
    connections: CONNECTIONS,
    seed: { ...seed, seconds: round(seed.seconds), fileMb: round(seed.fileMb, 1) },
    walk: { pages: walk.pages, alerts: walk.alerts, seconds: walk.seconds, latencyMs: walk.latencyMs },
    urlSet: { urls: urls.length, verdicts },
    serverPeakRssMb,
    cases: results,
    ...(compared.length > 0 ? { against: { ref: AGAINST, commit: againstCommit }, compared } : {}),
    ok: failed.length === 0,
  };
  if (json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else {
    console.log(pc.bold(`Argus API benchmark (argus serve) — ${result.cores} cores, Node ${result.node}, ${result.date}`));
    console.log(pc.yellow(`  ${result.note}.`));
    console.log(`  load: autocannon in a second process, ${CONNECTIONS} connections, ${DURATION} s per case after a ${WARMUP_SECONDS} s warm-up; server: --rate-limit 0, loopback`);
    const sev = Object.entries(seed.perSeverity).sort((a, b) => b[1] - a[1]).map(([s, k]) => `${k} ${s}`).join(', ');
    console.log(`  store: ${seed.alerts} alerts over ${seed.blocks} blocks (${sev}; ${Object.keys(seed.perDetector).length} detectors), ${seed.retracted} retracted; seeded in ${seed.seconds.toFixed(1)} s (${Math.round(seed.alerts / seed.seconds)} alerts/s), ${seed.fileMb.toFixed(1)} MB`);
    console.log(`  page walk, one client: ${walk.pages} pages of 100 (${walk.alerts} alerts) in ${walk.seconds} s, p50 ${walk.latencyMs.p50} ms, p99 ${walk.latencyMs.p99} ms, max ${walk.latencyMs.max} ms`);
    console.log(`  URL set: ${urls.length} URLs, ${Object.entries(verdicts).map(([v, k]) => `${k} ${v}`).join(', ')}`);
    console.log('');
    const head = `${'case'.padEnd(42)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'non-2xx'.padStart(8)} ${'errors'.padStart(7)} ${'MB/s'.padStart(7)} ${'server'.padStart(7)} ${'bench'.padStart(6)} ${'µs/req'.padStart(7)}`;
    console.log(pc.bold(head));
    for (const r of results) {
      const bad = (n: number, w: number) => (n > 0 ? pc.red(String(n).padStart(w)) : String(n).padStart(w));
      console.log(
        `${r.name.padEnd(42)} ${r.requestsPerSecond.toFixed(0).padStart(8)} ${r.latencyMs.p50.toFixed(2).padStart(8)} ${r.latencyMs.p99.toFixed(2).padStart(8)} ${bad(r.non2xx, 8)} ${bad(r.errors, 7)} ${(r.bytesPerSecond / 1e6).toFixed(2).padStart(7)} ${r.serverCores.toFixed(2).padStart(7)} ${r.loadGeneratorCores.toFixed(2).padStart(6)} ${String(r.serverCpuMicrosPerRequest).padStart(7)}`,
      );
      if (r.urlsPerSecond !== undefined) console.log(pc.dim(`${''.padEnd(42)} = ${r.urlsPerSecond} URLs/s`));
    }
    console.log(pc.dim('  server / bench: CPU cores busy (CPU s per wall s) of argus serve (from /proc/<pid>/stat) and of this load generator; µs/req: server CPU per request'));
    for (const r of results.filter((x) => x.plan)) console.log(pc.dim(`  plan, ${r.name}: ${r.plan}`));
    if (compared.length > 0) {
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      console.log('');
      console.log(pc.bold(`against commit ${againstCommit} (${AGAINST}), same store, runs alternating ${AGAINST} / this tree, two each; means:`));
      console.log(pc.bold(`${'case'.padEnd(42)} ${'req/s base'.padStart(10)} ${'req/s this'.padStart(10)} ${'ratio'.padStart(6)} ${'µs/req base'.padStart(11)} ${'µs/req this'.padStart(11)} ${'ratio'.padStart(6)}`));
      for (const c of compared) {
        const rb = mean(c.base.map((r) => r.requestsPerSecond));
        const rh = mean(c.head.map((r) => r.requestsPerSecond));
        const cb = mean(c.base.map((r) => r.serverCpuMicrosPerRequest));
        const ch = mean(c.head.map((r) => r.serverCpuMicrosPerRequest));
        console.log(`${c.name.padEnd(42)} ${rb.toFixed(0).padStart(10)} ${rh.toFixed(0).padStart(10)} ${(rh / rb).toFixed(2).padStart(6)} ${cb.toFixed(0).padStart(11)} ${ch.toFixed(0).padStart(11)} ${(ch / cb).toFixed(2).padStart(6)}`);
      }
      console.log(pc.dim('  ratio: this tree / base; req/s above 1 and µs/req below 1 are better. Each run of each tree is listed in --json (compared).'));
    }
    console.log(`  server peak RSS ${serverPeakRssMb} MB`);
    console.log(failed.length === 0 ? pc.green('every request answered 2xx, no socket errors') : pc.red(`non-2xx answers or errors in: ${failed.map((r) => r.name).join(', ')}`));
  }
  if (failed.length > 0) process.exitCode = 1;
} finally {
  await cleanup();
}
