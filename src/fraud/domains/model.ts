/**
 * The learned part: logistic regression over hashed character 2..5-grams of the host name (with `^`/`$`
 * marking its ends) plus a few structural features (TLD, shared platform, depth, hyphens, digits, length,
 * letters that read as random, and whether a brand or lure word was seen). Hashing keeps the model a fixed size whatever the
 * vocabulary; the n-grams of the input are recomputed to explain a verdict, so no vocabulary is stored.
 *
 * The model file (models/domain-model.json) is written by eval/train-domains.ts; see models/domain-model.md.
 */
import { readFileSync } from 'node:fs';
import type { ParsedHost } from './parse.js';
import { SUSPICIOUS_TLDS } from './lookalike.js';
import { modelFile } from '../../core/package-root.js';

export const MODEL_VERSION = 3;
export const HASH_BITS = 18;
const DIMS = 1 << HASH_BITS;
const MASK = DIMS - 1;
const MIN_N = 2;
const MAX_N = 5;

export interface DomainModelFile {
  version: number;
  name: string;
  trainedAt: string;
  /** Domains first seen before this day were the positives; nothing later was used. */
  cutoff: string;
  hashBits: number;
  bias: number;
  /** Weights quantised to int16: weight = q * scale. base64 of the little-endian Int16Array. */
  scale: number;
  weights: string;
  /** Probability at or above which the model alone calls a host phishing (chosen on held-out negatives). */
  threshold: number;
  training: Record<string, unknown>;
}

/** Features of one host: hashed indices (repeats allowed) and the value each carries. */
export interface Features {
  idx: Int32Array;
  count: number;
  /** Value of each n-gram feature: 1/sqrt(number of n-grams) so long names do not score higher for being long. */
  gramValue: number;
  /** How many of `idx` are n-grams (the rest are structural, value 1). */
  grams: number;
}

function fnvStart(): number {
  return 0x811c9dc5;
}

/**
 * Does the registered label read as random letters (`jhjhjhhjkj`, `xq7k2zr9`)? Kits register such names by
 * the thousand; people name projects with pronounceable words. Cheap: one pass over the label.
 */
export function looksRandom(label: string): boolean {
  let letters = 0;
  let vowels = 0;
  let run = 0;
  let maxRun = 0;
  let switches = 0;
  let prevDigit: boolean | null = null;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (c === 45) {
      run = 0;
      prevDigit = null;
      continue;
    }
    if (prevDigit !== null && digit !== prevDigit) switches++;
    prevDigit = digit;
    if (digit) {
      run = 0;
      continue;
    }
    letters++;
    // a e i o u y count as vowels
    if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121) {
      vowels++;
      run = 0;
    } else if (++run > maxRun) maxRun = run;
  }
  if (letters < 6) return switches >= 3;
  return maxRun >= 5 || vowels / letters < 0.15 || switches >= 3;
}

/** Reusable buffer: featurising allocates nothing per host (the batch path calls this 100k+ times). */
const BUF = new Int32Array(4096);

/** What the lookalike rules saw in the name, as the model's inputs. */
export interface NameSigns {
  /** A known brand's name in the host (exactly, inside another name, by a typo or look-alike letters). */
  brand: boolean;
  /** The registered label *is* a brand's name (`chainlink.com`), not the brand inside another name. */
  brandExact?: boolean;
  /** A call-to-act lure word (claim, restore, airdrop…). */
  lure: boolean;
}

/**
 * A plain project name on its own registered domain: one word of letters (no hyphen, digit or random
 * letters), no brand or lure word, no subdomain beyond the site's own parts, not on shared hosting. This is
 * how real projects name their sites (`pendle.finance`, `app.morpho.org`); kits rarely can (the plain
 * names are taken, and their lures need a brand or an act beside them).
 */
