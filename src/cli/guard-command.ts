import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import pc from 'picocolors';
import { ArgusError, ERROR_CODES, UsageError } from '../core/errors.js';
import type { Decision, GuardPolicyInput } from '../guard/index.js';

export interface GuardCommandOptions {
  upstream?: string;
  port: string;
  policy?: string;
  intel: string[];
  store?: string;
  devnet?: string;
  freshBlocks?: string;
  failOpen?: boolean;
  json?: boolean;
  protect?: string;
  guardianKey?: string;
  maxLossShare?: string;
  allowOrigin: string[];
  allowedHost: string[];
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function decisionLine(d: Decision): string {
  const colour = d.verdict === 'block' ? pc.red : d.verdict === 'warn' ? pc.yellow : pc.green;
  const who = d.from ? ` from ${d.from}` : '';
  const reasons = d.reasons.map((r) => `\n    ${r.verdict === 'block' ? pc.red('✗') : pc.yellow('!')} ${r.message}`).join('');
  return `${colour(d.verdict.toUpperCase().padEnd(5))} ${d.method}${who} ${pc.dim(`(${d.ms} ms)`)}${reasons}`;
}

/** Runs until SIGINT, SIGTERM or SIGHUP. */
export async function runGuard(opts: GuardCommandOptions): Promise<number> {
  if (!opts.upstream) throw new UsageError('--upstream URL is required (the node the guard forwards to)');
  if (!/^https?:\/\//u.test(opts.upstream)) throw new UsageError('--upstream must be an http(s) JSON-RPC URL');
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('--port must be a whole number from 0 to 65535');
  for (const o of opts.allowOrigin ?? []) if (o !== 'null' && !/^https?:\/\/[^/\s]+\/?$/u.test(o)) throw new UsageError(`--allow-origin ${o}: an origin is scheme://host[:port], e.g. https://app.example`);
  if (opts.protect !== undefined || opts.guardianKey !== undefined) return runGuardian(opts, opts.upstream);
  const { Guard, startGuardServer, loadGuardPolicy } = await import('../guard/index.js');
  const policy: GuardPolicyInput = opts.policy ? loadGuardPolicy(opts.policy) : {};
  policy.intelFiles = [...(policy.intelFiles ?? []), ...opts.intel];
  if (opts.freshBlocks !== undefined) policy.freshContractBlocks = Number(opts.freshBlocks);
  if (opts.failOpen) policy.onSimulationFailure = 'warn';
  if (opts.devnet) {
    let d: { contracts?: { uniswapV2Router02: string; uniswapV2Factory: string; weth9: string }; tokens?: Record<string, { address: string }> };
    try {
      d = JSON.parse(readFileSync(opts.devnet, 'utf8')) as typeof d;
    } catch (error) {
      throw new ArgusError(ERROR_CODES.FILE_UNREADABLE, `cannot read the devnet description ${opts.devnet}: ${(error as Error).message}`);
    }
    if (!d.contracts) throw new UsageError(`${opts.devnet} is not a devnet description (argus devnet --out FILE)`);
    policy.dex ??= { router: d.contracts.uniswapV2Router02, factory: d.contracts.uniswapV2Factory, weth: d.contracts.weth9, quoteTokens: Object.values(d.tokens ?? {}).map((t) => t.address) };
  }
  let store: import('../store/index.js').SqliteStore | undefined;
  if (opts.store) {
    const { SqliteStore } = await import('../store/index.js');
    store = new SqliteStore(opts.store);
  }
  let requested: string | undefined;
  let wake: (() => void) | undefined;
  const onSignal = (signal: string) => {
    requested ??= signal;
    wake?.();
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  const log = (m: string) => {
    if (!opts.json) process.stderr.write(pc.dim(`argus: ${m}`) + '\n');
  };
  try {
    log(`forking ${opts.upstream} and reading its recent history`);
    const guard = await Guard.start({ upstreamUrl: opts.upstream, policy, store, onLog: log });
    try {
      const server = await startGuardServer(guard, {
        port,
        allowedOrigins: opts.allowOrigin ?? [],
        allowedHosts: opts.allowedHost ?? [],
        onDecision: (d) => process.stdout.write(opts.json ? JSON.stringify(d, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) + '\n' : decisionLine(d) + '\n'),
      });
      if (opts.json) process.stdout.write(JSON.stringify({ url: server.url, upstream: opts.upstream }) + '\n');
      else process.stderr.write(`${pc.bold(pc.green('argus guard'))} on ${pc.cyan(server.url)} → ${opts.upstream}\n${pc.dim('point your wallet or dapp at it; blocked requests get JSON-RPC error -32003. Ctrl-C stops.')}\n`);
      if (requested === undefined) await new Promise<void>((resolve) => (wake = resolve));
      log(`${requested}, stopping (${guard.decisions} decisions)`);
      await server.close();
    } finally {
      await guard.stop();
    }
    return 0;
  } finally {
    await store?.close();
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
}

/** The guardian mode: watch pending transactions, pause the protected contracts ahead of a drain. */
async function runGuardian(opts: GuardCommandOptions, upstream: string): Promise<number> {
  const protect = (opts.protect ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  if (protect.length === 0 || protect.some((a) => !/^0x[0-9a-fA-F]{40}$/u.test(a))) throw new UsageError('--protect needs comma-separated contract addresses');
  const key = opts.guardianKey ?? process.env.ARGUS_GUARDIAN_KEY;
  if (!key || !/^0x[0-9a-fA-F]{64}$/u.test(key)) throw new UsageError('--guardian-key (or ARGUS_GUARDIAN_KEY) must be a 32-byte hex private key holding the pause role');
  const share = opts.maxLossShare === undefined ? 0.5 : Number(opts.maxLossShare);
  if (!(share > 0 && share <= 1)) throw new UsageError('--max-loss-share must be a number above 0 and at most 1');
  const { Guardian } = await import('../guard/guardian.js');
  let requested: string | undefined;
  let wake: (() => void) | undefined;
  const onSignal = (signal: string) => {
    requested ??= signal;
    wake?.();
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  try {
    const guardian = await Guardian.start({
      upstreamUrl: upstream,
      protect: protect as `0x${string}`[],
      key: key as `0x${string}`,
      maxLossShare: share,
      onEvent: (e) => process.stdout.write(opts.json ? JSON.stringify(e) + '\n' : `${e.kind === 'error' ? pc.yellow('!') : pc.red('⚑')} ${e.message}\n`),
    });
    if (!opts.json) process.stderr.write(`${pc.bold(pc.green('argus guard guardian'))} ${guardian.address} protecting ${protect.join(', ')} on ${upstream}\n`);
    if (requested === undefined) await new Promise<void>((resolve) => (wake = resolve));
    await guardian.stop();
    return 0;
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
}

export function guardCommand(): Command {
  return new Command('guard')
    .description('a JSON-RPC firewall: forwards reads, simulates and decides on transactions and signatures before they reach the node')
    .option('--upstream <url>', 'the node to forward to (and to fork for simulations)')
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 = a free one)', '8546')
    .option('--policy <file>', 'policy JSON: trustedSpenders, blockedAddresses, freshContractBlocks, maxEthLoss, onSimulationFailure, onWarning, intelFiles, dex')
    .option('--intel <file>', 'an address list to block (ScamSniffer CSV, OFAC JSON, plain text); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--store <file>', 'SQLite store to keep every decision in, as a guard/decision finding')
    .option('--devnet <file>', "a devnet description (argus devnet --out FILE): its Uniswap V2 for the honeypot check")
    .option('--fresh-blocks <n>', 'a contract younger than this many blocks is not trusted as a spender')
    .option('--fail-open', 'warn instead of block when a simulation cannot run')
    .option('--allow-origin <origin>', 'a web origin (https://app.example) whose pages may call the guard from a browser; repeatable (default: none, only non-browser clients)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--allowed-host <name>', 'a Host name the guard answers to besides 127.0.0.1, localhost and ::1; repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--json', 'print each decision as a JSON line')
    .option('--protect <addresses>', 'guardian mode: comma-separated contracts to protect (pending transactions are simulated against them)')
    .option('--guardian-key <key>', 'guardian mode: the private key that may pause them (or ARGUS_GUARDIAN_KEY)')
    .option('--max-loss-share <share>', 'guardian mode: a transaction taking more than this share of a protected contract is an attack', '0.5')
    .action(async (opts: GuardCommandOptions) => {
      process.exitCode = await runGuard(opts);
    });
}
