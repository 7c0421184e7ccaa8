/**
 * Domain and link checks: `checkDomain` for one URL or host, `checkDomains` for a batch (one checker,
 * no per-host allocation beyond the verdict). Offline: nothing is fetched from the link.
 *
 * A verdict combines three kinds of evidence, each a Reason with points on a 0..100 scale:
 *  - lists: an allowlist entry (the user's, a brand's official domain, a registry's explorer or RPC host)
 *    makes the host benign outright and beats any blocklist; a blocklist entry (the user's, or the bundled
 *    polkadot-js snapshot) gives 100;
 *  - lookalike rules (`lookalike.ts`): homoglyphs, typos, a brand inside another name, lure words…;
 *  - the learned model (`model.ts`): up to 95 points once its probability passes its threshold.
 * Points combine like independent chances (score = 100·(1 − Π(1 − pᵢ/100))), so two weak signals add up
 * to less than their sum and no pile of weak ones reaches 100.
 * Verdicts: score ≥ 70 malicious, ≥ 40 suspicious, otherwise benign; `unknown` when the input is not a host.
 * "Malicious" also needs specific evidence (SPECIFIC_EVIDENCE: a list hit, a brand impersonation, a kit
 * pattern): without it the score stops under 70, so the model and the weak signs alone say "suspicious" at
 * most. The user's or team's own allowlist (`allow`, `allowDomain`) is checked before anything else.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DomainSubject, Finding } from '../../core/finding.js';
import { reasonFinding } from '../rules.js';
import type { DomainVerdict, Reason, Verdict } from '../types.js';
import { BRANDS } from './brands.js';
import { bundledInfraAllowlist } from './infra.js';
import { DomainList, loadListFile } from './lists.js';
import { checkLookalike, type LookalikeResult } from './lookalike.js';
import { defaultModel, featurize, modelPath, type DomainModel } from './model.js';
import { parseHost, type ParsedHost } from './parse.js';

export { BRANDS, type Brand } from './brands.js';
export { DomainList, loadListFile, parseListText, normalizeEntry, MAX_LIST_BYTES, type ListEntry, type ListMatch, type LoadedLists } from './lists.js';
export { parseHost, type ParsedHost } from './parse.js';
export { checkLookalike, officialBrand } from './lookalike.js';
export { DomainModel, defaultModel, type DomainModelFile } from './model.js';

export const MALICIOUS_AT = 70;
export const SUSPICIOUS_AT = 40;
/** Reasons specific enough for a "malicious" verdict; anything else can make a host suspicious at most. */
export const SPECIFIC_EVIDENCE: ReadonlySet<string> = new Set(['blocklist', 'homoglyph', 'mixed-scripts', 'typosquat', 'brand-other-domain', 'brand-in-name', 'brand-in-subdomain', 'userinfo-trick', 'kit-pattern']);
/** Most points the model alone gives: "suspicious", never "malicious". */
export const MODEL_MAX_POINTS = 60;

export interface CheckOptions {
  /** Extra blocklists (the user's own, or imported ones such as ScamSniffer's). */
  blocklists?: DomainList[];
  /** Extra allowlists; an allowlist match always wins over a blocklist match. */
  allowlists?: DomainList[];
  /** The user's or team's own domains (a domain allows its subdomains too), checked before anything else. */
  allow?: readonly string[];
  /**
   * Use the bundled lists (default true): the polkadot-js deny snapshot, the brands' official domains and
   * known chain infrastructure (explorers and RPC endpoints of viem's chain registry, `infra.ts`).
   */
  bundled?: boolean;
  /** The learned model; `null` turns it off; default the shipped models/domain-model.json. */
  model?: DomainModel | null;
  /** Which evidence to use (all by default): the evaluation measures each alone. */
  use?: { lists?: boolean; rules?: boolean; model?: boolean };
  /** Name the model's strongest signs, in words, in its reason (default true). */
  explain?: boolean;
}

