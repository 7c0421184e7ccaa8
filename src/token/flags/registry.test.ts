import { describe, expect, it } from 'vitest';
import { FLAG_NAMES } from '../types.js';
import { TOKEN_FLAG_RULES, ruleOf } from './registry.js';

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
