/**
 * Issue 18, round 3: the model's inputs no longer let an established ending (.com) count against a name,
 * a plain project name is a prior for it, a name that *is* a brand is told apart from a brand inside a
 * name, and the operating point is set on the checker's own verdicts.
 */
import { describe, expect, it } from 'vitest';
import { modelPoints, scoreOf, SUSPICIOUS_AT } from './index.js';
import { checkLookalike } from './lookalike.js';
import { cachedHash, isPlainName, modelText, nonPositiveFeature, structural } from './model.js';
import { parseHost, type ParsedHost } from './parse.js';
import { packRows, trainLogistic, type TrainingRow } from './train.js';

const parsed = (host: string): ParsedHost => {
  const p = parseHost(host);
  if (!p.ok) throw new Error(p.error);
  return p.value;
};
const signsOf = (host: string) => {
  const look = checkLookalike(parsed(host));
  return { brand: look.brandHit, brandExact: look.brandExact, lure: look.lureHit };
};

describe('the ending is one feature, never letters of the name', () => {
  it('reads n-grams from the host without its public suffix', () => {
    expect(modelText(parsed('chainlink.com'))).toBe('^chainlink$');
    expect(modelText(parsed('app.pendle.finance'))).toBe('^pendle$');
    expect(modelText(parsed('claim.somedex.co.uk'))).toBe('^claim.somedex$');
    expect(modelText(parsed('uniswap-claim.vercel.app'))).toBe('^uniswap-claim$');
    expect(structural(parsed('chainlink.com'), signsOf('chainlink.com'))).toContain('tld=com');
  });

  it('lets an established ending speak only for a name, a throw-away ending against it', () => {
    for (const f of ['tld=com', 'tld=org', 'tld=io', 'tld=fi', 'tld=co.uk', 'plain']) expect(nonPositiveFeature(f), f).toBe(true);
    for (const f of ['tld=xyz', 'tld=top', 'tld=platform', 'hyphens=1', 'brand', 'lure']) expect(nonPositiveFeature(f), f).toBe(false);
  });

  it('keeps such weights at or below zero in training even when every .com row is phishing', () => {
    const rows: TrainingRow[] = [];
    for (let i = 0; i < 200; i++) {
      rows.push({ parsed: parsed(`name${i}x.com`), brand: false, lure: false, y: 1 });
      rows.push({ parsed: parsed(`name${i}y.finance`), brand: false, lure: false, y: 0 });
      rows.push({ parsed: parsed(`name${i}z.xyz`), brand: false, lure: false, y: 1 });
    }
    const packed = packRows(rows);
    const { weights } = trainLogistic(packed, { epochs: 3, learningRate: 0.4, l2: 1e-6, seed: 1 });
    expect(weights[cachedHash('tld=com')]).toBeLessThanOrEqual(0);
    expect(weights[cachedHash('tld=xyz')]).toBeGreaterThan(0);
  });
});

describe('a plain project name on its own domain', () => {
  it('is one word of letters with no brand, lure, random letters or foreign subdomain', () => {
    for (const h of ['pendle.finance', 'app.morpho.org', 'www.eigenlayer.xyz', 'staking.lido.fi']) expect(isPlainName(parsed(h), signsOf(h)), h).toBe(true);
    for (const h of ['uniswap-claim.xyz', 'claimrewards.com', 'xq7k2zr9.com', 'bckrtw.io', 'foo.vercel.app', 'airdrop.pendle.finance', 'web3.com', 'uniswapex.io']) {
      expect(isPlainName(parsed(h), signsOf(h)), h).toBe(false);
    }
  });
});

describe('a name that is a brand, and a brand inside a name', () => {
  it('tells the two apart for the model', () => {
    expect(structural(parsed('chainlink.com'), signsOf('chainlink.com'))).toContain('brand=exact');
    expect(structural(parsed('chainlink.com'), signsOf('chainlink.com'))).not.toContain('brand');
    expect(structural(parsed('chainlink-claim.xyz'), signsOf('chainlink-claim.xyz'))).toContain('brand');
    expect(checkLookalike(parsed('chainlink-claim.xyz')).brandExact).toBe(false);
  });

  it('weighs the brand’s very name less on an established ending than on a throw-away one', () => {
    const pts = (h: string) => checkLookalike(parsed(h)).reasons.find((r) => r.code === 'brand-other-domain')?.points;
    expect(pts('chainlink.com')).toBe(15);
    expect(pts('chainlink.xyz')).toBe(30);
    expect(checkLookalike(parsed('chainlink.com')).reasons.reduce((a, r) => a + r.points, 0)).toBeLessThan(SUSPICIOUS_AT);
  });
});

describe('the checker’s scoring, shared with training', () => {
  it('gives the model 45 points at its threshold and never malicious alone', () => {
    const p = parsed('plainname.com');
    const look = checkLookalike(p);
    expect(modelPoints(0, p, look)).toBe(45);
    expect(modelPoints(10, p, look)).toBe(60);
    expect(modelPoints(-3, p, look)).toBeLessThan(5);
    expect(scoreOf([{ points: 60, code: 'model', reason: '' }, { points: 40, code: 'lure-word', reason: '' }])).toBe(69);
    expect(scoreOf([{ points: 60, code: 'model', reason: '' }, { points: 40, code: 'kit-pattern', reason: '' }])).toBe(76);
  });
});