/** The brands' official domains, as an allowlist. */
export function brandAllowlist(): DomainList {
  const l = new DomainList('allow');
  for (const b of BRANDS) for (const d of b.domains) l.add(d, { source: `official domain of ${b.name}` });
  return l;
}

let bundledAllow: DomainList | undefined;

/**
 * The allowlists that ship, merged once into one list: the brands' official domains (their source wins
 * where both name a domain) and known chain infrastructure (`infra.ts`).
 */
function bundledAllowlist(): DomainList {
  bundledAllow ??= brandAllowlist().merge(bundledInfraAllowlist());
  return bundledAllow;
}

let bundledDeny: DomainList | undefined;

/**
 * The polkadot-js/phishing deny list snapshot shipped in models/ (Apache-2.0, see the file's header). It is
 * undated, so evaluations that need "only what was known before day X" must not use it.
 */
export function bundledBlocklist(): DomainList {
  if (!bundledDeny) {
    const file = modelPath('polkadot-js-deny.txt');
    bundledDeny = file && existsSync(file) ? loadListFile(file, 'block', `polkadot-js deny list (${path.basename(file)})`).block : new DomainList('block');
  }
  return bundledDeny;
}

const DONT_CONNECT = 'Do not connect a wallet or sign anything on this site.';

/** A verdict with its findings: one `fraud/domain-<code>` per reason, the reasons being their short form. */
function withFindings(v: Omit<DomainVerdict, 'findings'>): DomainVerdict {
  const subject: DomainSubject = { kind: 'domain', domain: v.host ?? v.input };
  if (v.input !== v.host) subject.url = v.input;
  return { ...v, findings: v.reasons.map((r) => reasonFinding('domain', r, subject, r.points > 0 ? DONT_CONNECT : undefined)) };
}

const verdictOf = (score: number): Verdict => (score >= MALICIOUS_AT ? 'malicious' : score >= SUSPICIOUS_AT ? 'suspicious' : 'benign');

function combine(reasons: Reason[]): number {
  let keep = 1;
  for (const r of reasons) keep *= 1 - Math.min(100, Math.max(0, r.points)) / 100;
  return Math.round(100 * (1 - keep));
}

/**
 * The verdict's score from its reasons: combined like independent chances, and held under "malicious"
 * unless one reason is specific evidence (the model and weak signs alone stop at "suspicious"). Exported
 * so training picks the model's operating point on the checker's own verdicts, rules included.
 */
export function scoreOf(reasons: readonly Reason[]): number {
  const score = combine(reasons as Reason[]);
  return score >= MALICIOUS_AT && !reasons.some((r) => r.points > 0 && SPECIFIC_EVIDENCE.has(r.code)) ? MALICIOUS_AT - 1 : score;
}

/**
 * The model's points for a host whose margin is `over` log-odds above the model's threshold. At the
 * threshold the model alone makes a host suspicious (45), 4 log-odds above it 60: never malicious on its own
 * (it knows the shape of a name, not whose site it is). Below the threshold the points fall off fast (30 at
 * the edge, ~4 two log-odds under), so it can tip a rule's signal over but a clean name gets nothing.
 */
export function modelPoints(over: number, p: ParsedHost, look: LookalikeResult): number {
  let points = over >= 0 ? Math.round(45 + (MODEL_MAX_POINTS - 45) * Math.min(1, over / 4)) : Math.round(30 * Math.exp(over));
  // On shared hosting the training data holds thousands of lures and almost no legitimate sites, so the
  // model alone says no more than "suspicious" there unless a brand or lure word backs it.
  if (p.platform && !look.brandHit && !look.lureHit) points = Math.min(points, 55);
  // Punycode n-grams of a name in one non-Latin script say nothing (the training data has no legitimate
  // internationalised names): there the model may only support a rule, never flag alone.
  if (p.host.includes('xn--') && !look.brandHit && !look.reasons.some((r) => r.code === 'mixed-scripts')) points = Math.min(points, 30);
  return points;
}

