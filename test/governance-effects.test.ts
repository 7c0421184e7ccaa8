/**
 * Session 3's checks end to end on the devnet (development scenarios of eval/governance-scenarios.ts only):
 * borrowed power that passes and executes a newcomer's proposal before its vote ends is critical, with the
 * lenders and the function that executed it; an upgrade of a rewards distributor that over-pays its users'
 * own recent claims is critical by what the replay pays out; an emission raise replays the same payouts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario, startGovLab, type GovLab } from '../eval/governance-run.js';
import { ALL_SCENARIOS, splitOf } from '../eval/governance-scenarios.js';

const dev = (name: string) => {
  const i = ALL_SCENARIOS.findIndex((s) => s.name.startsWith(name));
  if (i < 0 || splitOf(i) !== 'dev') throw new Error(`${name}: not a development scenario`);
  return [ALL_SCENARIOS[i]!, i] as const;
};

describe('argus proposal: vote capture and replayed traffic on the devnet', () => {
  let lab: GovLab;
  beforeAll(async () => {
    lab = await startGovLab();
  }, 180_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it('borrowed power from two lending pools executes the proposal before its vote ends: critical, with the sources', async () => {
    const o = await runScenario(lab, ...dev('flash-loan vote capture with power borrowed from two lending pools'));
    expect(o.error).toBeNull();
    const f = o.report!.findings.find((x) => x.detector === 'governance/flash-loan-vote');
    expect(f?.severity).toBe('critical');
    expect(f?.explanation).toMatch(/weighs votes when they are cast/);
    expect((f?.evidence.sources as unknown[]).length).toBe(2);
    expect(o.report!.voteCapture?.executedWithBorrowed).not.toBeNull();
    expect(BigInt(o.report!.voteCapture!.countedWeight!)).toBe(800_000n * 10n ** 18n);
  }, 240_000);

  it('an upgrade that forgets what stakers were paid over-pays their replayed claims: critical; an emission raise does not', async () => {
    const bad = await runScenario(lab, ...dev('distributor upgrade with packed checkpoints'));
    const f = bad.report!.findings.find((x) => x.detector === 'governance/replay-outflow');
    expect(f?.severity).toBe('critical');
    expect(BigInt(f!.evidence.after as string)).toBeGreaterThanOrEqual(2n * BigInt(f!.evidence.before as string));
    const raise = await runScenario(lab, ...dev('distributor emission 100 to 150'));
    expect(raise.report!.verdict).toBe('info');
    const r = raise.report!.replay.find((x) => x.asset !== 'ETH');
    expect(r && BigInt(r.after) * 10n).toBeLessThan(BigInt(r!.before) * 12n); // within 20 %
  }, 300_000);
});
