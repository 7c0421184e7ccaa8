/**
 * `argus demo` (what `npm start` runs): everything on embedded defaults in one process, on loopback only.
 * A local devnet with the attack scenarios running continuously among background traffic, the monitor
 * watching it (alerts on stdout, with why), the HTTP API and the dashboard on 127.0.0.1, and the example
 * contracts audited (their reports are on the dashboard's audit page). It prints the dashboard URL with a
 * one-run API key in the fragment (never sent to the server, kept by the page), and Ctrl-C stops all of it.
 */
import { pricesFromPools } from '../server/prices.js';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import pc from 'picocolors';
import { AttackScoreboard, describeVerdict, type AttackVerdict } from '../chain/scenarios/scoreboard.js';
import { UsageError } from '../core/errors.js';
import { LiveSink } from '../monitor/sinks/live.js';
import { defaultDashboardDir } from '../server/dashboard.js';
import { createServer } from '../server/index.js';
import { devnetDex } from '../token/simulate/pool.js';
import { apiKeysFromEnv } from './serve-command.js';
import { runWatch } from './watch-command.js';

export interface DemoCommandOptions {
  port: string;
  store: string;
  seed: string;
  examples: string;
  pause: string;
}

interface AuditSummary {
  id: string;
  report: { summary: { findings: number; bySeverity: Record<string, number> }; files: { file: string; findings: { title: string; severity: string; subject: { startLine?: number } }[] }[] };
}

/** Audits each example through the server's own route, so the dashboard lists them; prints one line each. */
async function auditExamples(app: FastifyInstance, key: string, dir: string, say: (m: string) => void): Promise<void> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.sol')).sort();
  } catch {
    say(`no example contracts at ${dir}; skipping the audit`);
    return;
  }
  for (const name of files) {
    const content = readFileSync(path.join(dir, name), 'utf8');
    const r = await app.inject({ method: 'POST', url: '/api/v1/audits', headers: { authorization: `Bearer ${key}` }, payload: { files: [{ path: `examples/${name}`, content }] } });
    if (r.statusCode !== 200) {
      say(`audit of ${name} failed: ${r.body.slice(0, 200)}`);
      continue;
    }
    const { report } = r.json<AuditSummary>();
    const worst = report.files.flatMap((f) => f.findings)[0];
    const counts = Object.entries(report.summary.bySeverity).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).reverse().join(', ');
    say(`audited examples/${name}: ${report.summary.findings} finding(s)${counts ? ` (${counts})` : ''}${worst ? `, e.g. ${worst.title} at line ${worst.subject.startLine ?? '?'}` : ''}`);
  }
}