/** Words for the model's structural features, for an explanation a user can read. */
function featureWords(feature: string): string | null {
  const [k, v] = feature.split('=');
  switch (k) {
    case 'tld':
      return v === 'platform' ? null : `the .${v} ending`;
    case 'plat':
      return `free hosting on ${v}`;
    case 'hyphens':
      return 'words joined by hyphens';
    case 'digits':
      return 'digits in the name';
    case 'subdomains':
      return 'extra subdomain levels';
    case 'long-name':
      return 'a long name';
    case 'random':
      return 'letters that read as random';
    case 'brand':
      return "a brand's name";
    case 'lure':
    case 'brand+lure':
      return 'a lure word';
    case 'idn':
      return 'an internationalised name';
    default:
      return null;
  }
}

export class DomainChecker {
  private readonly userAllow = new DomainList('allow');
  private readonly block: DomainList[];
  private readonly allow: DomainList[];
  private readonly model: DomainModel | null;
  private readonly use: { lists: boolean; rules: boolean; model: boolean };
  private readonly explain: boolean;

  constructor(options: CheckOptions = {}) {
    const bundled = options.bundled ?? true;
    // One merged blocklist: a host is then looked up once, not once per list (the batch path's hot spot).
    const blocks = [...(options.blocklists ?? []), ...(bundled ? [bundledBlocklist()] : [])].filter((l) => l.size > 0);
    this.block = blocks.length <= 1 ? blocks : [blocks.reduce((acc, l) => acc.merge(l), new DomainList('block'))];
    // Likewise one merged allowlist (a copy, only when the caller adds lists: theirs and the shared bundled one stay as they are).
    const allows = [...(options.allowlists ?? []), ...(bundled ? [bundledAllowlist()] : [])].filter((l) => l.size > 0);
    this.allow = allows.length <= 1 ? allows : [allows.reduce((acc, l) => acc.merge(l), new DomainList('allow'))];
    this.model = options.model === undefined ? defaultModel() : options.model;
    this.use = { lists: options.use?.lists ?? true, rules: options.use?.rules ?? true, model: options.use?.model ?? true };
    this.explain = options.explain ?? true;
    for (const d of options.allow ?? []) this.allowDomain(d);
  }

  /**
   * Adds a domain to this checker's own allowlist (the user's or team's sites): it and its subdomains are
   * benign from now on, before any list, rule or model is asked. Returns false for an entry that is not a
   * domain. A shared-hosting suffix (`vercel.app`) allows only itself, never everyone's sites under it.
   */
  allowDomain(domain: string, source = 'your allowlist'): boolean {
    return this.userAllow.add(domain, { source });
  }

  /** The domains added with `allow` / `allowDomain`. */
  allowed(): string[] {
    return [...this.userAllow.domains()];
  }

