import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHost } from './parse.js';

describe('parseHost', () => {
  it('reads a URL down to its registrable domain', () => {
    const r = parseHost('https://app.uniswap.org/swap?chain=mainnet');
    expect(r.ok && r.value).toMatchObject({ host: 'app.uniswap.org', registrable: 'uniswap.org', label: 'uniswap', subdomain: 'app', suffix: 'org' });
  });

  it('counts shared platforms as suffixes', () => {
    const r = parseHost('mintfast-opensea9.vercel.app');
    expect(r.ok && r.value).toMatchObject({ registrable: 'mintfast-opensea9.vercel.app', label: 'mintfast-opensea9', platform: 'vercel.app' });
  });

  it('turns Unicode hosts into punycode and decodes them for display', () => {
    const ascii = domainToASCII('uniswаp.org'); // Cyrillic а
    expect(ascii.startsWith('xn--')).toBe(true);
    const a = parseHost('uniswаp.org');
    const b = parseHost(ascii);
    expect(a.ok && a.value.host).toBe(ascii);
    expect(b.ok && b.value.unicode).toBe('uniswаp.org');
  });

  it('handles full-width letters, trailing dots and ports like a browser', () => {
    const r = parseHost('ＯＰＥＮＳＥＡ.io.:443');
    expect(r.ok && r.value.host).toBe('opensea.io');
  });

  it('returns an error instead of throwing on bad input', () => {
    for (const bad of ['', '   ', 'localhost', 'javascript:alert(1)', 'ftp://files.example.com', 'bad..host', 'x'.repeat(5000), 'http://']) {
      const r = parseHost(bad);
      expect(r.ok, bad.slice(0, 20)).toBe(false);
    }
  });

  it('marks IP hosts', () => {
    const r = parseHost('http://192.168.1.1/login');
    expect(r.ok && r.value.isIp).toBe(true);
  });
});
