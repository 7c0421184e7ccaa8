/**
 * Pulls the links and the Ethereum addresses out of a post. Posts copied from X split schemes from hosts
 * ("https:// evil.xyz/claim") and scammers write bare domains to dodge link previews, so both count.
 */
import { getDomain, getHostname } from 'tldts';
import { PATTERNS } from './features.js';

/** More links than this in one post are not read (a wall of links is itself a signal, not a workload). */
export const MAX_LINKS = 20;
export const MAX_ADDRESSES = 20;

/** Links in the text and in `urls`, cleaned (no split scheme, no trailing punctuation), de-duplicated. */
export function extractLinks(text: string, urls: string[] = []): string[] {
  const found = [...(text.normalize('NFKC').match(new RegExp(PATTERNS.URL_RE.source, 'giu')) ?? []), ...urls];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of found) {
    const link = raw.replace(/^(https?:\/\/)\s+/iu, '$1').replace(/[.,;:!?…]+$/u, '');
    const key = link.toLowerCase().replace(/^https?:\/\//u, '').replace(/\/$/u, '');
    if (!link || seen.has(key)) continue;
    seen.add(key);
    out.push(link);
    if (out.length === MAX_LINKS) break;
  }
  return out;
}

/** The registrable domain of a link (`claim.azuki-mint.xyz/x` → `azuki-mint.xyz`), or null. */
export function linkDomain(link: string): string | null {
  const host = getHostname(/^[a-z][a-z0-9+.-]*:\/\//iu.test(link) ? link : `https://${link}`);
  if (!host) return null;
  return getDomain(host) ?? host.toLowerCase();
}

/** 20-byte hex addresses in the text, as written, de-duplicated case-insensitively. */
export function extractAddresses(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of text.match(new RegExp(PATTERNS.EVM_ADDRESS_RE.source, 'giu')) ?? []) {
    if (seen.has(a.toLowerCase())) continue;
    seen.add(a.toLowerCase());
    out.push(a);
    if (out.length === MAX_ADDRESSES) break;
  }
  return out;
}
