import { describe, expect, it } from 'vitest';
import { DomainList, normalizeEntry, parseListText } from './lists.js';

describe('list formats', () => {
  it('reads ScamSniffer CSV with dates', () => {
    const { block, format } = parseListText('domain,first_seen\nadidas-metaverse.io,2022-05-31\nboki.gift,2022-06-02\n', 'ss');
    expect(format).toBe('scamsniffer-csv');
    expect(block.match('adidas-metaverse.io')).toMatchObject({ domain: 'adidas-metaverse.io', date: '2022-05-31', source: 'ss' });
    expect(block.before('2022-06-01').size).toBe(1);
  });

  it('reads polkadot-js {allow, deny}', () => {
    const { block, allow, format } = parseListText(JSON.stringify({ allow: ['vercel.app', '*.fleek.co'], deny: ['0-chain.com', 'evil.pages.dev'] }), 'pjs');
    expect(format).toBe('polkadot-json');
    expect(block.size).toBe(2);
    expect(allow.has('fleek.co')).toBe(true);
  });

  it("reads MetaMask's config", () => {
    const { block, allow, format } = parseListText(JSON.stringify({ version: 2, tolerance: 2, fuzzylist: ['metamask.io'], whitelist: ['opensea.io'], blacklist: ['myetherwallet.uk.com'] }), 'mm');
    expect(format).toBe('metamask-json');
    expect(block.has('myetherwallet.uk.com')).toBe(true);
    expect(allow.has('opensea.io')).toBe(true);
  });

  it('reads plain and hosts lists with comments and optional dates', () => {
    const { block } = parseListText('# my list\nevil.xyz 2024-01-02 # seen in a Discord raid\n0.0.0.0 bad.top\n\nhttps://Phish.Example.com/path\n', 'mine');
    expect(block.match('evil.xyz')?.date).toBe('2024-01-02');
    expect(block.has('bad.top')).toBe(true);
    expect(block.has('phish.example.com')).toBe(true);
  });

  it('stores Unicode entries as punycode and skips junk', () => {
    expect(normalizeEntry('uniswаp.org')?.startsWith('xn--')).toBe(true);
    expect(normalizeEntry('not a domain')).toBeNull();
    expect(normalizeEntry('1.2.3.4')).toBeNull();
  });
});

describe('matching', () => {
  it('matches the host and its parents', () => {
    const l = new DomainList('block');
    l.add('evil.xyz', { source: 't' });
    expect(l.match('a.b.evil.xyz')?.domain).toBe('evil.xyz');
    expect(l.match('notevil.xyz')).toBeNull();
  });

  it('lets an allowlisted platform allow only itself, not its users', () => {
    const l = new DomainList('allow');
    l.add('vercel.app', { source: 'pjs' });
    l.add('uniswap.org', { source: 'brands' });
    expect(l.match('vercel.app')).not.toBeNull();
    expect(l.match('uniswap-claim.vercel.app')).toBeNull();
    expect(l.match('app.uniswap.org')?.domain).toBe('uniswap.org');
  });

  it('keeps the earliest date when an entry repeats', () => {
    const l = new DomainList('block');
    l.add('x.xyz', { source: 'a', date: '2024-05-01' });
    l.add('x.xyz', { source: 'b', date: '2023-01-01' });
    expect(l.match('x.xyz')?.date).toBe('2023-01-01');
  });
});
