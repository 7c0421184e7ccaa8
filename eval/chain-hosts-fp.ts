/**
 * False positives of the domain checker on real chain infrastructure: the block-explorer and RPC hosts of
 * every chain in viem's registry (`viem/chains`, MIT, installed). Explorers are sites users open in a
 * browser; RPC endpoints are mostly pasted into wallets, so they are printed apart. Three rows:
 *  - without the known-infrastructure allowlist (`src/fraud/domains/infra.ts`): what the lists, rules and
 *    model say on their own (none of these hosts is a training name of the shipped model);
 *  - split by chain: each chain's hosts scored with an allowlist built from the OTHER half of the chains
 *    (two folds by a fixed hash of the chain id): how far the list reaches to chains it does not name,
 *    through a shared provider (`*.blockscout.com`, `*.publicnode.com`) — the honest figure for new chains;
 *  - as shipped (the whole registry): every listed host is allowed by construction, printed as a check.
 * Then the list's cost: phishing domains (ScamSniffer, every month) that the shipped list would allow.
 * Usage: node dist/eval/chain-hosts-fp.js [--list]
 */
import * as viemChains from 'viem/chains';
import { DomainChecker, DomainList } from '../src/fraud/domains/index.js';
import { bundledInfraAllowlist, chainInfraHosts, infraAllowlist, infraEntries, type InfraRole } from '../src/fraud/domains/infra.js';
import { loadScamSniffer } from './domain-data.js';

const chains = (Object.values(viemChains) as unknown[]).filter((c): c is { id: number } => !!c && typeof c === 'object' && 'id' in c);
/** Fold of a chain: a fixed hash of its id (Knuth's multiplicative hash), not its position in the registry. */
const foldOf = (id: number): number => (Math.imul(id >>> 0, 2654435761) >>> 16) & 1;
const hostsByFold = [0, 1].map((f) => chainInfraHosts(chains.filter((c) => foldOf(Number(c.id)) === f)));
/** One row per host within a fold (its first chain's role). */
function uniqueHosts<T extends { host: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.host) && seen.add(r.host) !== undefined);
}
// A host named by chains of both folds (a provider serving chains of both) is in both, and in the split
// row the other fold's list allows it: a new chain on that host would be covered the same way. Counted in
// the header so the reader can discount them.
const all = hostsByFold.flatMap((hs, fold) => uniqueHosts(hs).map((h) => ({ ...h, fold })));
const inBoth = new Set(all.filter((h) => h.fold === 0).map((h) => h.host)).size + new Set(all.filter((h) => h.fold === 1).map((h) => h.host)).size - new Set(all.map((h) => h.host)).size;
const listFromFold = hostsByFold.map((hs) => infraAllowlist(infraEntries(hs)));

const list = process.argv.includes('--list');
const without = new DomainChecker({ bundled: false });
// The split row: the polkadot snapshot and brand list stay off as in the first row, so only the
// infrastructure list differs between rows.
const splitCheckers = [0, 1].map((f) => new DomainChecker({ bundled: false, allowlists: [listFromFold[1 - f] as DomainList] }));
const shipped = new DomainChecker({ bundled: false, allowlists: [bundledInfraAllowlist()] });

const flagged = (v: { verdict: string }) => v.verdict === 'suspicious' || v.verdict === 'malicious';
const roles: InfraRole[] = ['block explorer', 'RPC endpoint'];
process.stdout.write(`viem chain registry: ${chains.length} chains in 2 folds by chain id (${uniqueHosts(hostsByFold[0] ?? []).length} + ${uniqueHosts(hostsByFold[1] ?? []).length} hosts; ${inBoth} hosts named by chains of both folds)\n`);
process.stdout.write(`${'hosts flagged (suspicious or malicious) / malicious'.padEnd(58)}${roles.map((r) => `${r}s`.padStart(24)).join('')}\n`);
for (const [name, score] of [
  ['no infrastructure allowlist', (h: (typeof all)[number]) => without.check(h.host)],
  ['allowlist from the other half of the chains', (h: (typeof all)[number]) => (splitCheckers[h.fold] as DomainChecker).check(h.host)],
  ['as shipped (whole registry; allowed by construction)', (h: (typeof all)[number]) => shipped.check(h.host)],
] as const) {
  const cells: string[] = [];
  const shown: string[] = [];
  for (const role of roles) {
    const hs = all.filter((h) => h.role === role);
    let f = 0;
    let m = 0;
    for (const h of hs) {
      const v = score(h);
      if (!flagged(v)) continue;
      f++;
      if (v.verdict === 'malicious') m++;
      if (list) shown.push(`  ${h.host} (${role}) ${v.verdict} ${v.score}: ${v.reasons.map((r) => `${r.code} ${r.points}`).join(', ')}`);
    }
    cells.push(`${f}/${hs.length} ${((100 * f) / hs.length).toFixed(1)}% / ${m}`.padStart(24));
  }
  process.stdout.write(`${name.padEnd(58)}${cells.join('')}\n`);
  if (list && shown.length > 0) process.stdout.write(`${shown.join('\n')}\n`);
}

// The cost: a phishing domain the shipped list allows would be missed outright.
const infra = bundledInfraAllowlist();
const phishing = loadScamSniffer();
const allowedPhishing = phishing.filter((d) => infra.match(d.domain) !== null);
process.stdout.write(
  `phishing domains (ScamSniffer, all ${phishing.length}) the shipped list allows: ${allowedPhishing.length}${allowedPhishing.length ? `: ${allowedPhishing.slice(0, 10).map((d) => `${d.domain} (${d.firstSeen})`).join(' ')}` : ''}\n`,
);
