import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import pc from 'picocolors';
import { ArgusError, ERROR_CODES, UsageError } from '../core/errors.js';
import type { DevnetDescription } from '../chain/devnet/devnet.js';

export interface DevnetCommandOptions {
  port: string;
  accounts: string;
  blockTime?: string;
  json?: boolean;
  out?: string;
  verbose?: boolean;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function devnetText(d: DevnetDescription): string {
  const row = (label: string, value: string) => `  ${label.padEnd(20)} ${value}`;
  const lines = [
    pc.bold(pc.green('Argus devnet running')) + pc.dim(` (Hardhat EDR, chain id ${d.chainId}, up in ${(d.startupMs / 1000).toFixed(1)} s)`),
    row('HTTP JSON-RPC', pc.cyan(d.rpcUrl)),
    row('WebSocket JSON-RPC', pc.cyan(d.wsUrl)),
    row('Mining', d.blockTimeMs === null ? 'one block per transaction' : `a block every ${d.blockTimeMs / 1000} s`),
    '',
    pc.bold('Contracts'),
    row('WETH9', d.contracts.weth9),
    row('UniswapV2Factory', d.contracts.uniswapV2Factory),
    row('UniswapV2Router02', d.contracts.uniswapV2Router02),
    row('pair init code hash', pc.dim(d.pairInitCodeHash + (d.routerPatched ? ' (patched into the router)' : ''))),
    '',
    pc.bold('Tokens'),
    ...Object.values(d.tokens).map((t) => row(t.symbol, `${t.address} ${pc.dim(`${t.name}, ${t.decimals} decimals`)}`)),
    '',
    pc.bold('Uniswap V2 pools'),
    ...d.pools.map((p) => row(p.name, p.address)),
    '',
    pc.bold('Accounts') + pc.dim(' (10,000 ETH each; the first deploys and owns the tokens; these keys are public, never use them elsewhere)'),
    ...d.accounts.map((a, i) => row(`#${i}`, `${a.address} ${pc.dim(a.privateKey)}`)),
    '',
    pc.dim('Ctrl-C stops the node.'),
  ];
  return lines.join('\n') + '\n';
}

function parseWhole(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** Runs until SIGINT, SIGTERM or SIGHUP, then stops the node. Exit code 0 on a requested stop. */
export async function runDevnet(opts: DevnetCommandOptions): Promise<number> {
  const port = parseWhole(opts.port, '--port', 0, 65_535);
  const accounts = parseWhole(opts.accounts, '--accounts', 1, 1000);
  let blockTimeMs: number | undefined;
  if (opts.blockTime !== undefined) {
    const seconds = Number(opts.blockTime);
    if (!(seconds > 0 && seconds <= 3600)) throw new UsageError('--block-time must be a number of seconds above 0');
    blockTimeMs = Math.max(1, Math.round(seconds * 1000));
  }

  // Handlers go in first so that a Ctrl-C during start-up still stops the node once it is up.
  let requested: string | undefined;
  let wake: (() => void) | undefined;
  const onSignal = (signal: string) => {
    requested ??= signal;
    wake?.();
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  try {
    const { startDevnet } = await import('../chain/devnet/devnet.js');
    let devnet: Awaited<ReturnType<typeof startDevnet>>;
    try {
      devnet = await startDevnet({
        port,
        accounts,
        blockTimeMs,
        onNodeLog: opts.verbose ? (line) => process.stderr.write(pc.dim(`[node] ${line}`) + '\n') : undefined,
        onProgress: opts.json ? undefined : (m) => process.stderr.write(pc.dim(`argus: ${m}`) + '\n'),
      });
    } catch (error) {
      // Ctrl-C in a terminal reaches the node too, so start-up fails; that is the stop that was asked for.
      if (requested !== undefined) return 0;
      throw error;
    }
    const description = devnet.describe();
    if (opts.out) writeFileSync(opts.out, JSON.stringify(description, null, 2) + '\n');
    // --json: one line, so that a script can read the first line and go.
    process.stdout.write(opts.json ? JSON.stringify(description) + '\n' : devnetText(description));
    const died = devnet.exited.then(({ code, signal }) => ({ code, signal }));
    if (requested === undefined) {
      const why = await Promise.race([new Promise<'signal'>((resolve) => (wake = () => resolve('signal'))), died.then(() => 'died' as const)]);
      if (why === 'died' && requested === undefined) {
        const { code, signal } = await died;
        throw new ArgusError(ERROR_CODES.DEVNET, `the Hardhat node exited unexpectedly (${signal ?? `code ${code}`})`);
      }
    }
    if (!opts.json) process.stderr.write(pc.dim(`argus: ${requested}, stopping the devnet`) + '\n');
    await devnet.stop();
    return 0;
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
}

export function devnetCommand(): Command {
  return new Command('devnet')
    .description('run a local EVM chain (Hardhat EDR, chain id 31337) with Uniswap V2, WETH, ERC-20 tokens and pools deployed')
    .option('-p, --port <port>', 'port on 127.0.0.1 for HTTP and WebSocket JSON-RPC (0 = a free one)', '8545')
    .option('--accounts <n>', 'funded accounts (10,000 ETH and some of each token)', '10')
    .option('--block-time <seconds>', 'mine a block at this interval instead of one per transaction')
    .option('--json', 'print the description (URLs, addresses, accounts) as one JSON line')
    .option('-o, --out <file>', 'also write the description as JSON to this file')
    .option('-v, --verbose', "print the node's request log to stderr")
    .action(async (opts: DevnetCommandOptions) => {
      process.exitCode = await runDevnet(opts);
    });
}
