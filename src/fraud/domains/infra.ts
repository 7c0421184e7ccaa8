/**
 * Known chain infrastructure: the block explorers and RPC endpoints that a chain registry names, as an
 * allowlist. Users paste RPC URLs into wallets and open explorer links all day; before this list the checker
 * flagged 22% of real explorers and 38% of real RPC hosts (`npm run eval:fraud-chain-hosts`), because
 * `rpc.<chain>.network` is shaped like the names phishing kits use, and the model has no way to know whose
 * host it is. Whose it is, is exactly what a registry says.
 *
 * An entry is the host's registrable domain (so `sepolia.etherscan.io` and `etherscan.io` are one entry, and
 * a chain added later on the same provider is covered), except on a shared platform (`vercel.app`), where the
 * site alone is allowed, never the platform. The registry is viem's `viem/chains` (MIT), turned into
 * `models/chain-infra-hosts.tsv` by `npm run gen:chain-infra`: importing the registry itself costs half a
 * second, too slow for a checker that starts in milliseconds. A unit test regenerates the file from the
 * installed viem and fails when the two differ, so an upgrade of viem cannot leave the list stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { getDomain } from 'tldts';
import { DomainList } from './lists.js';
import { modelPath } from './model.js';

export type InfraRole = 'block explorer' | 'RPC endpoint';

export interface InfraEntry {
  /** The registrable domain (or the site itself on a shared platform). */
  domain: string;
  role: InfraRole;
  /** The chain with the lowest id that names it (the best-known, usually), for the reason text. */
  chain: string;
  /** How many chains name a host under it. */
  chains: number;
}

/** One host of a registry, with the chain naming it. */
export interface InfraHost {
  host: string;
  role: InfraRole;
  chain: string;
  chainId: number;
}

interface ChainLike {
  id?: unknown;
  name?: unknown;
  blockExplorers?: Record<string, { url?: string } | undefined>;
  rpcUrls?: Record<string, { http?: readonly string[]; webSocket?: readonly string[] } | undefined>;
}

/** The host of a registry URL, or null for a raw IP, localhost or junk (never allowlisted). */
export function registryHost(url: string | undefined): string | null {
  try {
    const h = new URL(url ?? '').hostname.toLowerCase();
    return h.includes('.') && !/^[\d.]+$/.test(h) && !h.startsWith('[') ? h : null;
  } catch {
    return null;
  }
}

/** Explorer and RPC hosts of the chains given (viem chain objects, or anything shaped like them). */
export function chainInfraHosts(chains: Iterable<unknown>): InfraHost[] {
  const out: InfraHost[] = [];
  const seen = new Set<string>();
  for (const c of chains) {
    if (!c || typeof c !== 'object' || !('id' in c)) continue;
    const chain = c as ChainLike;
    const chainId = Number(chain.id);
    const name = typeof chain.name === 'string' ? chain.name : `chain ${String(chain.id)}`;
    const push = (url: string | undefined, role: InfraRole): void => {
      const host = registryHost(url);
      // One row per host and chain: a host several chains name counts for each.
      if (!host || seen.has(`${host} ${chainId}`)) return;
      seen.add(`${host} ${chainId}`);
      out.push({ host, role, chain: name, chainId });
    };
    for (const e of Object.values(chain.blockExplorers ?? {})) push(e?.url, 'block explorer');
    for (const r of Object.values(chain.rpcUrls ?? {})) for (const u of [...(r?.http ?? []), ...(r?.webSocket ?? [])]) push(u, 'RPC endpoint');
  }
  return out;
}

/**
 * The allowlist entries for those hosts: one per registrable domain (first role and chain kept), sorted.
 * Hosts without a registrable domain under a public suffix are dropped.
 */
export function infraEntries(hosts: readonly InfraHost[]): InfraEntry[] {
  const byDomain = new Map<string, { role: InfraRole; chain: string; chainId: number; ids: Set<number> }>();
  for (const h of hosts) {
    const domain = getDomain(h.host, { allowPrivateDomains: true });
    if (!domain) continue;
    const e = byDomain.get(domain);
    if (!e) byDomain.set(domain, { role: h.role, chain: h.chain, chainId: h.chainId, ids: new Set([h.chainId]) });
    else {
      e.ids.add(h.chainId);
      // The explorer role wins (a site people open), then the best-known chain.
      if ((h.role === 'block explorer' && e.role !== 'block explorer') || (h.role === e.role && h.chainId < e.chainId)) Object.assign(e, { role: h.role, chain: h.chain, chainId: h.chainId });
    }
  }
  return [...byDomain.entries()].map(([domain, e]) => ({ domain, role: e.role, chain: e.chain, chains: e.ids.size })).sort((a, b) => (a.domain < b.domain ? -1 : 1));
}

export function infraAllowlist(entries: readonly InfraEntry[]): DomainList {
  const l = new DomainList('allow');
  for (const e of entries) l.add(e.domain, { source: `${e.role} of ${e.chains > 1 ? `${e.chains} chains (${e.chain}, …)` : e.chain} in viem's chain registry` });
  return l;
}

/** The TSV the generator writes and the checker reads: a header of `#` lines, then domain, role, chain count, chain. */
export function formatInfraFile(entries: readonly InfraEntry[], header: readonly string[]): string {
  return `${header.map((l) => `# ${l}`).join('\n')}\n${entries.map((e) => `${e.domain}\t${e.role}\t${e.chains}\t${e.chain}`).join('\n')}\n`;
}

export function parseInfraFile(text: string): InfraEntry[] {
  const out: InfraEntry[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [domain, role, chains, chain] = line.split('\t');
    if (domain && (role === 'block explorer' || role === 'RPC endpoint')) out.push({ domain, role, chains: Number(chains) || 1, chain: chain ?? '' });
  }
  return out;
}

let bundled: DomainList | undefined;

/** The shipped list (models/chain-infra-hosts.tsv); empty when the file is missing. */
export function bundledInfraAllowlist(): DomainList {
  if (!bundled) {
    const file = modelPath('chain-infra-hosts.tsv');
    bundled = infraAllowlist(file && existsSync(file) ? parseInfraFile(readFileSync(file, 'utf8')) : []);
  }
  return bundled;
}