export async function runDemo(opts: DemoCommandOptions): Promise<number> {
  if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535) throw new UsageError(`--port: '${opts.port}' is not a TCP port`);
  const pause = Number(opts.pause);
  if (!/^\d+(\.\d+)?$/.test(opts.pause) || pause > 600) throw new UsageError(`--pause: '${opts.pause}' is not a number of seconds from 0 to 600`);
  const dashboardDir = defaultDashboardDir();
  const say = (m: string) => process.stderr.write(`${pc.cyan('argus demo:')} ${m}\n`);
  const key = apiKeysFromEnv(process.env.ARGUS_API_KEYS)[0] ?? randomBytes(18).toString('base64url');
  // The devnet is a new chain every run: last run's alerts would be about blocks that no longer exist.
  const storeFile = path.resolve(opts.store);
  for (const suffix of ['', '-wal', '-shm']) rmSync(storeFile + suffix, { force: true });
  const live = new LiveSink();
  // The ground truth of every attack, judged against the alerts as the monitor passes its last block.
  const scoreboard = new AttackScoreboard();
  const judged = (verdicts: AttackVerdict[]) => {
    for (const v of verdicts) {
      const { attacks, caught, early } = scoreboard.summary();
      say(`${v.caught ? pc.green('✔') : pc.red('✘')} ${describeVerdict(v)}  ${pc.dim(`[${caught}/${attacks} caught, ${early} before the exploit]`)}`);
    }
  };
  say('starting a local devnet with Uniswap, tokens and the attack scenarios; alerts print below as the monitor raises them,');
  say(`and after each attack a ${pc.green('✔')} or ${pc.red('✘')} line says whether the monitor caught it (the simulator's ground truth, which the monitor never sees)`);

  return runWatch(
    { store: storeFile, seed: opts.seed, wallets: '30', stateEvery: '1' },
    {
      extraSinks: [live],
      explain: true,
      attackPauseSeconds: pause,
      onAttack: (truth) => judged(scoreboard.addAttack(truth)),
      onBlock: (block, findings) => judged(scoreboard.addBlock(block, findings)),
      onReady: async ({ rpcUrl, chainId, devnet }) => {
        const app = await createServer({
          apiKeys: [key],
          storeFile,
          live,
          chainId,
          rpcUrl,
          ...(devnet ? { tokenDex: devnetDex(devnet) } : {}),
          // The devnet's router, factory, WETH, tokens and pools by name, and USD prices from its pools' reserves.
          ...(devnet
            ? {
                labels: { [String(chainId)]: devnetLabels(devnet) },
                prices: pricesFromPools(Object.values(devnet.pools), Object.values(devnet.tokens), devnet.contracts.weth9),
              }
            : {}),
          ...(dashboardDir ? { dashboardDir } : {}),
          demo: true,
          scoreboard,
        });
        await auditExamples(app, key, path.resolve(opts.examples), say);
        const listen = (port: number) => app.listen({ host: '127.0.0.1', port });
        try {
          await listen(Number(opts.port));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
          say(`port ${opts.port} is taken; using a free one`);
          await listen(0);
        }
        const { port } = app.server.address() as AddressInfo;
        const base = `http://127.0.0.1:${port}`;
        if (dashboardDir) say(`${pc.bold('dashboard:')} ${pc.underline(`${base}/#key=${key}`)}  (loopback only; Ctrl-C stops everything)`);
        else say(`the dashboard is not built (npm run build); the API is at ${base}/api/v1`);
        say(`API: ${base}/api/v1 (OpenAPI at /api/v1/openapi.json); this run's API key: ${key}`);
        return async () => {
          await live.close();
          await app.close();
          const { attacks, caught, early, pending } = scoreboard.summary();
          say(`${attacks} attack(s) simulated and judged: ${caught} caught, ${early} before the exploit${pending ? ` (${pending} still running at the stop)` : ''}`);
        };
      },
    },
  );
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('run the whole of Argus on a local devnet: attacks running, the monitor, the API and dashboard on 127.0.0.1, the examples audited (npm start)')
    .option('--port <port>', 'dashboard and API port on 127.0.0.1 (a free one if taken)', '8080')
    .option('--store <file>', 'SQLite file for this run (emptied at start)', path.join('.argus', 'demo.db'))
    .option('--seed <seed>', 'seed of the scenario mix', '1')
    .option('--examples <dir>', 'contracts to audit at start', 'examples')
    .option('--pause <seconds>', 'quiet time between two attacks, so that the feed can be followed', '2')
    .action(async (opts: DemoCommandOptions) => {
      process.exitCode = await runDemo(opts);
    });
}

/** The devnet's infrastructure by name, for the dashboard's address labels. */
function devnetLabels(d: { contracts: { weth9: string; uniswapV2Factory: string; uniswapV2Router02: string }; tokens: Record<string, { symbol: string; address: string }>; pools: Record<string, { name: string; address: string }> | { name: string; address: string }[] }): Record<string, string> {
  const out: Record<string, string> = {
    [d.contracts.weth9.toLowerCase()]: 'WETH',
    [d.contracts.uniswapV2Factory.toLowerCase()]: 'Uniswap V2 factory',
    [d.contracts.uniswapV2Router02.toLowerCase()]: 'Uniswap V2 router',
  };
  for (const t of Object.values(d.tokens)) out[t.address.toLowerCase()] = `${t.symbol} token`;
  for (const p of Object.values(d.pools)) out[p.address.toLowerCase()] = `${p.name} pool`;
  return out;
}
