import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDomain, checkDomains, DomainChecker, DomainList, domainFinding } from './index.js';
import { osaDistance } from './lookalike.js';
import { skeleton, isMixedScript } from './confusables.js';

const flagged = (input: string) => ['malicious', 'suspicious'].includes(checkDomain(input).verdict);

describe('checkDomain', () => {
  it('flags a brand joined with a lure word (the Azuki-style "exclusive mint" lure)', () => {
    const v = checkDomain('uniswap-claim.app');
    expect(v.verdict).toBe('malicious');
    expect(v.imitates).toBe('Uniswap');
    expect(v.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['brand-in-name', 'lure-word']));
    expect(flagged('claim-opensea.io')).toBe(true);
    expect(flagged('opensea-nft.xyz')).toBe(true);
    expect(flagged('https://azuki-exclusive-mint.com/mint')).toBe(true);
  });

  it('flags punycode homoglyphs of brands', () => {
    const v = checkDomain(domainToASCII('uniswаp.org'));
    expect(v.verdict).toBe('malicious');
    expect(v.unicode).toBe('uniswаp.org');
    expect(v.reasons.map((r) => r.code)).toContain('homoglyph');
    expect(v.imitates).toBe('Uniswap');
  });

  it('flags digit and letter-pair tricks and typos', () => {
    expect(checkDomain('un1swap.org').reasons.map((r) => r.code)).toContain('homoglyph');
    expect(checkDomain('rnetamask.io').imitates).toBe('MetaMask');
    expect(checkDomain('metamsak.io').reasons.map((r) => r.code)).toContain('typosquat');
  });

  it('leaves official sites and ordinary sites alone', () => {
    for (const ok of ['https://app.uniswap.org/swap', 'opensea.io', 'metamask.io', 'etherscan.io', 'google.com', 'nytimes.com', 'bbc.co.uk', 'wikipedia.org']) {
      expect(checkDomain(ok).verdict, ok).toBe('benign');
    }
  });

  it('sees through a brand put before @ in a link', () => {
    const v = checkDomain('https://uniswap.org@uniswap-gift.com/claim');
    expect(v.host).toBe('uniswap-gift.com');
    expect(v.reasons.map((r) => r.code)).toContain('userinfo-trick');
  });

  it('does not flag a name just for being in another script', () => {
    expect(checkDomain('пример.рф').verdict).toBe('benign');
    expect(checkDomain('münchen.de').verdict).toBe('benign');
  });

  it('never throws in a batch: bad inputs come back unknown with an error', () => {
    const out = checkDomains(['uniswap-claim.app', '', 'javascript:alert(1)', 'x'.repeat(10_000), 'opensea.io']);
    expect(out.map((v) => v.verdict)).toEqual(['malicious', 'unknown', 'unknown', 'unknown', 'benign']);
    expect(out[1]?.error).toBeTruthy();
  });

  it('lets an allowlist beat a blocklist, and a blocklist catch what rules miss', () => {
    const block = new DomainList('block');
    block.add('plain-looking.com', { source: 'my list', date: '2025-01-02' });
    const allow = new DomainList('allow');
    allow.add('uniswap-claim.app', { source: 'my allowlist' });
    const c = new DomainChecker({ blocklists: [block], allowlists: [allow] });
    expect(c.check('www.plain-looking.com').verdict).toBe('malicious');
    expect(c.check('www.plain-looking.com').reasons[0]?.code).toBe('blocklist');
    expect(c.check('uniswap-claim.app').verdict).toBe('benign');
  });

  it('explains model verdicts in words, not n-gram fragments', () => {
    const v = checkDomain('claim-rewards-portal.xyz');
    const model = v.reasons.find((r) => r.code === 'model');
    expect(model?.reason).toMatch(/phishing names/);
    expect(model?.reason).not.toMatch(/strongest parts/);
  });

  it('turns verdicts into findings', () => {
    const f = domainFinding(checkDomain('https://uniswap-claim.app/x'));
    expect(f?.subject).toMatchObject({ kind: 'domain', domain: 'uniswap-claim.app', url: 'https://uniswap-claim.app/x' });
    expect(domainFinding(checkDomain('opensea.io'))).toBeNull();
  });

  it('carries one fraud/domain-<code> finding per reason, the reasons being their short form', () => {
    const v = checkDomain('https://uniswap-claim.app/x');
    expect(v.findings.map((f) => f.detector)).toEqual(v.reasons.map((r) => `fraud/domain-${r.code}`));
    expect(v.findings.map((f) => [f.evidence.points, f.explanation])).toEqual(v.reasons.map((r) => [r.points, r.reason]));
    expect(v.findings[0]?.subject).toEqual({ kind: 'domain', domain: 'uniswap-claim.app', url: 'https://uniswap-claim.app/x' });
    expect(checkDomain('not a host at all ::').findings).toEqual([]);
  });
});

describe('helpers', () => {
  it('computes edit distance with swaps', () => {
    expect(osaDistance('uniswap', 'uniswpa')).toBe(1);
    expect(osaDistance('opensea', 'openseaa')).toBe(1);
    expect(osaDistance('metamask', 'metamsak')).toBe(1);
    expect(osaDistance('abc', 'xyz', 2)).toBe(3);
  });

  it('folds look-alikes to a skeleton and spots mixed scripts', () => {
    expect(skeleton('սոіѕwар')).toBe(skeleton('uniswap'));
    expect(skeleton('0pensea')).toBe(skeleton('opensea'));
    expect(isMixedScript('uniswаp')).toBe(true);
    expect(isMixedScript('uniswap')).toBe(false);
    expect(isMixedScript('пример')).toBe(false);
  });
});