  check(input: string): DomainVerdict {
    const parsed = parseHost(input);
    if (!parsed.ok) return { input, host: null, unicode: null, registrable: null, verdict: 'unknown', score: 0, reasons: [], findings: [], error: parsed.error };
    const p = parsed.value;
    const base = { input, host: p.host, unicode: p.unicode, registrable: p.registrable };
    if (p.isIp) {
      const reasons = [{ points: 45, code: 'ip-host', reason: 'the link points at a raw IP address, not a name; real dapps do not' }];
      return withFindings({ ...base, verdict: verdictOf(45), score: 45, reasons });
    }
    // Allowlists first: a listed or official site is benign even when a blocklist (or a rule) says otherwise.
    for (const l of this.userAllow.size > 0 ? [this.userAllow, ...this.allow] : this.allow) {
      const m = l.match(p.host, p.registrable);
      if (m) return withFindings({ ...base, verdict: 'benign', score: 0, reasons: [{ points: 0, code: 'allowlist', reason: `${m.domain} is on the allowlist (${m.source})` }] });
    }
    const reasons: Reason[] = [];
    if (this.use.lists) {
      for (const l of this.block) {
        const m = l.match(p.host, p.registrable);
        if (m) {
          reasons.push({ points: 100, code: 'blocklist', reason: `${m.domain} is on a blocklist (${m.source}${m.date ? `, first seen ${m.date}` : ''})` });
          break;
        }
      }
    }
    const look = checkLookalike(p);
    if (look.official && this.use.rules) return withFindings({ ...base, verdict: 'benign', score: 0, reasons: [{ points: 0, code: 'official', reason: `${p.registrable} is an official domain of ${look.official.name}` }] });
    if (this.use.rules) reasons.push(...look.reasons);
    if (this.use.model && this.model) {
      const signs = { brand: look.brandHit, brandExact: look.brandExact, lure: look.lureHit };
      const f = featurize(p, signs);
      const z = this.model.margin(f);
      const prob = 1 / (1 + Math.exp(-z));
      const t = this.model.file.threshold;
      const over = z - Math.log(t / (1 - t)); // log-odds above the model's own threshold
      const points = modelPoints(over, p, look);
      if (points > 0) {
        let why = over >= 0 ? `the name is shaped like the phishing names seen before (the model's confidence is ${prob >= 0.9995 ? 'very high' : 'high'}); on its own this is a warning, not proof` : 'the name is somewhat like past phishing names';
        if (this.explain && points >= 10) {
          // In words: which visible traits of the name weigh most (not hashed letter fragments).
          const words = this.model.explain(p, signs, 24).filter((x) => x.kind === 'feature').map((x) => featureWords(x.feature)).filter((w): w is string => w !== null);
          if (words.length > 0) why += `; it weighs most: ${[...new Set(words)].slice(0, 3).join(', ')}`;
        }
        reasons.push({ points, code: 'model', reason: why });
      }
    }
    reasons.sort((a, b) => b.points - a.points);
    const score = scoreOf(reasons);
    const out: Omit<DomainVerdict, 'findings'> = { ...base, verdict: verdictOf(score), score, reasons };
    if (look.imitates && this.use.rules) out.imitates = look.imitates;
    return withFindings(out);
  }
}

let defaultChecker: DomainChecker | undefined;

/** Checks one URL or host. Never throws for bad input: the verdict is `unknown` with `error` set. */
export function checkDomain(input: string, options?: CheckOptions): DomainVerdict {
  if (options) return new DomainChecker(options).check(input);
  defaultChecker ??= new DomainChecker();
  return defaultChecker.check(input);
}

/** Checks many inputs with one checker (lists and model loaded once). */
export function checkDomains(inputs: Iterable<string>, options?: CheckOptions): DomainVerdict[] {
  const checker = options ? new DomainChecker(options) : (defaultChecker ??= new DomainChecker());
  const out: DomainVerdict[] = [];
  for (const i of inputs) out.push(checker.check(i));
  return out;
}

/**
 * The whole verdict as one Finding for the store, sinks and dashboard (only for suspicious and malicious
 * hosts); `DomainVerdict.findings` has one per reason.
 */
export function domainFinding(v: DomainVerdict): Finding | null {
  if (v.verdict !== 'malicious' && v.verdict !== 'suspicious') return null;
  const subject: Finding['subject'] = { kind: 'domain', domain: v.host ?? v.input };
  if (v.input !== v.host) subject.url = v.input;
  return {
    detector: 'fraud/phishing-domain',
    title: v.imitates ? `Phishing lookalike of ${v.imitates}` : 'Likely phishing site',
    severity: v.verdict === 'malicious' ? 'high' : 'medium',
    confidence: v.score / 100,
    tags: ['fraud', 'phishing', ...v.reasons.map((r) => `reason:${r.code}`)],
    subject,
    explanation: v.reasons.map((r) => r.reason).join('; '),
    evidence: { score: v.score, registrable: v.registrable, unicode: v.unicode, reasons: v.reasons },
    recommendation: v.imitates ? `Do not connect a wallet or sign anything here; use the official site of ${v.imitates}.` : DONT_CONNECT,
  };
}
