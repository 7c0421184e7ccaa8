import { describe, expect, it } from 'vitest';
import { FLAG_NAMES } from '../types.js';
import { TOKEN_FLAG_RULES, ruleOf } from './registry.js';
import { limitSellFromSimulation } from './rules/limit-sell.js';
import { ownerRenouncedFromChain } from './rules/owner-renounced.js';
import { proxyFromImplementationSlot } from './rules/proxy.js';

describe('token flag registry', () => {
  it('has one rule per flag, in the order of FLAG_NAMES, with unique ids', () => {
    expect(TOKEN_FLAG_RULES.map((r) => r.meta.flag)).toEqual([...FLAG_NAMES]);
    expect(new Set(TOKEN_FLAG_RULES.map((r) => r.meta.id)).size).toBe(TOKEN_FLAG_RULES.length);
    for (const name of FLAG_NAMES) expect(ruleOf(name).meta.flag).toBe(name);
  });

  it('gives every rule a weight in 0..1 with words for it, or neither, and text a user can act on', () => {
    for (const { meta } of TOKEN_FLAG_RULES) {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(meta.weight === null).toBe(meta.say === null);
      if (meta.weight !== null) expect(meta.weight > 0 && meta.weight <= 1).toBe(true);
      expect(meta.description.length).toBeGreaterThan(20);
      expect(meta.recommendation.length).toBeGreaterThan(10);
      expect(meta.confidence).toBeGreaterThan(0);
      expect(meta.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('decides every flag from bytecode and from source, in its own module', () => {
    for (const rule of TOKEN_FLAG_RULES) {
      expect(rule.bytecode, rule.meta.id).toBeDefined();
      expect(rule.source, rule.meta.id).toBeDefined();
    }
  });

  it('names the CRPWarner backdoors and the GoPlus fields', () => {
    expect(TOKEN_FLAG_RULES.filter((r) => r.meta.crpwarner).map((r) => r.meta.flag)).toEqual(['hidden_mint', 'leaking_token', 'limit_sell']);
    expect(ruleOf('is_mintable').meta.goplus).toBe('is_mintable');
  });
});

describe('chain and simulation parts of the rules', () => {
  it('limits selling when a simulated sell fails, and says nothing otherwise', () => {
    const sim = { pool: null, buyTax: 0, sellTax: null, transferTax: 0, buyGas: null, sellGas: null, is_honeypot: true, cannot_sell_all: null, errors: ['nope'] };
    expect(limitSellFromSimulation(sim)).toEqual({ value: true, evidence: [{ from: 'simulation', detail: 'a fresh holder could not sell: nope' }] });
    expect(limitSellFromSimulation({ ...sim, is_honeypot: false, cannot_sell_all: false })).toBeNull();
  });

  it('reads renounced ownership and an EIP-1967 implementation from the chain', () => {
    expect(ownerRenouncedFromChain('owner', '0x0000000000000000000000000000000000000000').value).toBe(true);
    expect(ownerRenouncedFromChain('getOwner', '0x00000000000000000000000000000000000000aa')).toMatchObject({ value: false, evidence: [{ signature: 'getOwner()' }] });
    const own = { value: true, evidence: [{ from: 'bytecode' as const, detail: 'delegates' }] };
    expect(proxyFromImplementationSlot('0xImpl', own).evidence.map((e) => e.from)).toEqual(['chain', 'bytecode']);
    expect(proxyFromImplementationSlot('0xImpl', { value: false, evidence: [] }).evidence).toHaveLength(1);
  });
});
