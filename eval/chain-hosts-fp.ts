/**
 * False positives of the shipped checker on real chain infrastructure: the block-explorer and RPC hosts of
 * every chain in viem's registry (`viem/chains`, MIT, installed). None of them is a training name of the
 * shipped model (the chain-registry source is off by default, see CHAIN_REGISTRY_WEIGHT in
 * eval/domain-training.ts), so this is a first-contact figure. Explorers are sites users open in a
 * browser; RPC endpoints are mostly pasted into wallets, so they are printed apart.
 * Usage: node dist/eval/chain-hosts-fp.js [--list]
 */
import * as viemChains from 'viem/chains';
import { checkDomain } from '../src/fraud/domains/index.js';

const explorers = new Set<string>();
const rpcs = new Set<string>();
const hostOf = (u: string | undefined): string | null => {
  try {
    const h = new URL(u ?? '').hostname.toLowerCase();
    return h.includes('.') && !/^[\d.]+$/.test(h) && !h.startsWith('[') ? h : null;
  } catch {
    return null;
  }
};
for (const c of Object.values(viemChains) as unknown[]) {
  if (!c || typeof c !== 'object' || !('id' in c)) continue;
  const chain = c as { blockExplorers?: Record<string, { url?: string }>; rpcUrls?: Record<string, { http?: readonly string[]; webSocket?: readonly string[] }> };
  for (const e of Object.values(chain.blockExplorers ?? {})) {
    const h = hostOf(e.url);
    if (h) explorers.add(h);
  }
  for (const r of Object.values(chain.rpcUrls ?? {})) for (const u of [...(r.http ?? []), ...(r.webSocket ?? [])]) {
    const h = hostOf(u);
    if (h && !explorers.has(h)) rpcs.add(h);
  }
}
const list = process.argv.includes('--list');
for (const [name, set] of [['block explorers', explorers], ['RPC endpoints', rpcs]] as const) {
  let flagged = 0;
  const malicious: string[] = [];
  const shown: string[] = [];
  for (const h of [...set].sort()) {
    const v = checkDomain(h);
    if (v.verdict !== 'suspicious' && v.verdict !== 'malicious') continue;
    flagged++;
    if (v.verdict === 'malicious') malicious.push(`${h} (${v.score})`);
    if (list) shown.push(`  ${h} ${v.verdict} ${v.score}: ${v.reasons.map((r) => `${r.code} ${r.points}`).join(', ')}`);
  }
  process.stdout.write(`${name} (viem ${set.size} hosts): flagged ${flagged} (${((100 * flagged) / set.size).toFixed(1)}%), malicious ${malicious.length}${malicious.length ? `: ${malicious.join(' ')}` : ''}\n`);
  if (list) process.stdout.write(`${shown.join('\n')}\n`);
}
