/**
 * Lookalike rules: does this host borrow a real brand's name (exactly, with a typo, with look-alike
 * characters, inside a subdomain or joined with lure words), and does it sit where lures sit (throw-away
 * TLDs, shared hosting)? Each rule gives a Reason with points; the caller combines them.
 *
 * The brand tables are built once at load, and the typo search uses a deletion index (every key with one
 * or two letters removed) so a host is compared with a handful of candidate brands, not all of them: batch
 * checking must stay far above 50,000 hosts a second.
 */
import type { Reason } from '../types.js';
import { BRANDS, WORD_KEYS, type Brand } from './brands.js';
import { foldUnicode, isMixedScript, skeleton } from './confusables.js';
import type { ParsedHost } from './parse.js';

/** TLDs where most registrations seen in crypto lures are throw-away (cheap, little abuse handling). */
export const SUSPICIOUS_TLDS: ReadonlySet<string> = new Set([
  'xyz', 'top', 'icu', 'lol', 'site', 'online', 'live', 'click', 'cfd', 'sbs', 'run', 'claims', 'gift', 'support',
  'buzz', 'monster', 'rest', 'quest', 'cyou', 'bond', 'vip', 'shop', 'store', 'fun', 'space', 'website', 'tech',
  'pro', 'info', 'cc', 'cloud', 'today', 'world', 'digital', 'network', 'services', 'events', 'pw', 'ws', 'tk',
  'ml', 'ga', 'cf', 'gq', 'su', 'work', 'link', 'host', 'zone', 'life', 'club', 'mom', 'beauty', 'hair', 'skin',
]);

/** Free hosting where anyone gets a subdomain in a minute; lures use them because the parent is trusted. */
export const SHARED_PLATFORMS: ReadonlySet<string> = new Set([
  'vercel.app', 'netlify.app', 'pages.dev', 'workers.dev', 'github.io', 'web.app', 'firebaseapp.com', 'gitbook.io',
  'webflow.io', 'onrender.com', 'herokuapp.com', 'glitch.me', 'repl.co', 'replit.app', 'surge.sh', 'fleek.co',
  'on.fleek.co', 'wixsite.com', 'weebly.com', 'square.site', 'r2.dev', 'azurewebsites.net', 'blogspot.com',
  'ipfs.dweb.link', 'ipns.dweb.link', 'eth.limo', 'amplifyapp.com', 'framer.app', 'framer.website', 'myshopify.com',
  'cloudfront.net', 'appspot.com', 'translate.goog', 'teachable.com', 'sites.google.com', '000webhostapp.com',
]);

/**
 * Words that ask the visitor to act on a wallet or a prize (claim, restore, validate…): lures are built on
 * them, real project sites seldom put them in their name.
 */
export const LURE_WORDS: ReadonlySet<string> = new Set([
  'claim', 'claims', 'airdrop', 'airdrops', 'reward', 'rewards', 'rewarding', 'bonus', 'giveaway', 'gift', 'free',
  'freemint', 'verify', 'verification', 'validate', 'validation', 'restore', 'recover', 'recovery', 'sync',
  'synchronize', 'rectify', 'connect', 'walletconnect', 'unlock', 'allocation', 'checker', 'eligibility',
  'eligible', 'whitelist', 'presale', 'refund', 'compensation', 'distribution', 'distribute', 'revoke', 'migrate',
  'migration', 'fix', 'auth', 'login', 'signin', 'register', 'registration', 'waitlist', 'exclusive', 'prize',
  'allocations',
]);
/**
 * Words every project site uses for its own parts (app, dapp, staking, bridge, wallet, vote…): they only
 * count beside another project's brand (`uniswap-staking.xyz`), never on their own (`staking.lido.fi`-like
 * names on a project's own domain are the normal case).
 */
export const SITE_WORDS: ReadonlySet<string> = new Set([
  'drop', 'drops', 'mint', 'minting', 'dapp', 'dapps', 'portal', 'vote', 'voting', 'votes', 'proposal', 'support',
  'secure', 'security', 'snapshot', 'stake', 'staking', 'bridge', 'points', 'season', 'event', 'launch', 'pass',
  'official', 'app', 'web3', 'defi', 'wallet', 'wallets', 'node', 'nodes', 'asset', 'assets', 'token', 'tokens',
  'early', 'access', 'quest',
]);
/**
 * The call-to-act words of the kit pattern: about a wallet, a prize or an allocation. General service
 * words (connect, login, register, free) are left out: `sncf-connect.com` or `shop-login.com` are real.
 */
