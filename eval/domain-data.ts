/**
 * Data for training and evaluating the domain checks, read from ../shared at run time (ScamSniffer is
 * GPL-3.0 and never copied into the repository) and from the dev-only eth-phishing-detect package.
 *
 * Every legitimate set is split in two by a hash of the domain: the `train` half may be used as model
 * negatives, the `eval` half only to measure false positives, so no legitimate domain is both.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BRANDS } from '../src/fraud/domains/brands.js';
import { chainInfraHosts } from '../src/fraud/domains/infra.js';
import { parseHost } from '../src/fraud/domains/parse.js';
import * as viemChains from 'viem/chains';
import { TOKEN_PROJECT_DOMAINS, WELL_KNOWN_SITES } from './data/legit-domains.js';

export const SHARED = path.resolve(process.env.ARGUS_SHARED ?? path.join(process.cwd(), '..', 'shared'));
export const PHISHING_DIR = path.join(SHARED, 'datasets', 'phishing-domains');

export interface DatedDomain {
  domain: string;
  firstSeen: string;
}

export function loadScamSniffer(): DatedDomain[] {
  const text = readFileSync(path.join(PHISHING_DIR, 'scamsniffer-domains.csv'), 'utf8');
  const out: DatedDomain[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n').slice(1)) {
    const comma = line.indexOf(',');
    if (comma < 0) continue;
    const domain = line.slice(0, comma).trim().toLowerCase();
    const firstSeen = line.slice(comma + 1).trim();
    if (!domain || !/^\d{4}-\d{2}-\d{2}$/.test(firstSeen) || seen.has(domain)) continue;
    seen.add(domain);
    out.push({ domain, firstSeen });
  }
  return out;
}

const require = createRequire(import.meta.url);

export interface MetaMaskConfig {
  whitelist: string[];
  blacklist: string[];
  fuzzylist: string[];
  tolerance: number;
}

export function metamaskConfig(): MetaMaskConfig {
  return require('eth-phishing-detect/src/config.json') as MetaMaskConfig;
}

/** MetaMask's eth-phishing-detect check (its own bundled 2022 config): true = blocked. */
export function ethPhishingDetect(): (domain: string) => boolean {
  return require('eth-phishing-detect') as (domain: string) => boolean;
}

/** FNV-1a of the domain, for a split that is stable across runs and machines. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Half the domains (by hash) are for training, the other half for evaluation. */
export const isTrainHalf = (domain: string) => fnv(`split:${domain}`) % 2 === 0;

export interface LegitSets {
  metamaskAllow: { train: string[]; eval: string[] };
  tokenProjects: { train: string[]; eval: string[] };
  wellKnown: { train: string[]; eval: string[] };
  /** Official brand domains: training only (the checker allowlists them, so measuring them would be circular). */
  brands: string[];
  /** Domains mined from package documentation (eval/data/mined-legit-domains.txt): training only. */
  mined: string[];
  /**
   * Hosts of real chains' block explorers and RPC endpoints, read from viem's chain registry (the
   * installed `viem/chains`, MIT): crypto-flavoured legitimate names on .xyz/.network/.io endings with
   * `explorer.`/`rpc.` subdomains, the shape the model used to confuse with lures. Training only.
   */
  chainRegistry: string[];
}

/** Explorer and RPC hosts of every chain viem knows (no IP addresses or localhost). */
export function chainRegistryHosts(): string[] {
  return [...new Set(chainInfraHosts(Object.values(viemChains)).map((h) => h.host))].sort();
}

function split(list: string[]): { train: string[]; eval: string[] } {
  const uniq = [...new Set(list.map((d) => d.trim().toLowerCase()).filter(Boolean))];
  return { train: uniq.filter(isTrainHalf), eval: uniq.filter((d) => !isTrainHalf(d)) };
}

