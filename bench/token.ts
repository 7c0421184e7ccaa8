import pc from 'picocolors';
import type { Address } from 'viem';
import { startDevnet } from '../src/chain/devnet/index.js';
import { simulate } from '../src/chain/scenarios/index.js';
import { checkToken } from '../src/token/check.js';
import { TradeSimulator, devnetDex } from '../src/token/simulate/index.js';
import { rpc } from '../src/chain/rpc/json-rpc.js';

/**
 * `npm run bench:token`: a whole `argus token` report per token on the devnet (`checkToken`): the deployed
 * code's flags, ownership, fork reset + trade simulation (buy, transfer, sell) side by side with the market
 * signals, and the pre-rug model's features from the pool's history. Goal: under 2 s per token.
 *
 * Tokens: the honeypot, sell-tax, hard-rug and soft-rug scenario tokens and the three DevTokens.
 * - cold: a new forked node (process start) and its first token, whose state comes from the upstream;
 * - warm, same block: a long-lived simulator, reset by reverting to its snapshot of the fork;
 * - warm, re-fork: the upstream mines a block before each token, so every reset is a `hardhat_reset`
 *   to the new head (state fetched again from the upstream).
 * Flags: --json, --rounds N (default 5), --cold N (default 2).
 */

const argv = process.argv.slice(2);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const json = argv.includes('--json');
const ROUNDS = Number(value('--rounds') ?? 5);
const COLD = Number(value('--cold') ?? 2);
const GOAL_SECONDS = 2;

const log = (m: string) => {
  if (!json) process.stderr.write(pc.dim(m) + '\n');
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};
const summary = (ms: number[]) => ({ n: ms.length, p50: quantile(ms, 0.5) / 1000, p95: quantile(ms, 0.95) / 1000, max: Math.max(...ms) / 1000 });

const devnet = await startDevnet({ port: 0 });
try {
  log(`devnet at ${devnet.rpcUrl}; running the honeypot, honeypot-tax, hard-rug and soft-rug scenarios`);
  const run = await simulate(devnet.describe(), { seed: 'bench-token', mode: 'mixed', wallets: 10, scenarios: ['honeypot', 'honeypot-tax', 'hard-rug', 'soft-rug'] });
  const dex = devnetDex(devnet.describe());
  const tokens: Array<[string, Address]> = [...run.attacks.map((a) => [a.kind, a.addresses.token as Address] as [string, Address]), ...Object.values(devnet.tokens).map((t) => [t.symbol, t.address] as [string, Address])];

  const check = async (simulator: TradeSimulator, token: Address) => {
    const started = performance.now();
    const report = await checkToken({ address: token, rpcUrl: devnet.rpcUrl, dex, simulator, rugged: new Set() });
    return { ms: performance.now() - started, report };
  };

  // Cold: process start, then the first token on an empty state cache.
  const coldStart: number[] = [];
  const coldFirst: number[] = [];
  for (let i = 0; i < COLD; i++) {
    const t0 = performance.now();
    const sim = await TradeSimulator.start({ upstreamUrl: devnet.rpcUrl });
    coldStart.push(performance.now() - t0);
    const first = await check(sim, (tokens[i % tokens.length] as [string, Address])[1]);
    coldFirst.push(first.ms);
    await sim.stop();
  }

  const sim = await TradeSimulator.start({ upstreamUrl: devnet.rpcUrl });
  const same: number[] = [];
  const refork: number[] = [];
  const verdicts: Record<string, string> = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, token] of tokens) {
        const r = await check(sim, token);
        same.push(r.ms);
        const { riskScore, simulation, market, rugScore } = r.report;
        verdicts[name] = `risk ${String(riskScore).padStart(3)}  honeypot=${simulation?.is_honeypot} sellTax=${simulation?.sellTax} liquidity=${market?.liquidityEth?.toFixed(2)} ETH pre-rug=${rugScore ? rugScore.probability.toFixed(2) : '-'}  ${r.report.reasons[0]?.reason ?? ''}`;
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [, token] of tokens) {
        await rpc(devnet.rpcUrl, 'hardhat_mine', ['0x1']);
        refork.push((await check(sim, token)).ms);
      }
    }
  } finally {
    await sim.stop();
  }

  const result = {
    tokens: tokens.length,
    coldStartSeconds: summary(coldStart),
    coldFirstTokenSeconds: summary(coldFirst),
    warmSameBlockSeconds: summary(same),
    warmReforkSeconds: summary(refork),
    goalSeconds: GOAL_SECONDS,
    verdicts,
  };
  const ok = result.warmReforkSeconds.p95 < GOAL_SECONDS && result.warmSameBlockSeconds.p95 < GOAL_SECONDS;
  if (json) {
    process.stdout.write(JSON.stringify({ ...result, ok }, null, 2) + '\n');
  } else {
    const line = (label: string, s: ReturnType<typeof summary>) => `${label.padEnd(34)} n=${String(s.n).padStart(3)}  p50 ${s.p50.toFixed(3)} s  p95 ${s.p95.toFixed(3)} s  max ${s.max.toFixed(3)} s`;
    console.log(pc.bold(`argus token, a whole report per token on the devnet (${tokens.length} tokens)`));
    for (const [name, v] of Object.entries(verdicts)) console.log(`  ${name.padEnd(20)} ${v}`);
    console.log(line('cold: fork node start', result.coldStartSeconds));
    console.log(line('cold: first token', result.coldFirstTokenSeconds));
    console.log(line('warm, same block (snapshot revert)', result.warmSameBlockSeconds));
    console.log(line('warm, re-fork (hardhat_reset)', result.warmReforkSeconds));
    console.log(ok ? pc.green(`p95 under the ${GOAL_SECONDS} s goal`) : pc.red(`p95 over the ${GOAL_SECONDS} s goal`));
  }
  if (!ok) process.exitCode = 1;
} finally {
  await devnet.stop();
}
