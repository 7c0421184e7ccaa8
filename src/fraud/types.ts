/**
 * The vocabulary of the anti-fraud checks: a verdict on a domain or link, and on a social-media post, each
 * with a 0..100 score and the reasons that drive it (most important first), so a community bot can say
 * why it warns. Each reason is the short form of a Finding (`src/core/finding.ts`) of its rule
 * (`rules.ts`: `fraud/domain-<code>`, `fraud/post-<code>`; subject kinds `domain` and `post`), which the
 * verdicts carry for the store, sinks and dashboard.
 */
import type { Finding } from '../core/finding.js';

export type Verdict = 'malicious' | 'suspicious' | 'benign' | 'unknown';

export interface Reason {
  /** How much this reason adds to the score (0..100 scale). */
  points: number;
  /** A short machine-readable code, e.g. `blocklist`, `homoglyph`, `brand-in-subdomain`, `model`. */
  code: string;
  /** One sentence a user can check. */
  reason: string;
}

export interface DomainVerdict {
  /** What was asked about (a URL or a host). */
  input: string;
  /** The host name, lower case, punycode decoded for display in `unicode`. */
  host: string | null;
  unicode: string | null;
  /** The registrable domain (public suffix + 1), e.g. `uniswap-claim.app`. */
  registrable: string | null;
  verdict: Verdict;
  /** 0 (no sign of fraud) .. 100. */
  score: number;
  reasons: Reason[];
  /** One `fraud/domain-<code>` finding per reason (subject kind `domain`); `reasons` is their short form. */
  findings: Finding[];
  /** The real brand or dapp this one imitates, when a lookalike rule fired. */
  imitates?: string;
  /** Set when the input could not be read as a URL or host. */
  error?: string;
}

export interface AddressMention {
  address: string;
  /** Which list names it (e.g. `OFAC SDN`, a user list), or null when none does. */
  listed: string | null;
}

export interface PostVerdict {
  id?: string;
  verdict: Verdict;
  score: number;
  reasons: Reason[];
  links: DomainVerdict[];
  addresses: AddressMention[];
  /** `fraud/post` for the whole post (when not benign), then one `fraud/post-<code>` per reason. */
  findings: Finding[];
}
