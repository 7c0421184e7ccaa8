/**
 * The monitor engine on the real devnet: pure background traffic (seeded swaps, liquidity, transfers,
 * approvals) raises nothing; a soft rug pull, approval phishing, a reentrancy drain, a honeypot, a price
 * manipulation and a wash-trading ring mixed into background traffic are each caught by their detector,
 * on their own transactions or addresses, the last four before their exploitation stage, and nothing is
 * reported outside the attacks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { BackgroundTraffic, SimContext, simulate, type GroundTruth, type SimulationResult } from '../src/chain/scenarios/index.js';
import type { Finding } from '../src/core/finding.js';
import { MonitorEngine, devnetKnownGood, watchRange } from '../src/monitor/index.js';
import { matchesAttack as matches } from '../src/chain/scenarios/match.js';

let devnet: Devnet;
let engine: MonitorEngine;
let backgroundFindings: Finding[];
let sim: SimulationResult;
let attackFindings: Finding[];

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  engine = new MonitorEngine({ chainId: devnet.chainId, knownGood: devnetKnownGood(devnet), rpcUrl: devnet.rpcUrl });
  // Background only: the engine learns from it (from genesis) and must stay silent.
  const ctx = await SimContext.create(devnet.describe());
  const bg = new BackgroundTraffic(ctx, 'monitor-bg', { wallets: 12 });
  await bg.setup();
  await bg.run(120);
  const head = BigInt(await ctx.blockNumber());
  backgroundFindings = [...(await watchRange(engine, { rpcUrl: devnet.rpcUrl, fromBlock: 0n, toBlock: head }))];
  sim = await simulate(devnet.describe(), { seed: 'monitor-test', mode: 'mixed', scenarios: ['soft-rug', 'approval-phishing', 'reentrancy', 'honeypot', 'price-manipulation', 'wash-trading'], wallets: 10, backgroundBefore: 10, backgroundBetween: [1, 3], backgroundAfter: 5 });
  attackFindings = (await watchRange(engine, { rpcUrl: devnet.rpcUrl, fromBlock: head + 1n, toBlock: BigInt(sim.blocks[1]) })).slice(backgroundFindings.length);
}, 110_000);

afterAll(async () => {
  await devnet?.stop();
});

const attack = (kind: string): GroundTruth => sim.attacks.find((t) => t.kind === kind) as GroundTruth;
const caughtBy = (kind: string) => attackFindings.filter((f) => matches(f, attack(kind))).map((f) => f.detector);

describe('monitor engine on the devnet', () => {
  it('raises nothing on pure background traffic', () => {
    expect(engine.state.transactions).toBeGreaterThan(150);
    expect(backgroundFindings).toEqual([]);
  });

  it('catches the soft rug pull on its removeLiquidity transaction', () => {
    expect(caughtBy('soft-rug-pull')).toContain('monitor/liquidity-pull');
    const remove = attack('soft-rug-pull').txs.find((x) => x.method === 'removeLiquidityETH');
    const f = attackFindings.find((x) => x.detector === 'monitor/liquidity-pull');
    expect(f?.subject).toMatchObject({ kind: 'transaction', chainId: 31337, hash: remove?.hash });
    expect(f?.tags).toEqual(['stage:exploitation', 'kind:soft-rug-pull']);
  });

  it('catches approval phishing at the approval (preparation) and at each sweep', () => {
    const t = attack('approval-phishing');
    const found = attackFindings.filter((f) => f.detector === 'monitor/approval-phishing' && matches(f, t));
    expect(found.some((f) => f.subject.kind === 'address' && f.subject.address === String(t.addresses.attacker).toLowerCase() && f.tags.includes('stage:preparation'))).toBe(true);
    const sweeps = new Set<string>(t.txs.filter((x) => x.method === 'transferFrom').map((x) => x.hash));
    expect(found.filter((f) => f.subject.kind === 'transaction' && sweeps.has(f.subject.hash))).toHaveLength(3);
  });

  it('catches the reentrancy drain by a freshly funded attack contract', () => {
    expect(caughtBy('reentrancy')).toContain('monitor/exploit-contract');
  });

  /** The first finding about the attack comes in a block before its first exploitation transaction. */
  const firstAlertBeforeExploitation = (kind: string, detector: string) => {
    const t = attack(kind);
    const exploitation = Math.min(...t.txs.filter((x) => x.stage === 'exploitation').map((x) => x.block));
    const early = attackFindings.filter((f) => f.detector === detector && matches(f, t) && Number(f.evidence.blockNumber) < exploitation);
    return early;
  };

  it('warns of the honeypot at the first buy: a simulated sell back to the pool reverts', () => {
    const [f] = firstAlertBeforeExploitation('honeypot', 'monitor/honeypot-sell');
    expect(f?.subject).toMatchObject({ kind: 'address', address: String(attack('honeypot').addresses.token).toLowerCase() });
    expect(f?.explanation).toMatch(/simulated sell .* reverts/);
  });

  it('flags the price manipulation when the attack contract is deployed against the lender\'s WETH', () => {
    const [f] = firstAlertBeforeExploitation('price-manipulation', 'monitor/attack-contract-deploy');
    expect(f?.evidence).toMatchObject({ target: String(attack('price-manipulation').addresses.lender).toLowerCase(), asset: devnet.describe().contracts.weth9.toLowerCase() });
  });

  it('sees the wash-trading ring forming: wallets funded by the token\'s creator approve it before any trade', () => {
    const [f] = firstAlertBeforeExploitation('wash-trading', 'monitor/wash-trading');
    expect(f?.subject).toMatchObject({ kind: 'address', address: String(attack('wash-trading').addresses.attacker).toLowerCase() });
    expect(f?.tags).toContain('stage:preparation');
  });

  it('reports nothing outside the attacks', () => {
    const stray = attackFindings.filter((f) => !sim.attacks.some((t) => matches(f, t)));
    expect(stray).toEqual([]);
  });
});
