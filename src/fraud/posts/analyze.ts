/**
 * One verdict on a social-media post, for a community bot to warn members before they click: the text
 * classifier, every link through the domain analysis (injected as `checkUrl`, so this module does not
 * depend on how domains are judged), every Ethereum address through the intel store, and the account's
 * behaviour when its recent posts are given.
 *
 * Combination: each reason carries points on a 0..100 scale, read as the probability (in %) that this
 * reason alone means a lure; the post's score is their noisy-OR, 100 · (1 − Π(1 − pᵢ/100)). Independent
 * weak signals add up (two 30-point signals give 51), none can push past 100, and one strong signal (a
 * blocklisted link, a sanctioned address) is enough on its own.
 * Verdict: malicious at 70 and above, suspicious at 40, benign below; `unknown` for an empty post.
 * Findings: `fraud/post` for the whole post when it is not benign, then one `fraud/post-<code>` per reason
 * (`../rules.ts`), in the reasons' order.
 */
import type { Finding, Severity } from '../../core/finding.js';
import type { IntelStore } from '../intel/store.js';
import { reasonFinding } from '../rules.js';
import type { AddressMention, DomainVerdict, PostVerdict, Reason, Verdict } from '../types.js';
import { behaviourAnomalies, type HistoryPost } from './behaviour.js';
import { extractAddresses, extractLinks, linkDomain } from './links.js';
import { loadPostClassifier, type PostClassifier } from './model.js';

export interface PostInput {
  text: string;
  id?: string;
  author?: string;
  createdAt?: string;
  urls?: string[];
}

export interface CheckPostOptions {
  /** The domain analysis (src/fraud/domains); without it links are listed with verdict `unknown`. */
  checkUrl?: (url: string) => DomainVerdict;
  intel?: IntelStore;
  /** The account's recent posts, for the behaviour checks. */
  history?: HistoryPost[];
  /** The text classifier; the bundled model by default. */
  classifier?: PostClassifier;
}

export const MALICIOUS_AT = 70;
export const SUSPICIOUS_AT = 40;
/** Points of an address on a list: sanctioned (sending to it is a legal risk in itself) or a user scam list. */
export const SANCTIONED_POINTS = 80;
export const LISTED_POINTS = 90;
/** Longest text read; a post is a few hundred characters, anything longer is cut, not refused. */
export const MAX_TEXT = 20_000;

/** Noisy-OR of reason points (see the module comment). */
export function combinePoints(points: number[]): number {
  const clean = 1 - points.reduce((acc, p) => acc * (1 - Math.min(100, Math.max(0, p)) / 100), 1);
  return Math.round(100 * clean);
}

export function verdictOf(score: number): Verdict {
  return score >= MALICIOUS_AT ? 'malicious' : score >= SUSPICIOUS_AT ? 'suspicious' : 'benign';
}

/**
 * The classifier's probability as points, piecewise linear so that the model's own decision threshold
 * (chosen on validation folds for best F1) lands exactly on the malicious line: below it, 0..70; above, 70..100.
 */
export function modelPoints(probability: number, threshold: number): number {
  if (probability <= threshold) return Math.round((probability / threshold) * MALICIOUS_AT);
  return Math.round(MALICIOUS_AT + ((probability - threshold) / (1 - threshold)) * (100 - MALICIOUS_AT));
}

function unknownLink(url: string): DomainVerdict {
  return { input: url, host: null, unicode: null, registrable: linkDomain(url), verdict: 'unknown', score: 0, reasons: [], findings: [] };
}

const severityOf = (score: number): Severity => (score >= 90 ? 'critical' : score >= MALICIOUS_AT ? 'high' : score >= SUSPICIOUS_AT ? 'medium' : 'low');

