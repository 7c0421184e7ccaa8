/**
 * Issue 18: a project's own site names are the normal case, lures are called malicious only on specific
 * evidence, the model alone says "suspicious" at most and in words, and the user's allowlist comes first.
 */
import { describe, expect, it } from 'vitest';
import { DomainChecker, DomainList, MALICIOUS_AT } from './index.js';
import { checkLookalike } from './lookalike.js';
import { DomainModel, HASH_BITS, looksRandom } from './model.js';
import { parseHost } from './parse.js';

const look = (host: string) => {
  const p = parseHost(host);
  if (!p.ok) throw new Error(p.error);
  return checkLookalike(p.value);
};
const codes = (host: string) => look(host).reasons.map((r) => r.code);

/** A model that calls every name phishing with certainty: what the checker does with it is the test. */
const paranoid = DomainModel.fromWeights(new Float32Array(1 << HASH_BITS), 20, { name: 'test-paranoid', trainedAt: '2026-12-06', cutoff: '2026-12-06', threshold: 0.9, training: {} });

describe('project site words and kit patterns', () => {
  it('does not treat a project’s own app, staking or bridge subdomain as a lure', () => {
    for (const host of ['app.somedex.xyz', 'staking.lendfi.fi', 'dapp.walletco.pro', 'bridge.chainx.org', 'support.protocol.win']) {
      expect(codes(host), host).not.toContain('lure-word');
      expect(look(host).lureHit, host).toBe(false);
    }
  });

  it('gives a chain’s name in a subdomain (a multi-chain deployment) little weight, another brand more', () => {
    expect(look('fantom.someproject.com').reasons.find((r) => r.code === 'brand-in-subdomain')?.points).toBeLessThan(20);
    expect(look('metamask.someproject.com').reasons.find((r) => r.code === 'brand-in-subdomain')?.points).toBeGreaterThanOrEqual(40);
  });

  it('still counts those words beside another project’s brand', () => {
    expect(codes('uniswap-staking.xyz')).toEqual(expect.arrayContaining(['brand-in-name', 'lure-word']));
  });

  it('counts a call-to-act word anywhere', () => {
    expect(codes('claim.somedex.xyz')).toContain('lure-word');
    expect(codes('restorewallet.com')).toContain('lure-word');
  });

  it('names the kit pattern: a lure word hyphenated to another name', () => {
    for (const host of ['claim-zerolend.net', 'restore-suilend.com', 'eligibility-eigenlayer.xyz', 'griffain-rewards.com']) expect(codes(host), host).toContain('kit-pattern');
    for (const host of ['claim.zerolend.net', 'claimrewards.com', 'claim-2025.xyz', 'zero-lend.finance', 'sncf-connect.com']) expect(codes(host), host).not.toContain('kit-pattern');
  });

  it('sees random-letter labels and not ordinary words', () => {
    for (const label of ['jhjhjhhjkj', 'eeghiu12igu1ghiu', 'xq7k2zr9', 'bckrtw']) expect(looksRandom(label), label).toBe(true);
    for (const label of ['uniswap', 'pancakeswap', 'aave', 'lido', 'morpho-blue', 'web3', 'curve']) expect(looksRandom(label), label).toBe(false);
  });
});

describe('calibrated verdicts', () => {
  const checker = new DomainChecker({ model: paranoid, bundled: false });

  it('lets the model alone say suspicious at most, explained in words', () => {
    const v = checker.check('app.plainproject.xyz');
    expect(v.verdict).toBe('suspicious');
    expect(v.score).toBeLessThan(MALICIOUS_AT);
    const model = v.reasons.find((r) => r.code === 'model');
    expect(model?.reason).toMatch(/shaped like the phishing names seen before/);
    expect(model?.reason).toMatch(/not proof/);
    // No letter fragments such as 'pp' or 'ex' in the explanation.
    expect(model?.reason).not.toMatch(/strongest parts|'[a-z^$]{1,5}'/);
  });

  it('keeps weak signs together under malicious, but a brand impersonation or kit pattern can reach it', () => {
    expect(checker.check('dapp.someyield.top').verdict).toBe('suspicious');
    expect(checker.check('uniswap-claim.app').verdict).toBe('malicious');
    expect(checker.check('claim-zerolend.net').verdict).toBe('malicious');
  });

  it('calls a listed domain malicious', () => {
    const block = new DomainList('block');
    block.add('quiet-name.com', { source: 'test list' });
    expect(new DomainChecker({ blocklists: [block], bundled: false, model: null }).check('quiet-name.com').verdict).toBe('malicious');
  });
});

describe('the user or team allowlist', () => {
  it('is checked first: it beats a blocklist, the rules and the model', () => {
    const block = new DomainList('block');
    block.add('uniswap-claim.app', { source: 'test list' });
    const c = new DomainChecker({ allow: ['uniswap-claim.app'], blocklists: [block], model: paranoid });
    const v = c.check('https://www.uniswap-claim.app/x');
    expect(v.verdict).toBe('benign');
    expect(v.reasons[0]).toMatchObject({ code: 'allowlist', points: 0 });
    expect(v.reasons[0]?.reason).toMatch(/your allowlist/);
  });

  it('can be extended while running, and allows subdomains of an entry', () => {
    const c = new DomainChecker({ model: paranoid, bundled: false });
    expect(c.check('app.ourteam.xyz').verdict).toBe('suspicious');
    expect(c.allowDomain('ourteam.xyz', 'the team allowlist')).toBe(true);
    expect(c.check('app.ourteam.xyz').verdict).toBe('benign');
    expect(c.allowed()).toEqual(['ourteam.xyz']);
    expect(c.allowDomain('not a domain')).toBe(false);
  });

  it('never lets a shared-hosting suffix allow everyone’s sites under it', () => {
    const c = new DomainChecker({ allow: ['vercel.app'], model: paranoid, bundled: false });
    expect(c.check('uniswap-claim.vercel.app').verdict).not.toBe('benign');
  });
});
