/**
 * Turns a post into the sparse features of the post classifier: word 1-2-grams and character 3-5-grams of a
 * normalised text, plus a few shape tokens. Normalisation replaces what varies from lure to lure (the link,
 * the wallet address, the amount, the handle) by placeholder tokens, so that the model learns "a link and a
 * wallet address after 'claim'" rather than one scammer's domain. Features are hashed into a fixed number
 * of buckets, so the model file holds numbers only and any new post maps onto it.
 */

import { lureHits } from './lures.js';

/** Links as scammers write them: with a scheme (sometimes split by a space, as X renders them) or bare. */
const URL_RE = /\bhttps?:\/\/ ?[^\s<>"')\]]+|\b(?:[a-z0-9-]+\.)+(?:com|io|xyz|net|org|me|fun|app|money|finance|site|live|online|pro|co|gg|ai|so|cc|top|club|vip|info|link|claims?|network|exchange|world|today|lol|bio|page|dev|tech|in|to|ly)\b(?:\/[^\s<>"')\]]*)?/giu;
const EVM_ADDRESS_RE = /\b0x[0-9a-f]{40}\b/giu;
const TX_HASH_RE = /\b0x[0-9a-f]{64}\b/giu;
/** Solana and other base58 addresses: 32-44 characters of the base58 alphabet, with at least one digit. */
const BASE58_RE = /\b(?=[1-9A-HJ-NP-Za-km-z]*\d)[1-9A-HJ-NP-Za-km-z]{32,44}\b/gu;
const ENS_RE = /\b[a-z0-9-]+\.eth\b/giu;
const MONEY_RE = /[$€£]\s?\d[\d,.]*\s?[kmb]?\b|\b\d[\d,.]*\s?(?:usd|usdt|usdc|eth|btc|sol|bnb)\b/giu;
const MENTION_RE = /@[a-z0-9_]{2,30}/giu;
const TICKER_RE = /\$[a-z][a-z0-9]{1,11}\b/giu;
const NUMBER_RE = /\d+(?:[.,]\d+)*/gu;
const EMOJI_RE = /\p{Extended_Pictographic}/gu;
const WORD_RE = /[\p{L}\p{N}_$@#']+|\p{Extended_Pictographic}/gu;

export interface NormalisedPost {
  /** Lower case, NFKC (maps 𝐅𝐫𝐞𝐞 → free), entities replaced by placeholder words. */
  text: string;
  urls: number;
  evmAddresses: number;
  otherAddresses: number;
  mentions: number;
  emoji: number;
  /** Share of upper-case letters in the original text, 0..1. */
  upperShare: number;
  length: number;
}

/** Normalises a post's text for the classifier (see the module comment for why). */
export function normalisePost(raw: string): NormalisedPost {
  // NFKC folds the "mathematical bold" letters spammers use to dodge filters back to ASCII.
  const nfkc = raw.normalize('NFKC');
  const letters = nfkc.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  let text = nfkc.toLowerCase();
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const urls = count(URL_RE);
  text = text.replace(URL_RE, ' xurlx ');
  text = text.replace(TX_HASH_RE, ' xtxhashx ');
  const evmAddresses = count(EVM_ADDRESS_RE);
  text = text.replace(EVM_ADDRESS_RE, ' xaddrx ');
  // Base58 is case-sensitive: match on the NFKC text's words, which lower-casing has already changed, so
  // count on a lower-case-tolerant pattern instead: long runs of letters and digits with a digit in them.
  const otherAddresses = (text.match(/\b(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{32,44}\b/gu) ?? []).length;
  text = text.replace(/\b(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{32,44}\b/gu, ' xaddrx ');
  text = text.replace(ENS_RE, ' xensx ');
  text = text.replace(MONEY_RE, ' xmoneyx ');
  const mentions = count(MENTION_RE);
  text = text.replace(TICKER_RE, (m) => ` xtickerx ${m.slice(1)} `);
  text = text.replace(NUMBER_RE, ' xnumx ');
  const emoji = count(EMOJI_RE);
  text = text.replace(/\s+/gu, ' ').trim();
  return { text, urls, evmAddresses, otherAddresses, mentions, emoji, upperShare: letters.length ? upper / letters.length : 0, length: nfkc.length };
}

/** Exported for the links extractor, which must agree with the classifier on what a link is. */
export const PATTERNS = { URL_RE, EVM_ADDRESS_RE, BASE58_RE };

export type FeatureCounts = Map<string, number>;

export interface FeatureOptions {
  charMin: number;
  charMax: number;
  wordBigrams: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charMin: 3, charMax: 5, wordBigrams: true };

const bucket = (n: number, edges: number[]) => edges.findIndex((e) => n <= e);

/**
 * Features in two blocks, `w:` (words, bigrams, shape tokens) and `c:` (character n-grams), each a count.
 * Mentions stay as words too (`@bankrbot` is a real lure target), but the char n-grams see `@` + name.
 */
export interface PostFeatureSet {
  words: FeatureCounts;
  chars: FeatureCounts;
}

export function postFeatures(raw: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): PostFeatureSet {
  const n = normalisePost(raw);
  const words: FeatureCounts = new Map();
  const chars: FeatureCounts = new Map();
  const add = (m: FeatureCounts, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const tokens = n.text.match(WORD_RE) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    add(words, `w:${t}`);
    if (t.startsWith('@')) add(words, 'w:xmentionx');
    if (options.wordBigrams && i + 1 < tokens.length) add(words, `b:${t} ${tokens[i + 1] as string}`);
  }
  // Shape tokens: coarse buckets so they generalise (how many links, addresses, mentions, emoji, shouting).
  add(words, `s:urls${bucket(n.urls, [0, 1, 2, Infinity])}`);
  add(words, `s:addr${bucket(n.evmAddresses + n.otherAddresses, [0, 1, Infinity])}`);
  add(words, `s:ment${bucket(n.mentions, [0, 1, 3, Infinity])}`);
  add(words, `s:emoji${bucket(n.emoji, [0, 2, 5, Infinity])}`);
  add(words, `s:upper${bucket(n.upperShare, [0.1, 0.3, 0.6, Infinity])}`);
  add(words, `s:len${bucket(n.length, [40, 100, 200, 400, Infinity])}`);
  // Hand-written lure groups (lures.ts) as features too: they name the intent behind varied wording
  // ("seed phrase", "guaranteed", "drop your wallet"), which word n-grams of a small set only half learn.
  const lures = lureHits(raw);
  for (const l of lures) add(words, `l:${l.code}`);
  add(words, `l:n${bucket(lures.length, [0, 1, 2, Infinity])}`);
  const padded = ` ${n.text} `;
  const cps = Array.from(padded);
  for (let len = options.charMin; len <= options.charMax; len++) {
    for (let i = 0; i + len <= cps.length; i++) add(chars, `c:${cps.slice(i, i + len).join('')}`);
  }
  return { words, chars };
}

/** FNV-1a, 32 bits: a stable hash that needs no dependency and is the same in training and in use. */
export function hashFeature(s: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}