/**
 * Another project's distinctive name inside a registered name: just under the suspicious line, so it needs
 * one more sign (a lure word, a throw-away ending, the model) to flag. Alone it flagged 0.34% of the
 * legitimate development names (`uniswapex.io`-style forks and tools).
 */
const BRAND_INSIDE_POINTS = 36;
const KIT_LURES: ReadonlySet<string> = new Set([
  'claim', 'claims', 'airdrop', 'airdrops', 'reward', 'rewards', 'rewarding', 'bonus', 'giveaway', 'freemint',
  'verify', 'verification', 'validate', 'validation', 'restore', 'recover', 'recovery', 'rectify', 'sync',
  'synchronize', 'walletconnect', 'unlock', 'allocation', 'allocations', 'checker', 'eligibility', 'eligible',
  'whitelist', 'presale', 'refund', 'compensation', 'distribution', 'revoke', 'migrate', 'migration', 'prize',
  // the sign-up and governance lures, among the commonest hyphenated words of phishing names before 2025
  'register', 'registration', 'signup', 'allocate', 'claiming', 'vote', 'votes', 'proposal',
]);
/** Lure words long and specific enough to count inside a joined label (`elixirclaim`). */
const JOINED_LURES = ['claim', 'airdrop', 'reward', 'giveaway', 'freemint', 'verify', 'restore', 'allocation', 'checker', 'eligib', 'rectify', 'migrat', 'whitelist', 'presale', 'walletconnect', 'bonus', 'refund'];

interface KeyInfo {
  key: string;
  brand: Brand;
  /** Ordinary word: whole-token matches only. */
  word: boolean;
}

const officialDomains = new Map<string, Brand>();
const keys = new Map<string, KeyInfo>();
for (const brand of BRANDS) {
  for (const d of brand.domains) officialDomains.set(d, brand);
  const ks = brand.keys ?? brand.domains.map((d) => d.split('.')[0] as string);
  for (const key of ks) keys.set(key, { key, brand, word: WORD_KEYS.has(key) || key.length < 5 });
}
/** Keys searched inside longer labels and by edit distance: distinctive names of 5+ letters. */
const distinctive = [...keys.values()].filter((k) => !k.word);
const skeletons = new Map<string, KeyInfo>();
for (const k of distinctive) skeletons.set(skeleton(k.key), k);

/**
 * Edit distance allowed for a key: none under 6 letters (one edit from `yearn` is `learn`: short names sit
 * one typo from ordinary words), one up to 8 letters, two from 9.
 */
const maxTypos = (len: number) => (len >= 9 ? 2 : len >= 6 ? 1 : 0);

/** Every string reachable from `s` by deleting up to `depth` letters (short strings are left alone). */
function deletions(s: string, depth: number, out: Set<string>): void {
  out.add(s);
  if (depth === 0 || s.length <= 3) return;
  for (let i = 0; i < s.length; i++) deletions(s.slice(0, i) + s.slice(i + 1), depth - 1, out);
}
/**
 * Symmetric-deletion index: a key's variants with up to maxTypos letters deleted. A host token is looked up
 * with itself and its one-letter deletions (L+1 look-ups instead of comparing with every brand); that finds
 * every key within one edit and most within two (the two-edit cases it misses are two insertions).
 */
const deletionIndex = new Map<string, KeyInfo[]>();
for (const k of distinctive) {
  const set = new Set<string>();
  deletions(k.key, maxTypos(k.key.length), set);
  for (const d of set) {
    const list = deletionIndex.get(d);
    if (list) list.push(k);
    else deletionIndex.set(d, [k]);
  }
}
const minKey = Math.min(...distinctive.map((k) => k.key.length));
const maxKey = Math.max(...distinctive.map((k) => k.key.length));
/** Distinctive keys by their first three letters, to find a key inside a longer label without scanning all. */
const byPrefix = new Map<string, KeyInfo[]>();
for (const k of distinctive) {
  const pre = k.key.slice(0, 3);
  const list = byPrefix.get(pre);
  if (list) list.push(k);
  else byPrefix.set(pre, [k]);
}
/** The first distinctive key found inside `s`, or undefined. */
function keyInside(s: string): KeyInfo | undefined {
  for (let i = 0; i + minKey <= s.length; i++) {
    const cands = byPrefix.get(s.slice(i, i + 3));
    if (!cands) continue;
    for (const k of cands) if (s.startsWith(k.key, i)) return k;
  }
  return undefined;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps), stopping early above `max`. */
