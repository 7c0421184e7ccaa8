import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../core/errors.js';
import type { TokenReport } from '../token/types.js';
import { FLAG_NAMES } from '../token/types.js';
import { parseAddressList } from './address-list.js';
import { loadDescription } from './simulate-command.js';

export interface TokenCommandOptions {
  rpc?: string;
  devnet?: string;
  router?: string;
  factory?: string;
  weth?: string;
  bytecode?: string;
  source?: string;
  contract?: string;
  block?: string;
  simulation: boolean;
  lockers?: string;
  store?: string;
  json?: boolean;
  failAbove: string;
}

/** `--fail-above`'s default: a risk score at or above it makes `argus token` exit 1. */
export const DEFAULT_FAIL_ABOVE = 70;

/** Runtime bytecode files are hex text; more than this is not a contract (the EVM caps code at 24 KiB). */
const MAX_BYTECODE_FILE = 1024 * 1024;

function readBytecodeFile(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`--bytecode: cannot read ${file}`);
  }
  if (size > MAX_BYTECODE_FILE) throw new UsageError(`--bytecode: ${file} is ${size} bytes; runtime bytecode is at most 24 KiB (48 KiB of hex)`);
  return readFileSync(file, 'utf8');
}

const mark = (v: boolean | null) => (v === true ? pc.red('yes') : v === false ? pc.green('no') : pc.yellow('unknown'));
const pct = (x: number | null) => (x === null ? pc.yellow('unknown') : `${Math.round(x * 1000) / 10} %`);

/** Where an offline report's code came from (the files the command read), for its header. */
export interface TokenOrigin {
  source?: string;
  contract?: string;
  bytecode?: string;
}

/**
 * The header's subject: the token's name and symbol when known (else the --contract asked for, else
 * "token"), then its address, or offline the file it was read from.
 */
export function tokenTitle(r: TokenReport, origin: TokenOrigin = {}): string {
  const name = r.name && r.symbol && r.name !== r.symbol ? `${r.name} (${r.symbol})` : (r.name ?? r.symbol ?? origin.contract ?? 'token');
  const where = r.address ?? (origin.source ? `from ${origin.source}` : origin.bytecode ? `from the bytecode in ${origin.bytecode}` : null);
  return where ? `${name} ${where}` : name;
}

export function tokenText(r: TokenReport, origin: TokenOrigin = {}): string {
  const colour = r.riskScore >= 70 ? pc.red : r.riskScore >= 30 ? pc.yellow : pc.green;
  const lines = [`${pc.bold(tokenTitle(r, origin))}${r.chainId !== null ? pc.dim(` on chain ${r.chainId}`) : ''}`, `risk ${pc.bold(colour(`${r.riskScore}/100`))}`];
  for (const reason of r.reasons) lines.push(`  ${colour(`+${reason.points}`.padStart(4))} ${reason.reason}`);
  if (r.reasons.length === 0) lines.push(pc.dim('  nothing found that points at a scam'));
  lines.push('', pc.bold('flags'));
  for (const name of FLAG_NAMES) {
    const f = r.flags[name];
    const ev = f.value === true && f.evidence[0] ? pc.dim(`  ${f.evidence[0].detail}`) : '';
    lines.push(`  ${name.padEnd(30)} ${mark(f.value)}${ev}`);
  }
  if (r.simulation) {
    const s = r.simulation;
    lines.push('', pc.bold('simulation') + pc.dim(s.pool ? ` through pool ${s.pool}` : ''));
    lines.push(`  honeypot ${mark(s.is_honeypot)}   cannot sell all ${mark(s.cannot_sell_all)}   buy tax ${pct(s.buyTax)}   sell tax ${pct(s.sellTax)}   transfer tax ${pct(s.transferTax)}   gas buy ${s.buyGas ?? '-'} / sell ${s.sellGas ?? '-'}`);
    for (const e of s.errors) lines.push(pc.dim(`  ${e}`));
  }
  if (r.market) {
    const m = r.market;
    lines.push('', pc.bold('market'));
    lines.push(`  liquidity ${m.liquidityEth === null ? pc.yellow('unknown') : `${m.liquidityEth.toFixed(3)} ETH`}   LP creator ${pct(m.lpCreatorShare)} burned ${pct(m.lpBurnedShare)} locked ${pct(m.lpLockedShare)}`);
    lines.push(`  top 10 holders ${pct(m.top10HolderShare)}   creator ${pct(m.creatorShare)}   pool age ${m.poolAgeBlocks ?? '-'} blocks   creator ${m.creator ?? '-'} (${m.creatorOtherTokens ?? '?'} other tokens, ${m.creatorEarlierRugs ?? '?'} rugged)`);
  }
  if (r.rugScore) {
    lines.push('', `${pc.bold('pre-rug model')} ${pct(r.rugScore.probability)} ${pc.dim(r.rugScore.model)}`);
    for (const d of r.rugScore.drivers.slice(0, 3)) lines.push(pc.dim(`  ${d.feature} = ${Math.round(d.value * 1000) / 1000} (+${d.contribution.toFixed(2)} log-odds)`));
  }
  if (r.notes.length > 0) {
    lines.push('', pc.bold('not checked'));
    for (const n of r.notes) lines.push(pc.dim(`  ${n}`));
  }
  lines.push(pc.dim(`\n${(r.elapsedMs / 1000).toFixed(2)} s`));
  return lines.join('\n') + '\n';
}

