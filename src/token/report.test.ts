import { describe, expect, it } from 'vitest';
import { buildReport, flagsView, mergeFlags, riskFindings } from './report.js';
import { unknownFlags, type TokenFlags, type TradeSimulation } from './types.js';

const withFlags = (set: Partial<Record<keyof TokenFlags, boolean>>): TokenFlags => {
  const flags = unknownFlags();
  for (const [name, value] of Object.entries(set)) flags[name as keyof TokenFlags] = { value, evidence: value ? [{ from: 'bytecode', selector: '0x12345678', detail: `${name} seen` }] : [] };
  return flags;
};

const cleanSim: TradeSimulation = { pool: '0xpool', buyTax: 0, sellTax: 0, transferTax: 0, buyGas: 120_000, sellGas: 110_000, is_honeypot: false, cannot_sell_all: false, errors: [] };

describe('mergeFlags', () => {
  it('true from either side wins with its evidence; false needs a check; unknown stays null', () => {
    const bytecode = withFlags({ hidden_mint: true, selfdestruct: false });
    const source = withFlags({ hidden_mint: false, is_blacklisted: true });
    const merged = mergeFlags(bytecode, source);
    expect(merged.hidden_mint.value).toBe(true);
    expect(merged.hidden_mint.evidence).toHaveLength(1);
    expect(merged.is_blacklisted.value).toBe(true);
    expect(merged.selfdestruct.value).toBe(false);
    expect(merged.is_proxy.value).toBeNull();
  });
});

describe('buildReport', () => {
  it('scores a token with nothing against it at 0, with no reasons', () => {
    const r = buildReport({ flags: withFlags({ hidden_mint: false, limit_sell: false }), simulation: cleanSim });
    expect(r.riskScore).toBe(0);
    expect(r.reasons).toEqual([]);
  });

  it('puts a failing sell at the top and near 100, whatever else is clean', () => {
    const r = buildReport({ flags: unknownFlags(), simulation: { ...cleanSim, sellTax: null, sellGas: null, is_honeypot: true, errors: ['GuardedLaunch: anti-bot cooldown'] } });
    expect(r.riskScore).toBeGreaterThanOrEqual(95);
    expect(r.reasons[0]?.reason).toContain('anti-bot cooldown');
  });

  it('adds weak reasons up without reaching 100, and names the evidence', () => {
    const r = buildReport({ flags: withFlags({ is_mintable: true, transfer_pausable: true }), simulation: cleanSim });
    expect(r.riskScore).toBe(Math.round(100 * (1 - 0.8 * 0.7)));
    expect(r.reasons.map((x) => x.reason)).toEqual(['the owner can pause transfers (0x12345678)', 'the owner can mint more tokens (0x12345678)']);
  });

  it('discounts owner-only privileges once ownership is renounced for good, not when it can be taken back', () => {
    const renounced = withFlags({ is_mintable: true, owner_renounced: true });
    expect(buildReport({ flags: renounced }).riskScore).toBe(6);
    const reclaimable = withFlags({ is_mintable: true, owner_renounced: true, can_take_back_ownership: true });
    expect(buildReport({ flags: reclaimable }).riskScore).toBe(Math.round(100 * (1 - 0.8 * 0.4)));
  });

  it('reads taxes, liquidity held by the creator and the learned score as reasons', () => {
    const r = buildReport({
      flags: unknownFlags(),
      simulation: { ...cleanSim, sellTax: 0.25 },
      market: { pool: '0xpool', liquidityEth: 0.5, lpCreatorShare: 0.97, lpBurnedShare: 0, lpLockedShare: 0, top10HolderShare: 0.3, creatorShare: 0.1, poolAgeBlocks: 10, creator: '0xc', creatorOtherTokens: 2, creatorEarlierRugs: 1 },
      rugScore: { probability: 0.9, features: {}, drivers: [{ feature: 'lp_creator_holding_ratio', value: 0.97, contribution: 1.5 }], model: 'test' },
    });
    const text = r.reasons.map((x) => x.reason).join('\n');
    expect(text).toMatch(/earlier tokens were rugged/);
    expect(text).toMatch(/sell tax 25 %/);
    expect(text).toMatch(/holds 97 % of the liquidity/);
    expect(text).toMatch(/pre-rug model scores 90 % \(lp_creator_holding_ratio = 0.97\)/);
    expect(r.riskScore).toBeGreaterThan(80);
  });

  it('reports each true flag as a token/<rule> finding with its tags, weight and evidence, and the flags as their view', () => {
    const flags = withFlags({ hidden_mint: true, is_anti_whale: true, selfdestruct: false });
    const r = buildReport({ chainId: 1, address: '0x00000000000000000000000000000000000000aa', flags });
    expect(r.findings.map((f) => f.detector)).toEqual(['token/hidden-mint', 'token/anti-whale']);
    const [mint, whale] = r.findings;
    expect(mint!.tags).toContain('crpwarner:hidden_mint');
    expect(whale!.tags).toContain('goplus:is_anti_whale');
    expect(mint!.subject).toEqual({ kind: 'address', chainId: 1, address: '0x00000000000000000000000000000000000000aa', role: 'token' });
    expect(mint!.evidence.weight).toBe(0.8);
    expect(whale!.evidence.weight).toBeNull();
    // Only findings with a weight are reasons; the score adds up exactly those.
    expect(r.reasons).toEqual([{ points: 80, reason: mint!.explanation }]);
    expect(r.flags).toEqual(flags);
    expect(flagsView(r.findings, flags)).toEqual(flags);
  });

  it('points an offline source finding at its line, and turns simulation and market signals into findings', () => {
    const flags = unknownFlags();
    flags.is_mintable = { value: true, evidence: [{ from: 'source', signature: 'mint(address,uint256)', file: 'T.sol', line: 12, detail: 'mint calls _mint' }] };
    const [f] = riskFindings({ flags });
    expect(f!.subject).toMatchObject({ kind: 'source', file: 'T.sol', startLine: 12, function: 'mint(address,uint256)' });
    const sim = riskFindings({ flags: unknownFlags(), simulation: { ...cleanSim, is_honeypot: true, sellTax: null } });
    expect(sim.map((x) => x.detector)).toEqual(['token/honeypot']);
    expect(sim[0]!.tags).toContain('goplus:is_honeypot');
  });
});