export function osaDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/** The closest brand key within its typo allowance, or null. Exact equality is not a typo. */
function nearestTypo(token: string): KeyInfo | null {
  if (token.length < minKey - 1 || token.length > maxKey + 2) return null;
  let best: KeyInfo | null = null;
  let bestD = 99;
  const consider = (q: string): boolean => {
    const cands = deletionIndex.get(q);
    if (!cands) return false;
    for (const k of cands) {
      if (k.key === token) return true;
      const d = osaDistance(token, k.key, 2);
      if (d <= maxTypos(k.key.length) && d < bestD) {
        best = k;
        bestD = d;
      }
    }
    return false;
  };
  if (consider(token)) return null;
  for (let i = 0; i < token.length; i++) if (consider(token.slice(0, i) + token.slice(i + 1))) return null;
  return best;
}

export interface LookalikeResult {
  /** Set when the host is on a brand's official domain (or a subdomain of it). */
  official?: Brand;
  reasons: Reason[];
  imitates?: string;
  /** Flags the learned model also uses as features. */
  brandHit: boolean;
  /** The registered label is exactly a brand's name (`chainlink.com`), rather than holding it. */
  brandExact: boolean;
  lureHit: boolean;
}

export function officialBrand(registrable: string | null): Brand | undefined {
  return registrable ? officialDomains.get(registrable) : undefined;
}

const SPLIT = /[-_.]+/;