export function isPlainName(p: ParsedHost, signs: NameSigns): boolean {
  if (signs.brand || signs.lure || p.platform || p.label.length < 3) return false;
  if (p.subdomain && !onlySiteParts(p.subdomain)) return false;
  for (let i = 0; i < p.label.length; i++) {
    const c = p.label.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return !looksRandom(p.label);
}

/** The last label of the public suffix (`uk` for `co.uk`). */
const tldOf = (suffix: string) => suffix.slice(suffix.lastIndexOf('.') + 1);

/**
 * Features that may speak *for* a name but never against it: their weight is kept at or below zero in
 * training (train.ts).
 *  - An established ending (`.com`, `.org`, `.io`, `.fi`, a country's…): most of the web lives there,
 *    legitimate and not, and the training data's mix of endings is not the web's, so a model left free
 *    learns "phishing is .com" from that mix alone. Only a throw-away ending (SUSPICIOUS_TLDS) or a shared
 *    platform may count against a name.
 *  - A plain project name: a prior for the name, never a sign against it.
 */
export function nonPositiveFeature(feature: string): boolean {
  if (feature === 'plain') return true;
  if (!feature.startsWith('tld=') || feature === 'tld=platform') return false;
  return !SUSPICIOUS_TLDS.has(tldOf(feature.slice(4)));
}

/**
 * Structural features, only when present (a feature on every row would just be a second bias, and would
 * crowd the n-grams out of the explanations).
 */
export function structural(p: ParsedHost, signs: NameSigns): string[] {
  const { brand, lure } = signs;
  const out = [p.platform ? 'tld=platform' : `tld=${p.suffix}`];
  let hy = 0;
  let dg = 0;
  for (let i = 0; i < p.host.length; i++) {
    const c = p.host.charCodeAt(i);
    if (c === 45) hy++;
    else if (c >= 48 && c <= 57) dg++;
  }
  if (hy > 0) out.push(`hyphens=${Math.min(3, hy)}`);
  if (dg > 0) out.push(`digits=${dg < 3 ? 1 : 2}`);
  if (p.subdomain && p.subdomain !== 'www') out.push(`subdomains=${Math.min(3, p.subdomain.split('.').length)}`);
  if (p.label.length >= 16) out.push('long-name');
  if (looksRandom(p.label)) out.push('random');
  if (p.platform) out.push(`plat=${p.platform}`);
  // A name that *is* a brand (`chainlink.com`) is another case than a brand inside a name (`brand-claim`):
  // the rules weigh the first; the model learns each apart, so the second's weight does not fall on the first.
  if (brand) out.push(signs.brandExact ? 'brand=exact' : 'brand');
  if (lure) out.push('lure');
  if (isPlainName(p, signs)) out.push('plain');
  if (brand && lure) out.push('brand+lure');
  if (p.host.includes('xn--')) out.push('idn');
  return out;
}

export function hashString(s: string): number {
  let h = fnvStart();
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/**
 * Subdomain words a project uses for the parts of its own site (`app.`, `v2-app.`, `staking.`): they say
 * nothing about whose site it is, and a model that reads them learns "crypto site", not "phishing site".
 */
const SITE_PARTS: ReadonlySet<string> = new Set([
  'www', 'app', 'apps', 'dapp', 'beta', 'alpha', 'v1', 'v2', 'v3', 'v4', 'v5', 'staking', 'stake', 'pos', 'bridge',
  'swap', 'trade', 'exchange', 'earn', 'farm', 'farms', 'vault', 'vaults', 'docs', 'launch', 'gov', 'governance',
  'info', 'analytics', 'pro', 'testnet', 'mainnet', 'dashboard', 'defi', 'lend', 'borrow', 'pool', 'pools',
  'yield', 'nft', 'market', 'dex', 'perp', 'perps', 'classic', 'legacy', 'old', 'new', 'home', 'stats',
]);

function onlySiteParts(sub: string): boolean {
  for (const t of sub.split(/[.-]/)) if (t && !SITE_PARTS.has(t)) return false;
  return true;
}

/**
 * The text the n-grams are taken from: the host between `^` and `$` **without its public suffix** (the
 * ending is one structural feature, `tld=…`, so letters such as `com$` cannot carry it in by the back door),
 * and without a subdomain made only of site-part words (`app.`, `v2-app.`, `www.`), so such a host is judged
 * by its registered name.
 */
export function modelText(p: ParsedHost): string {
  if (p.subdomain && p.registrable && onlySiteParts(p.subdomain)) return `^${p.label}$`;
  const host = p.host.startsWith('www.') ? p.host.slice(4) : p.host;
  const cut = p.suffix && host.endsWith(`.${p.suffix}`) ? host.length - p.suffix.length - 1 : host.length;
  return `^${host.slice(0, cut)}$`;
}

/** Hashes of the structural features, computed once (the batch path must not build strings per host). */
const hashCache = new Map<string, number>();
export function cachedHash(s: string): number {
  let h = hashCache.get(s);
  if (h === undefined) {
    h = hashString(`#${s}`);
    if (hashCache.size < 50_000) hashCache.set(s, h);
  }
  return h;
}

export function featurize(p: ParsedHost, signs: NameSigns, buf: Int32Array = BUF): Features {
  const text = modelText(p);
  const n = Math.min(text.length, 300);
  let c = 0;
  for (let i = 0; i < n - 1; i++) {
    let h = fnvStart();
    const end = Math.min(n, i + MAX_N);
    for (let j = i; j < end; j++) {
      h ^= text.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
      if (j - i + 1 >= MIN_N) buf[c++] = (h >>> 0) & MASK;
    }
  }
  const grams = c;
  for (const s of structural(p, signs)) buf[c++] = cachedHash(s);
  return { idx: buf, count: c, grams, gramValue: grams > 0 ? 1 / Math.sqrt(grams) : 0 };
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export class DomainModel {
  readonly weights: Float32Array;

  constructor(readonly file: DomainModelFile) {
    if (file.version !== MODEL_VERSION || file.hashBits !== HASH_BITS) throw new Error(`domain model version ${file.version}/${file.hashBits} bits is not this code's (${MODEL_VERSION}/${HASH_BITS}); run npm run train:domains`);
    const bytes = Buffer.from(file.weights, 'base64');
    const q = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
    this.weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) this.weights[i] = (q[i] as number) * file.scale;
  }

  static fromWeights(weights: Float32Array, bias: number, meta: Omit<DomainModelFile, 'version' | 'hashBits' | 'bias' | 'scale' | 'weights'>): DomainModel {
    let max = 0;
    for (const w of weights) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 32767 : 1;
    const q = new Int16Array(weights.length);
    for (let i = 0; i < weights.length; i++) q[i] = Math.round((weights[i] as number) / scale);
    return new DomainModel({ version: MODEL_VERSION, hashBits: HASH_BITS, bias, scale, weights: Buffer.from(q.buffer).toString('base64'), ...meta });
  }

  margin(f: Features): number {
    let z = this.file.bias;
    const w = this.weights;
    for (let i = 0; i < f.grams; i++) z += (w[f.idx[i] as number] as number) * f.gramValue;
    for (let i = f.grams; i < f.count; i++) z += w[f.idx[i] as number] as number;
    return z;
  }

  probability(f: Features): number {
    return sigmoid(this.margin(f));
  }

  /**
   * The n-grams and structural features that push this host's score up most, strongest first. Keeps only
   * the running top few (no map of every n-gram): it runs for each flagged host of a batch.
   */
  explain(p: ParsedHost, signs: NameSigns, top = 5): { feature: string; weight: number; kind: 'ngram' | 'feature' }[] {
    const text = modelText(p);
    const n = Math.min(text.length, 300);
    const grams = (n - 1) * (MAX_N - 1) - ((MAX_N - 2) * (MAX_N - 1)) / 2;
    const gv = grams > 0 ? 1 / Math.sqrt(Math.max(1, grams)) : 0;
    const best: { feature: string; weight: number; kind: 'ngram' | 'feature' }[] = [];
    const offer = (weight: number, feature: () => string, kind: 'ngram' | 'feature') => {
      if (weight <= 0 || (best.length === top && weight <= (best[top - 1] as { weight: number }).weight)) return;
      const f = feature();
      if (best.some((b) => b.feature === f)) return;
      best.push({ feature: f, weight, kind });
      best.sort((a, b) => b.weight - a.weight);
      if (best.length > top) best.pop();
    };
    for (let i = 0; i < n - 1; i++) {
      let h = fnvStart();
      const end = Math.min(n, i + MAX_N);
      for (let j = i; j < end; j++) {
        h ^= text.charCodeAt(j);
        h = Math.imul(h, 0x01000193);
        if (j - i + 1 >= MIN_N) offer((this.weights[(h >>> 0) & MASK] as number) * gv, () => text.slice(i, j + 1), 'ngram');
      }
    }
    for (const s of structural(p, signs)) offer(this.weights[hashString(`#${s}`)] as number, () => s, 'feature');
    return best.map((b) => ({ ...b, weight: Math.round(b.weight * 1000) / 1000 }));
  }
}

/** A file of the package's models/ folder (domain-model.json by default), or null when it is missing. */
export function modelPath(file = 'domain-model.json'): string | null {
  return modelFile(file);
}

let cached: DomainModel | null | undefined;

/** The shipped model, or null when the file is missing (the checker then runs lists and rules only). */
export function defaultModel(): DomainModel | null {
  if (cached === undefined) {
    const file = modelPath();
    cached = file ? new DomainModel(JSON.parse(readFileSync(file, 'utf8')) as DomainModelFile) : null;
  }
  return cached;
}