export function checkPost(post: PostInput, options: CheckPostOptions = {}): PostVerdict {
  const text = String(post.text ?? '').slice(0, MAX_TEXT);
  const subject = { kind: 'post' as const, ...(post.id !== undefined ? { id: post.id } : {}), ...(post.author !== undefined ? { author: post.author } : {}) };
  if (text.trim() === '' && (post.urls ?? []).length === 0) {
    return { ...(post.id !== undefined ? { id: post.id } : {}), verdict: 'unknown', score: 0, reasons: [], links: [], addresses: [], findings: [] };
  }
  // Each reason with its finding (`fraud/post-<code>`): the rules below that know more than the reason
  // says (the lists an address is on) write their own; the others get one from the reason.
  const found: Array<{ reason: Reason; finding?: Finding }> = [];
  const add = (reason: Reason) => found.push({ reason });

  // The text classifier.
  const classifier = options.classifier ?? loadPostClassifier();
  const model = classifier.score(text);
  const mPoints = modelPoints(model.probability, classifier.threshold);
  if (mPoints >= 10) {
    const words = model.top.map((t) => t.feature).join(', ');
    const how = model.probability >= classifier.threshold ? 'reads like a scam or phishing post' : 'shares some wording with scam posts';
    add({ points: mPoints, code: 'model', reason: `the text ${how} (model probability ${model.probability.toFixed(2)}, threshold ${classifier.threshold.toFixed(2)})${words ? `; strongest cues: ${words}` : ''}` });
  }

  // Links, through the injected domain analysis.
  const links = extractLinks(text, post.urls ?? []).map((url) => {
    if (!options.checkUrl) return unknownLink(url);
    try {
      return options.checkUrl(url);
    } catch (error) {
      return { ...unknownLink(url), error: (error as Error).message };
    }
  });
  for (const l of links) {
    if (l.verdict !== 'malicious' && l.verdict !== 'suspicious') continue;
    const why = l.reasons[0]?.reason;
    add({ points: l.score, code: `link-${l.verdict}`, reason: `links to ${l.registrable ?? l.host ?? l.input}, judged ${l.verdict} (${l.score}/100)${l.imitates ? `, imitating ${l.imitates}` : ''}${why ? `: ${why}` : ''}` });
  }

  // Addresses, through the intel store.
  const addresses: AddressMention[] = extractAddresses(text).map((address) => {
    const hits = options.intel?.lookup(address) ?? [];
    const hit = hits[0];
    if (hit) {
      const sanctioned = /ofac|sanction/iu.test(hit.list);
      const points = sanctioned ? SANCTIONED_POINTS : LISTED_POINTS;
      const what = `${address} is on ${hits.map((h) => h.list).join(', ')}${hit.label ? ` (${hit.label})` : ''}${hit.asOf ? `, list as of ${hit.asOf}` : ''}`;
      found.push({
        reason: { points, code: sanctioned ? 'sanctioned-address' : 'listed-address', reason: what },
        finding: {
          detector: sanctioned ? 'fraud/post-sanctioned-address' : 'fraud/post-listed-address',
          title: sanctioned ? 'Post gives a sanctioned address' : 'Post gives an address on a scam list',
          severity: sanctioned ? 'high' : 'critical',
          confidence: 0.95,
          tags: ['fraud', 'post', sanctioned ? 'sanctions' : 'scam-address'],
          subject,
          explanation: `${what}. Sending funds to it ${sanctioned ? 'may break sanctions law and' : ''} will most likely lose them.`,
          evidence: { address, lists: hits },
          recommendation: 'Do not send anything to this address; report the post.',
        },
      });
    }
    return { address, listed: hit ? hit.list : null };
  });

  // The account's behaviour.
  const behaviour = behaviourAnomalies({ text, createdAt: post.createdAt, urls: post.urls }, options.history ?? []);
  for (const reason of behaviour.reasons) {
    if (reason.code !== 'compromised-account') {
      add(reason);
      continue;
    }
    found.push({
      reason,
      finding: {
        detector: 'fraud/post-compromised-account',
        title: 'Post looks like it comes from a hijacked account',
        severity: 'high',
        confidence: 0.7,
        tags: ['fraud', 'post', 'account-takeover'],
        subject,
        explanation: behaviour.reasons.map((r) => r.reason).join('; '),
        evidence: { newDomains: behaviour.newDomains, history: (options.history ?? []).length },
        recommendation: 'Do not click or sign anything; confirm through another channel of the project that it really posted this.',
      },
    });
  }

  found.sort((a, b) => b.reason.points - a.reason.points);
  const reasons = found.map((x) => x.reason);
  const findings = found.map((x) => x.finding ?? reasonFinding('post', x.reason, subject, 'Do not click its links, connect a wallet or send funds.'));
  const score = combinePoints(reasons.map((r) => r.points));
  const verdict = verdictOf(score);
  if (verdict !== 'benign') {
    findings.unshift({
      detector: 'fraud/post',
      title: verdict === 'malicious' ? 'Scam or phishing post' : 'Suspicious post',
      severity: severityOf(score),
      confidence: Math.min(0.99, score / 100),
      tags: ['fraud', 'post', ...reasons.map((r) => `reason:${r.code}`)],
      subject,
      explanation: reasons
        .slice(0, 4)
        .map((r) => r.reason)
        .join('; '),
      evidence: { score, modelProbability: model.probability, links: links.map((l) => ({ input: l.input, verdict: l.verdict, score: l.score })), addresses },
      recommendation: 'Do not click its links, connect a wallet or send funds; warn the community.',
    });
  }
  return { ...(post.id !== undefined ? { id: post.id } : {}), verdict, score, reasons, links, addresses, findings };
}
