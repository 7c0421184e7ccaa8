import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import pc from 'picocolors';
import type { Address } from 'viem';
import { parseAddressList } from './address-list.js';
import { UsageError } from '../core/errors.js';
import type { DevnetDescription } from '../chain/devnet/devnet.js';
import type { GroundTruth, SimulateMode, SimulationResult, TruthFile } from '../chain/scenarios/index.js';
import { STAGES } from '../chain/scenarios/truth.js';

export interface SimulateCommandOptions {
  seed: string;
  rpc?: string;
  devnet?: string;
  mixed?: boolean;
  continuous?: boolean;
  maxAttacks?: string;
  wallets: string;
  truth?: string;
  sanctioned?: string;
  json?: boolean;
  list?: boolean;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function parseWhole(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** `--sanctioned` takes addresses separated by commas, or a file with one address a line (or a JSON array). */
/** `--sanctioned`: a list or a file of addresses (see `parseAddressList`). */
export function parseSanctioned(value: string | undefined): Address[] {
  return parseAddressList(value, '--sanctioned');
}

export function loadDescription(file: string, rpc: string | undefined): DevnetDescription {
  let d: DevnetDescription;
  try {
    d = JSON.parse(readFileSync(file, 'utf8')) as DevnetDescription;
  } catch (error) {
    throw new UsageError(`--devnet: cannot read ${file}: ${(error as Error).message}`);
  }
  if (!d.contracts?.uniswapV2Router02 || !Array.isArray(d.accounts) || !d.tokens) throw new UsageError(`--devnet: ${file} is not an 'argus devnet --out' description`);
  return rpc ? { ...d, rpcUrl: rpc, wsUrl: rpc.replace(/^http/, 'ws') } : d;
}

export function simulateSummary(r: SimulationResult): string {
  const lines = [
    pc.bold(pc.green(`argus simulate: ${r.attacks.length} attack(s)`)) +
      pc.dim(` (seed ${r.seed}, ${r.mode}, ${r.actions.length} transactions of which ${r.actions.filter((a) => !a.attackId).length} background, blocks ${r.blocks[0]}–${r.blocks[1]}, ${(r.durationMs / 1000).toFixed(1)} s)`),
  ];
  for (const a of r.attacks) {
    // Transactions per stage, in words ("funding 1, preparation 8, exploitation 2, laundering 3").
    const stages = STAGES.map((s) => `${s} ${a.txs.filter((t) => t.stage === s).length}`).join(', ');
    const attacker = typeof a.addresses.attacker === 'string' ? a.addresses.attacker : '';
    lines.push(`  ${a.attackId.padEnd(24)} ${a.kind.padEnd(20)} blocks ${String(a.blockRange[0]).padStart(5)}–${String(a.blockRange[1]).padEnd(5)} ${pc.dim(stages)} ${pc.dim(attacker)}`);
  }
  return lines.join('\n') + '\n';
}

export async function runSimulate(ids: string[], opts: SimulateCommandOptions): Promise<number> {
  const { SCENARIOS, EXPLOIT_SCENARIOS, selectScenarios, simulate } = await import('../chain/scenarios/index.js');
  if (opts.list) {
    for (const s of SCENARIOS) process.stdout.write(`${s.id.padEnd(20)} ${s.title}\n`);
    // The second set (protocol exploits) runs only when named.
    for (const s of EXPLOIT_SCENARIOS) process.stdout.write(`${s.id.padEnd(20)} ${s.title} (second set: name it to run it)\n`);
    return 0;
  }
  selectScenarios(ids); // unknown ids are usage errors before anything starts
  if (!/^[\w.-]{1,64}$/.test(opts.seed)) throw new UsageError('--seed must be 1 to 64 letters, digits, dots or dashes');
  if (opts.rpc && !opts.devnet) throw new UsageError("--rpc needs --devnet <file>, the description 'argus devnet --out' writes (the addresses of the pools and the funded accounts)");
  if (opts.mixed && opts.continuous) throw new UsageError('--mixed and --continuous are exclusive (continuous is always mixed)');
  const mode: SimulateMode = opts.continuous ? 'continuous' : opts.mixed ? 'mixed' : 'alone';
  const wallets = parseWhole(opts.wallets, '--wallets', 2, 500);
  const maxAttacks = opts.maxAttacks === undefined ? undefined : parseWhole(opts.maxAttacks, '--max-attacks', 1, 1_000_000);
  const sanctioned = parseSanctioned(opts.sanctioned);
  const say = (m: string) => process.stderr.write(pc.dim(`argus: ${m}`) + '\n');

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  let stopDevnet: (() => Promise<void>) | undefined;
  try {
    let description: DevnetDescription;
    if (opts.devnet) description = loadDescription(opts.devnet, opts.rpc);
    else {
      const { startDevnet } = await import('../chain/devnet/devnet.js');
      const devnet = await startDevnet({ port: 0, onProgress: say });
      stopDevnet = () => devnet.stop();
      description = devnet.describe();
      say(`devnet at ${description.rpcUrl}`);
    }
    const attacks: GroundTruth[] = [];
    const writeTruth = () => {
      if (!opts.truth) return;
      const file: TruthFile = { tool: 'argus simulate', seed: opts.seed, chainId: description.chainId, rpcUrl: description.rpcUrl, mode, attacks };
      writeFileSync(opts.truth, JSON.stringify(file, null, 2) + '\n');
    };
    const result = await simulate(description, {
      seed: opts.seed,
      scenarios: ids,
      mode,
      wallets,
      sanctioned,
      maxAttacks,
      signal: controller.signal,
      onProgress: say,
      onAttack: (t) => {
        attacks.push(t);
        writeTruth(); // continuous runs keep the file current
      },
    });
    writeTruth();
    if (opts.json) {
      const { actions, ...rest } = result;
      process.stdout.write(JSON.stringify({ ...rest, transactions: actions.length }) + '\n');
    } else process.stdout.write(simulateSummary(result));
    return 0;
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    await stopDevnet?.();
  }
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('run attack scenarios with ground truth (rug pulls, honeypots, phishing, reentrancy, price manipulation…) on a devnet')
    .argument('[scenarios...]', 'scenario ids (default: all; --list shows them)')
    .option('--seed <seed>', 'PRNG seed: the same seed replays the same transactions', '1')
    .option('--rpc <url>', 'JSON-RPC URL of a running devnet (with --devnet)')
    .option('--devnet <file>', "the description 'argus devnet --out' wrote (default: start a devnet for this run)")
    .option('--mixed', 'run the attacks inside seeded background traffic')
    .option('--continuous', 'background traffic with attacks now and then until Ctrl-C (or --max-attacks)')
    .option('--max-attacks <n>', 'continuous mode: stop after this many attacks')
    .option('--wallets <n>', 'background wallets', '30')
    .option('--truth <file>', 'write the ground truth of every attack to this JSON file')
    .option('--sanctioned <list>', 'sanctions list: addresses separated by commas, or a file of addresses')
    .option('--json', 'print the result (ground truth, blocks, counts) as one JSON line')
    .option('--list', 'list the scenarios and exit')
    .action(async (ids: string[], opts: SimulateCommandOptions) => {
      process.exitCode = await runSimulate(ids, opts);
    });
}