/** Runs every lookalike rule on a parsed host. */
export function checkLookalike(p: ParsedHost): LookalikeResult {
  const official = officialBrand(p.registrable);
  if (official) return { official, reasons: [], brandHit: false, brandExact: false, lureHit: false };
  const reasons: Reason[] = [];
  let imitates: string | undefined;
  const label = p.label;
  const joined = label.replace(/[-_]/g, '');
  const labelTokens = label.split(SPLIT).filter(Boolean);
  const subTokens = p.subdomain ? p.subdomain.split(SPLIT).filter((t) => t && t !== 'www') : [];
  const pts = (b: Brand, crypto: number, general: number) => (b.kind === 'general' ? general : crypto);

  // 1. Look-alike characters: punycode labels folded to ASCII, and ASCII digit/letter tricks.
  let brandHit = false;
  let brandExact = false;
  if (p.unicode !== p.host) {
    const uLabel = p.unicode.slice(0, p.unicode.length - p.suffix.length - 1).split('.').pop() ?? '';
    const folded = skeleton(uLabel.replace(/[-_]/g, ''));
    const hit = skeletons.get(folded) ?? keyInside(folded);
    if (hit) {
      imitates = hit.brand.name;
      brandHit = true;
      reasons.push({ points: 90, code: 'homoglyph', reason: `'${p.unicode}' uses look-alike characters to spell ${hit.brand.name} (${hit.brand.domains[0]})` });
    }
    if (isMixedScript(uLabel)) reasons.push({ points: 40, code: 'mixed-scripts', reason: `'${uLabel}' mixes Latin with another script's letters, which real names almost never do` });
    else if (!hit) reasons.push({ points: 10, code: 'punycode', reason: `the name is internationalised (${p.host} shows as ${foldUnicode(p.unicode)})` });
  } else if (!keys.has(joined)) {
    const sk = skeleton(joined);
    const hit = sk !== joined ? (skeletons.get(sk) ?? null) : null;
    if (hit && hit.key !== joined) {
      imitates = hit.brand.name;
      brandHit = true;
      reasons.push({ points: pts(hit.brand, 70, 55), code: 'homoglyph', reason: `'${label}' reads as '${hit.key}' (${hit.brand.name}) with look-alike letters or digits` });
    }
  }

  // 2. Typos of a brand: the whole label (hyphens dropped) or one of its parts.
  if (!brandHit) {
    for (const t of labelTokens.length > 1 ? [joined, ...labelTokens] : [joined]) {
      const k = nearestTypo(t);
      if (k) {
        imitates = k.brand.name;
        brandHit = true;
        reasons.push({ points: pts(k.brand, 30, 20), code: 'typosquat', reason: `'${t}' is one or two typos away from '${k.key}' (${k.brand.name}, ${k.brand.domains[0]})` });
        break;
      }
    }
  }

  // 3. The brand's name itself, inside another name or a subdomain.
  if (!brandHit) {
    const found = (tokens: string[], whole: string): KeyInfo | undefined => {
      for (const t of tokens) {
        const k = keys.get(t);
        if (k) return k;
      }
      return keyInside(whole);
    };
    const inLabel = found(labelTokens, joined);
    if (inLabel) {
      imitates = inLabel.brand.name;
      brandHit = true;
      const same = joined === inLabel.key;
      brandExact = same;
      // Another project's distinctive name inside your registered name is an impersonation on its own (40);
      // a chain's name less so (30): projects built on a chain name themselves after it (`aptoswap`).
      // The brand's very name on an established ending (`chainlink.com`, `balancer.finance`) is as common among
      // legitimate names as among lures (0.5% and 0.75% before 2025): mostly the brand's own or an unrelated
      // owner's, since a lure needs a fresh name and such names are long taken. It counts half there; on a
      // throw-away ending it keeps its weight.
      const exactPoints = (inLabel.word ? 15 : 30) / (SUSPICIOUS_TLDS.has(p.suffix.slice(p.suffix.lastIndexOf('.') + 1)) || p.platform ? 1 : 2);
      const points = same ? exactPoints : inLabel.word ? 20 : inLabel.brand.kind === 'chain' ? 30 : BRAND_INSIDE_POINTS;
      reasons.push({
        points: pts(inLabel.brand, points, Math.round(points * 0.7)),
        code: same ? 'brand-other-domain' : 'brand-in-name',
        reason: same
          ? `'${p.registrable}' has ${inLabel.brand.name}'s name but is not its site (${inLabel.brand.domains.join(', ')})`
          : `'${p.registrable}' puts ${inLabel.brand.name}'s name inside another name; the real site is ${inLabel.brand.domains[0]}`,
      });
    } else if (subTokens.length > 0) {
      const inSub = found(subTokens, subTokens.join(''));
      if (inSub) {
        imitates = inSub.brand.name;
        brandHit = true;
        // A chain's name in a subdomain is usually a multi-chain dapp's deployment (`fantom.project.com`).
        reasons.push({ points: inSub.brand.kind === 'chain' ? 15 : pts(inSub.brand, inSub.word ? 20 : 40, 30), code: 'brand-in-subdomain', reason: `the subdomain '${p.subdomain}' names ${inSub.brand.name}, but the site is ${p.registrable}, not ${inSub.brand.domains[0]}` });
      }
    }
  }

  // 4. `https://uniswap.org@evil.xyz`: the part before @ is a user name, the site is evil.xyz.
  if (p.userinfo) {
    const named = officialBrand(p.userinfo.split('/')[0]?.replace(/^www\./, '') ?? null) ?? keyInside(p.userinfo.replace(/[^a-z0-9]/g, ''))?.brand;
    if (named) imitates ??= named.name;
    reasons.push({ points: named ? 80 : 60, code: 'userinfo-trick', reason: `the link shows '${p.userinfo}' before an @, but it opens ${p.host}` });
  }

  // 5. Lure words, shared hosting, throw-away TLDs: weak alone, strong beside a brand. A project's ordinary
  // site words (app, staking, bridge…) count only beside a brand it is not.
  const allTokens = [...subTokens, ...labelTokens];
  let lure = allTokens.find((t) => LURE_WORDS.has(t));
  if (!lure) lure = JOINED_LURES.find((w) => joined.includes(w) || p.subdomain.includes(w));
  if (!lure && brandHit) lure = allTokens.find((t) => SITE_WORDS.has(t) && t !== 'app');
  if (lure) reasons.push({ points: brandHit ? 30 : 12, code: 'lure-word', reason: `the name contains '${lure}', a word lures use to make people act` });
  // 6. Kit pattern: a call-to-act word hyphenated to another name in the registered label (`claim-zerolend`,
  // `restore-wallet-sync`): the shape drainer kits register by the thousand, and not how projects name sites.
  const kitLure = labelTokens.length >= 2 ? labelTokens.find((t) => KIT_LURES.has(t)) : undefined;
  if (kitLure && labelTokens.some((t) => t !== kitLure && t.length >= 3 && !/^\d+$/.test(t))) {
    reasons.push({ points: 40, code: 'kit-pattern', reason: `'${label}' joins the lure word '${kitLure}' to another name with a hyphen, the pattern of phishing kits` });
  }
  if (p.platform && SHARED_PLATFORMS.has(p.platform)) reasons.push({ points: brandHit ? 20 : 8, code: 'shared-hosting', reason: `the site is hosted on ${p.platform}, where anyone can publish under a trusted parent name` });
  const tld = p.suffix.slice(p.suffix.lastIndexOf('.') + 1);
  if (!p.platform && SUSPICIOUS_TLDS.has(tld)) reasons.push({ points: brandHit ? 10 : 6, code: 'suspicious-tld', reason: `.${tld} is a cheap TLD used by many throw-away lure sites` });
  const out: LookalikeResult = { reasons, brandHit, brandExact, lureHit: lure !== undefined };
  if (imitates) out.imitates = imitates;
  return out;
}
