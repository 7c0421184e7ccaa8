/**
 * `simulate`: runs attack scenarios alone, mixed into background traffic, or continuously, on a devnet
 * (one it was given or one it starts), and returns every attack's ground truth plus the action log.
 */
import type { Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ArgusError, ERROR_CODES, toArgusError } from '../../core/errors.js';
import type { DevnetDescription } from '../devnet/devnet.js';
import { SCENARIOS, findScenario, type Scenario, type ScenarioEnv } from './attacks.js';
import { EXPLOIT_SCENARIOS } from './exploits.js';
import { BackgroundTraffic } from './background.js';
import { SimContext, type Action } from './context.js';
import { Rng, seededKey } from './prng.js';
import type { GroundTruth, TruthFile } from './truth.js';

export type SimulateMode = 'alone' | 'mixed' | 'continuous';

/** Continuous mode stops after this many attacks in a row failed (the chain is gone, not one hiccup). */
const MAX_CONSECUTIVE_FAILURES = 3;

export interface SimulateOptions {
  seed: string | number;
  /** Scenario ids (or kinds); empty: all of them. */
  scenarios?: string[];
  mode?: SimulateMode;
  /** Background wallets (mixed and continuous). Default 30. */
  wallets?: number;
  /** Richer background: lending, ERC-4626 vaults, NFT mints and trades, team upgrades, deployments, multisig operations. */
  richBackground?: boolean;
  /** Background actions before the first attack, between attack stages and after the last (mixed). */
  backgroundBefore?: number;
  backgroundBetween?: [number, number];
  backgroundAfter?: number;
  /** The caller's sanctions list (the sanctions scenario sends to and from its first address). */
  sanctioned?: Address[];
  /** Continuous mode: stop after this many attacks (default: until `signal` aborts). */
  maxAttacks?: number;
  /** Continuous mode: quiet time between two attacks, so that people watching can follow (default 0). */
  pauseMs?: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  onAttack?: (truth: GroundTruth) => void;
  onAction?: (action: Action) => void;
}

export interface SimulationResult {
  seed: string;
  mode: SimulateMode;
  attacks: GroundTruth[];
  actions: Action[];
  backgroundActions: number;
  blocks: [number, number];
  durationMs: number;
  /** The truth file content (`--truth`). */
  truth: TruthFile;
}

export function selectScenarios(ids: readonly string[] | undefined): Scenario[] {
  if (!ids || ids.length === 0) return [...SCENARIOS];
  return ids.map((id) => {
    const s = findScenario(id) ?? EXPLOIT_SCENARIOS.find((x) => x.id === id);
    if (!s) throw new ArgusError(ERROR_CODES.USAGE, `unknown scenario '${id}' (known: ${[...SCENARIOS, ...EXPLOIT_SCENARIOS].map((x) => x.id).join(', ')})`);
    return s;
  });
}

export async function simulate(devnet: DevnetDescription, options: SimulateOptions): Promise<SimulationResult> {
  const started = performance.now();
  const seed = String(options.seed);
  const mode = options.mode ?? 'alone';
  const scenarios = selectScenarios(options.scenarios);
  const progress = options.onProgress ?? (() => undefined);
  const ctx = await SimContext.create(devnet);
  ctx.onAction = options.onAction;
  const firstBlock = (await ctx.blockNumber()) + 1;
  const rng = new Rng(seed, 'runner');
  const background = mode === 'alone' ? undefined : new BackgroundTraffic(ctx, seed, { wallets: options.wallets, rich: options.richBackground });
  const [minBetween, maxBetween] = options.backgroundBetween ?? [1, 4];
  const attacks: GroundTruth[] = [];

  const between = async () => {
    if (background) await background.run(rng.int(minBetween, maxBetween));
    else await ctx.mine(rng.int(0, 2));
  };
  const runOne = async (scenario: Scenario, n: number) => {
    const attackId = `${scenario.id}-${n}`;
    progress(`attack ${attackId}: ${scenario.title}`);
    const env: ScenarioEnv = {
      seed,
      attackId,
      rng: new Rng(seed, `attack:${attackId}`),
      between,
      wallet: (role, index = 0) => privateKeyToAccount(seededKey(seed, `${attackId}:${role}`, index)),
      sanctioned: options.sanctioned ?? [],
    };
    try {
      const truth = await scenario.run(ctx, env);
      attacks.push(truth);
      options.onAttack?.(truth);
      progress(`attack ${attackId} done: ${truth.txs.length} transactions, blocks ${truth.blockRange[0]}–${truth.blockRange[1]}`);
    } catch (error) {
      throw new ArgusError(toArgusError(error).code, `attack ${attackId} failed: ${toArgusError(error).message}`, {}, { cause: error });
    }
  };

  if (background) {
    progress(`funding ${background.wallets.length} background wallets`);
    await background.setup();
    await background.run(options.backgroundBefore ?? 20);
  }
  if (mode === 'continuous') {
    const counts = new Map<string, number>();
    let failures = 0;
    for (let i = 0; options.maxAttacks === undefined || i < options.maxAttacks; i++) {
      if (options.signal?.aborted) break;
      if (i > 0 && options.pauseMs) await pause(options.pauseMs, options.signal);
      if (options.signal?.aborted) break;
      await background?.run(rng.int(10, 30));
      if (options.signal?.aborted) break;
      if (await ctx.topUpFunder()) progress('the funder ran low; refilled it');
      const scenario = rng.pick(scenarios);
      const n = (counts.get(scenario.id) ?? 0) + 1;
      counts.set(scenario.id, n);
      // A demo runs for hours: one attack that fails (a node hiccup) is reported and the mix goes on;
      // only a chain that keeps failing stops it.
      try {
        await runOne(scenario, n);
        failures = 0;
      } catch (error) {
        if (options.signal?.aborted || ++failures >= MAX_CONSECUTIVE_FAILURES) throw error;
        progress(`${(error as Error).message}; going on with the next attack`);
      }
    }
  } else {
    for (const scenario of scenarios) await runOne(scenario, 1);
    if (background) await background.run(options.backgroundAfter ?? 10);
  }
  const lastBlock = await ctx.blockNumber();
  const truth: TruthFile = { tool: 'argus simulate', seed, chainId: devnet.chainId, rpcUrl: devnet.rpcUrl, mode, attacks };
  return {
    seed,
    mode,
    attacks,
    actions: ctx.actions,
    backgroundActions: background?.count ?? 0,
    blocks: [firstBlock, lastBlock],
    durationMs: Math.round(performance.now() - started),
    truth,
  };
}

/** Waits `ms`, or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
