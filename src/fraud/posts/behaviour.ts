/**
 * Account-behaviour anomalies: does this post look like the account, or like someone who just took it over?
 * A hijacked project account (Azuki, 27 January 2023) posts a link to a domain it never used, with
 * "exclusive mint / claim / limited" urgency, often at an hour the team never posts and several times in
 * a row. Each signal alone is weak (projects do launch new sites), so the points are modest and the
 * combination is what scores high.
 */
import type { Reason } from '../types.js';
import { extractLinks, linkDomain } from './links.js';
import { lureHits } from './lures.js';

export interface HistoryPost {
  text: string;
  createdAt?: string;
  urls?: string[];
}

export interface BehaviourInput {
  text: string;
  createdAt?: string;
  urls?: string[];
}

/** Fewer past posts than this say too little about an account's habits to call anything unusual. */
export const MIN_HISTORY = 5;
/** Only the most recent posts count: habits change, and a huge history must not cost time (or stack). */
export const MAX_HISTORY = 1000;
/** Domains everybody links to; a first link to one of these is not a sign of takeover. */
const COMMON_DOMAINS = new Set(['x.com', 'twitter.com', 't.co', 'youtube.com', 'youtu.be', 'medium.com', 'github.com', 'discord.gg', 'discord.com', 'instagram.com', 'opensea.io', 'etherscan.io']);

export const BEHAVIOUR_POINTS = {
  newDomain: 30,
  unusualHour: 15,
  burst: 20,
  lureOutOfCharacter: 30,
  lure: 10,
  compromised: 75,
};

const time = (s?: string): number | null => {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
};

const HOUR = 3600_000;

/** Shortest distance between two hours of the day on the 24-hour circle. */
const hourDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 24 - Math.abs(a - b));

export interface BehaviourResult {
  reasons: Reason[];
  /** True when a lure, a new domain and a timing anomaly come together: the pattern of a hijacked account. */
  compromised: boolean;
  newDomains: string[];
}

/** Anomalies of `post` against the account's `history` (any order); lure words are checked even without it. */
export function behaviourAnomalies(post: BehaviourInput, allHistory: HistoryPost[] = []): BehaviourResult {
  const history = allHistory.slice(-MAX_HISTORY);
  const reasons: Reason[] = [];
  const lures = lureHits(post.text);
  const enough = history.length >= MIN_HISTORY;

  // 1. A link domain the account never used.
  let newDomains: string[] = [];
  if (enough) {
    const known = new Set(history.flatMap((h) => extractLinks(h.text, h.urls ?? []).map(linkDomain)).filter((d): d is string => d !== null));
    const domains = [...new Set(extractLinks(post.text, post.urls ?? []).map(linkDomain))].filter((d): d is string => d !== null);
    newDomains = domains.filter((d) => !known.has(d) && !COMMON_DOMAINS.has(d));
    if (newDomains.length > 0) {
      reasons.push({ points: BEHAVIOUR_POINTS.newDomain, code: 'new-link-domain', reason: `links to ${newDomains.join(', ')}, a domain this account never linked in its ${history.length} recent posts` });
    }
  }

  // 2. An hour of the day (UTC) at which the account does not post.
  const t = time(post.createdAt);
  const past = history.map((h) => time(h.createdAt)).filter((x): x is number => x !== null);
  let unusualHour = false;
  if (t !== null && past.length >= MIN_HISTORY) {
    const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
    const near = past.filter((p) => hourDistance(hour, new Date(p).getUTCHours() + new Date(p).getUTCMinutes() / 60) <= 2).length;
    if (near === 0) {
      unusualHour = true;
      reasons.push({ points: BEHAVIOUR_POINTS.unusualHour, code: 'unusual-hour', reason: `posted at ${new Date(t).toISOString().slice(11, 16)} UTC; none of the account's ${past.length} recent posts is within 2 hours of that time of day` });
    }
  }

  // 3. A burst: several posts in the hour before this one, far above the account's usual rate.
  let burst = false;
  if (t !== null && past.length >= MIN_HISTORY) {
    const lastHour = past.filter((p) => p <= t && p > t - HOUR).length;
    const span = past.reduce((hi, p) => Math.max(hi, p), t) - past.reduce((lo, p) => Math.min(lo, p), t);
    const perHour = span > 0 ? ((past.length + 1) * HOUR) / span : Infinity;
    if (lastHour >= 3 && lastHour + 1 >= 5 * perHour) {
      burst = true;
      reasons.push({ points: BEHAVIOUR_POINTS.burst, code: 'burst', reason: `${lastHour + 1} posts within an hour; the account averages ${perHour.toFixed(2)} an hour` });
    }
  }

  // 4. Lure words, weighted by whether the account talks like that.
  if (lures.length > 0) {
    const groups = lures.map((l) => `${l.label} ("${l.match}")`).join(', ');
    const habitual = enough ? history.filter((h) => lureHits(h.text).length > 0).length / history.length : null;
    if (habitual !== null && habitual < 0.2) {
      reasons.push({ points: BEHAVIOUR_POINTS.lureOutOfCharacter, code: 'lure-out-of-character', reason: `${groups}; only ${Math.round(habitual * 100)} % of the account's recent posts use such wording` });
    } else {
      reasons.push({ points: BEHAVIOUR_POINTS.lure, code: 'lure-words', reason: `lure wording: ${groups}` });
    }
  }

  const compromised = enough && newDomains.length > 0 && lures.length > 0 && (unusualHour || burst || reasons.some((r) => r.code === 'lure-out-of-character'));
  if (compromised) {
    reasons.unshift({ points: BEHAVIOUR_POINTS.compromised, code: 'compromised-account', reason: 'a lure with a never-used link domain, out of the account\'s habits: the pattern of a hijacked account' });
  }
  return { reasons, compromised, newDomains };
}
