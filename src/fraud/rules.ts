/**
 * The fraud rules, one line each: every reason a domain or post verdict gives (its `code`) is a rule with a
 * title, and becomes one `Finding` (`fraud/domain-<code>`, `fraud/post-<code>`) whose points are its weight
 * in the verdict's score. The verdict's `reasons` are those findings in short form (points, code, sentence).
 */
import type { DomainSubject, Finding, PostSubject, Severity } from '../core/finding.js';
import type { Reason } from './types.js';

interface FraudRule {
  title: string;
  tags: string[];
}

const rule = (title: string, ...tags: string[]): FraudRule => ({ title, tags });

export const DOMAIN_RULES: Readonly<Record<string, FraudRule>> = {
  'ip-host': rule('Link to a raw IP address'),
  allowlist: rule('On an allowlist', 'allowlist'),
  official: rule("A brand's official domain", 'allowlist'),
  blocklist: rule('On a phishing blocklist', 'blocklist'),
  homoglyph: rule('Look-alike characters spell a brand', 'lookalike'),
  'mixed-scripts': rule('Name mixes scripts', 'lookalike'),
  punycode: rule('Internationalised name', 'lookalike'),
  typosquat: rule("Typo of a brand's name", 'lookalike'),
  'brand-other-domain': rule("A brand's name on another domain", 'lookalike'),
  'brand-in-name': rule("A brand's name inside another name", 'lookalike'),
  'brand-in-subdomain': rule("A brand's name in a subdomain", 'lookalike'),
  'userinfo-trick': rule('Link hides its host behind an @', 'lookalike'),
  'lure-word': rule('Lure word in the name', 'lure'),
  'kit-pattern': rule('Name built like a phishing kit', 'lure'),
  'shared-hosting': rule('On shared hosting', 'hosting'),
  'suspicious-tld': rule('Cheap throw-away TLD', 'hosting'),
  model: rule('The name resembles past phishing names', 'model'),
};

export const POST_RULES: Readonly<Record<string, FraudRule>> = {
  model: rule('Text reads like a scam', 'model'),
  'link-malicious': rule('Links to a malicious site', 'phishing'),
  'link-suspicious': rule('Links to a suspicious site', 'phishing'),
  'sanctioned-address': rule('Post gives a sanctioned address', 'sanctions'),
  'listed-address': rule('Post gives an address on a scam list', 'scam-address'),
  'new-link-domain': rule('Links to a domain the account never used', 'behaviour'),
  'unusual-hour': rule('Posted at an unusual hour for the account', 'behaviour'),
  burst: rule('Burst of posts', 'behaviour'),
  'lure-out-of-character': rule('Lure wording out of character', 'behaviour', 'lure'),
  'lure-words': rule('Lure wording', 'lure'),
  'compromised-account': rule('Post looks like it comes from a hijacked account', 'account-takeover'),
};

/** A reason's points as a severity: the score lines of the verdicts (70 malicious, 40 suspicious). */
export function severityOfPoints(points: number): Severity {
  return points >= 90 ? 'critical' : points >= 70 ? 'high' : points >= 40 ? 'medium' : points > 0 ? 'low' : 'info';
}

/** One reason of a verdict as a finding of its rule. */
export function reasonFinding(kind: 'domain' | 'post', reason: Reason, subject: DomainSubject | PostSubject, recommendation?: string): Finding {
  const r = (kind === 'domain' ? DOMAIN_RULES : POST_RULES)[reason.code];
  return {
    detector: `fraud/${kind}-${reason.code}`,
    title: r?.title ?? reason.code,
    severity: severityOfPoints(reason.points),
    confidence: Math.min(0.99, Math.max(0, reason.points) / 100),
    tags: ['fraud', kind, ...(r?.tags ?? [])],
    subject,
    explanation: reason.reason,
    evidence: { points: reason.points, code: reason.code },
    ...(recommendation ? { recommendation } : {}),
  };
}

/** The short form of a finding of `reasonFinding`, as the verdict lists it. */
export function reasonOf(f: Finding): Reason {
  return { points: f.evidence.points as number, code: f.evidence.code as string, reason: f.explanation };
}
