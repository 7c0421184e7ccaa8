import { readFileSync } from 'node:fs';
import * as viemChains from 'viem/chains';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../core/package-root.js';
import { DomainChecker } from './index.js';
import { bundledInfraAllowlist, chainInfraHosts, infraAllowlist, infraEntries, parseInfraFile } from './infra.js';

describe('known chain infrastructure allowlist', () => {
  it('the shipped file is what the installed viem registry gives (regenerate with npm run gen:chain-infra)', () => {
    const shipped = parseInfraFile(readFileSync(packagePath('models', 'chain-infra-hosts.tsv'), 'utf8'));
    const fresh = infraEntries(chainInfraHosts(Object.values(viemChains)));
    expect(shipped).toEqual(fresh);
    expect(shipped.length).toBeGreaterThan(300);
  });

  it('allows real explorers and RPC hosts, their subdomains, and nothing that only looks like them', () => {
    const c = new DomainChecker();
    for (const host of ['etherscan.io', 'sepolia.etherscan.io', 'https://rpc.ankr.com/eth', 'arbitrum-one.publicnode.com']) {
      const v = c.check(host);
      expect(v.verdict, host).toBe('benign');
      expect(v.reasons[0]?.code, host).toMatch(/^(allowlist|official)$/);
    }
    expect(c.check('ethereum-rpc.publicnode.com').reasons[0]?.reason).toMatch(/RPC endpoint of \d+ chains \(.*\) in viem's chain registry/);
    // A lookalike is a different registrable domain: no list entry reaches it.
    expect(bundledInfraAllowlist().match('etherscan-io.xyz', 'etherscan-io.xyz')).toBeNull();
    expect(bundledInfraAllowlist().match('ankr.com.claim-rewards.app', 'claim-rewards.app')).toBeNull();
  });

  it('a registry host on a shared platform allows that site only, never the platform', () => {
    const list = infraAllowlist(infraEntries([{ host: 'explorer.mychain.vercel.app', role: 'block explorer', chain: 'My Chain', chainId: 5 }]));
    expect(list.match('explorer.mychain.vercel.app', 'mychain.vercel.app')?.domain).toBe('mychain.vercel.app');
    expect(list.match('drainer.vercel.app', 'drainer.vercel.app')).toBeNull();
    expect(list.match('vercel.app', 'vercel.app')).toBeNull();
  });

  it('skips IPs, localhost and junk URLs in a registry', () => {
    const hosts = chainInfraHosts([{ id: 1, name: 'X', rpcUrls: { default: { http: ['http://127.0.0.1:8545', 'http://localhost:8545', 'not a url', 'https://rpc.x.org'] } } }]);
    expect(hosts.map((h) => h.host)).toEqual(['rpc.x.org']);
  });
});