/** Exit codes: 0 risk under --fail-above, 1 at or above it, 2 bad usage or an unreachable chain. */
export async function runToken(address: string | undefined, opts: TokenCommandOptions): Promise<number> {
  const failAbove = Number(opts.failAbove);
  if (!/^\d+$/.test(opts.failAbove) || failAbove > 101) throw new UsageError('--fail-above must be a whole number from 0 to 101 (101: never fail)');
  if (address && !opts.rpc) throw new UsageError('a token address needs --rpc URL (or use --bytecode / --source offline)');
  if (!address && opts.rpc) throw new UsageError('--rpc needs a token address');
  if (!address && !opts.bytecode && !opts.source) throw new UsageError('give a token address with --rpc, or --bytecode FILE, or --source FILE');
  if (opts.rpc && !/^https?:\/\//.test(opts.rpc)) throw new UsageError(`--rpc: '${opts.rpc}' is not an http(s):// URL`);
  const block = opts.block === undefined ? undefined : Number(opts.block);
  if (opts.block !== undefined && !/^\d{1,15}$/.test(opts.block)) throw new UsageError('--block must be a block number');
  const dexParts = [opts.router, opts.factory, opts.weth];
  if (dexParts.some(Boolean) && !dexParts.every(Boolean)) throw new UsageError('--router, --factory and --weth go together');
  let dex;
  if (opts.devnet) {
    const d = loadDescription(opts.devnet, opts.rpc);
    const { devnetDex } = await import('../token/simulate/pool.js');
    dex = devnetDex(d);
  } else if (opts.router && opts.factory && opts.weth) {
    const [router, factory, weth] = parseAddressList(`${opts.router},${opts.factory},${opts.weth}`, '--router/--factory/--weth');
    dex = { router: router as `0x${string}`, factory: factory as `0x${string}`, weth: weth as `0x${string}` };
  }
  const lockers = parseAddressList(opts.lockers, '--lockers');
  let rugged: Set<string> | undefined;
  if (opts.store) {
    const { SqliteStore } = await import('../store/sqlite.js');
    const { ruggedFromStore } = await import('../token/market/rugs.js');
    const { upstreamHead } = await import('../evm/fork.js');
    const store = new SqliteStore(path.resolve(opts.store));
    try {
      rugged = opts.rpc ? await ruggedFromStore(store, (await upstreamHead(opts.rpc)).chainId) : undefined;
    } finally {
      await store.close();
    }
  }
  const { checkToken } = await import('../token/check.js');
  const report = await checkToken({
    ...(address ? { address } : {}),
    ...(opts.rpc ? { rpcUrl: opts.rpc } : {}),
    ...(opts.bytecode ? { bytecode: readBytecodeFile(opts.bytecode) } : {}),
    ...(opts.source ? { sourceFile: path.resolve(opts.source) } : {}),
    ...(opts.contract ? { source: { contract: opts.contract } } : {}),
    ...(dex ? { dex } : {}),
    ...(block !== undefined ? { block } : {}),
    ...(opts.simulation ? {} : { noSimulation: true }),
    ...(lockers.length ? { lockers } : {}),
    ...(rugged ? { rugged } : {}),
  });
  const origin: TokenOrigin = { ...(opts.source ? { source: opts.source } : {}), ...(opts.contract ? { contract: opts.contract } : {}), ...(opts.bytecode ? { bytecode: opts.bytecode } : {}) };
  process.stdout.write(opts.json ? JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n' : tokenText(report, origin));
  return report.riskScore >= failAbove ? 1 : 0;
}

export function tokenCommand(): Command {
  return new Command('token')
    .description('check how risky an ERC-20 token is: what its code lets the owner do, what happens when you buy and sell, what its market says, a learned pre-rug score')
    .argument('[address]', 'the token on the chain at --rpc')
    .option('--rpc <url>', 'JSON-RPC endpoint of the chain (the trades are simulated on a local fork of it)')
    .option('--devnet <file>', "the chain is an argus devnet: its description ('argus devnet --out'), for its DEX")
    .option('--router <address>', 'Uniswap V2 router of the chain (with --factory and --weth; default on mainnet)')
    .option('--factory <address>', 'Uniswap V2 factory of the chain')
    .option('--weth <address>', 'wrapped ether of the chain')
    .option('--bytecode <file>', 'offline: a file with the runtime or creation (deployment) bytecode in hex')
    .option('--source <file>', 'verified Solidity source (with its imports), offline or beside the address')
    .option('--contract <name>', 'the token contract in --source (default: the most derived one with transfer)')
    .option('--block <n>', 'as of this block (default: the head)')
    .option('--no-simulation', 'skip the simulated buy and sell')
    .option('--lockers <list>', 'LP locker contracts of the chain: commas, or a file')
    .option('--store <file>', "the monitor's SQLite store, for rugs it saw by the same creator")
    .option('--json', 'the report as JSON')
    .option('--fail-above <score>', 'exit 1 when the risk score is at or above this (0-100)', String(DEFAULT_FAIL_ABOVE))
    .action(async (address: string | undefined, opts: TokenCommandOptions) => {
      process.exitCode = await runToken(address, opts);
    });
}