export function legitSets(): LegitSets {
  const brandDomains = new Set(BRANDS.flatMap((b) => b.domains));
  // Brand domains are allowlisted by the product: keep them out of the evaluation halves.
  const notBrand = (l: string[]) => l.filter((d) => !brandDomains.has(d));
  return {
    metamaskAllow: split(notBrand(metamaskConfig().whitelist)),
    tokenProjects: split(notBrand(TOKEN_PROJECT_DOMAINS)),
    wellKnown: split(notBrand(WELL_KNOWN_SITES)),
    brands: [...brandDomains],
    mined: readFileSync(path.join(process.cwd(), 'eval', 'data', 'mined-legit-domains.txt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#')),
    chainRegistry: chainRegistryHosts(),
  };
}

/** `YYYY-MM-DD` plus `months` months. */
export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** A real DeFi project host from DefiLlama's protocol registry (../shared/datasets/legit-domains). */
export interface ProjectHost {
  host: string;
  /** DefiLlama's category, e.g. `Dexes`, `Lending`. */
  category: string;
  /** Coarse group for the per-category table (DEX, lending, yield, staking, bridge, …). */
  group: string;
  name: string;
  /** Registrable domain: hosts of one project share it, so they always fall in the same fold. */
  registrable: string;
  /** 0..PROJECT_FOLDS-1 for the development part; -1 for the held-out third. */
  fold: number;
}

export const PROJECT_FOLDS = 5;

const CATEGORY_GROUPS: Record<string, string> = {
  Dexes: 'DEX', 'DEX Aggregator': 'DEX',
  Lending: 'lending', CDP: 'lending', 'NFT Lending': 'lending', 'Uncollateralized Lending': 'lending',
  Yield: 'yield', 'Yield Aggregator': 'yield', Farm: 'yield', 'Leveraged Farming': 'yield', 'Liquidity manager': 'yield', 'Options Vault': 'yield', Indexes: 'yield',
  'Liquid Staking': 'staking', 'Staking Pool': 'staking', 'Liquid Restaking': 'staking',
  Bridge: 'bridge', 'Cross Chain': 'bridge', Chain: 'bridge',
  Derivatives: 'derivatives', Options: 'derivatives', Synthetics: 'derivatives', 'Prediction Market': 'derivatives',
  'Algo-Stables': 'stablecoin', 'Reserve Currency': 'stablecoin', 'Decentralized Stablecoin': 'stablecoin', RWA: 'stablecoin',
  Wallets: 'wallet', Payments: 'wallet', Privacy: 'wallet', CEX: 'wallet',
  'NFT Marketplace': 'NFT/gaming', Gaming: 'NFT/gaming', Launchpad: 'NFT/gaming', SoFi: 'NFT/gaming',
};

/**
 * The DefiLlama hosts, each with a fold. A fixed hash of the registrable domain puts a third of them in a
 * held-out group that no model of the evaluation trains on and no tuning looks at (printed separately);
 * the rest fall in PROJECT_FOLDS folds for out-of-fold false-positive measurement.
 */
export function loadProjectHosts(): ProjectHost[] {
  const text = readFileSync(path.join(SHARED, 'datasets', 'legit-domains', 'defillama-hosts.csv'), 'utf8');
  const out: ProjectHost[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n').slice(1)) {
    const [hostRaw, category = '', ...rest] = line.split(',');
    const host = (hostRaw ?? '').trim().toLowerCase();
    if (!host || seen.has(host)) continue;
    seen.add(host);
    const p = parseHost(host);
    const registrable = p.ok && p.value.registrable ? p.value.registrable : host;
    const h = fnv(`defillama-group:${registrable}`);
    out.push({ host, category: category.trim() || '(none)', group: CATEGORY_GROUPS[category.trim()] ?? 'other', name: rest.join(',').trim(), registrable, fold: h % 3 === 0 ? -1 : fnv(`defillama-fold:${registrable}`) % PROJECT_FOLDS });
  }
  return out;
}
