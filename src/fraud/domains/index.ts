/**
 * Domain and link checks: `checkDomain` for one URL or host, `checkDomains` for a batch (one checker,
 * no per-host allocation beyond the verdict). Offline: nothing is fetched from the link.
 *
 * A verdict combines three kinds of evidence, each a Reason with points on a 0..100 scale:
 *  - lists: an allowlist entry (the user's, or a brand's official domain) makes the host benign outright and
 *    beats any blocklist; a blocklist entry (the user's, or the bundled polkadot-js snapshot) gives 100;
 *  - lookalike rules (`lookalike.ts`): homoglyphs, typos, a brand inside another name, lure words…;
 *  - the learned model (`model.ts`): up to 95 points once its probability passes its threshold.
 * Points combine like independent chances (score = 100·(1 − Π(1 − pᵢ/100))), so two weak signals add up
 * to less than their sum and no pile of weak ones reaches 100.
 * Verdicts: score ≥ 70 malicious, ≥ 40 suspicious, otherwise benign; `unknown` when the input is not a host.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DomainSubject, Finding } from '../../core/finding.js';
import { reasonFinding } from '../rules.js';
import type { DomainVerdict, Reason, Verdict } from '../types.js';
import { BRANDS } from './brands.js';
import { DomainList, loadListFile } from './lists.js';
import { checkLookalike } from './lookalike.js';
import { defaultModel, featurize, modelPath, type DomainModel } from './model.js';
import { parseHost } from './parse.js';

export { BRANDS, type Brand } from './brands.js';
export { DomainList, loadListFile, parseListText, normalizeEntry, MAX_LIST_BYTES, type ListEntry, type ListMatch, type LoadedLists } from './lists.js';
export { parseHost, type ParsedHost } from './parse.js';
export { checkLookalike, officialBrand } from './lookalike.js';
export { DomainModel, defaultModel, type DomainModelFile } from './model.js';

export const MALICIOUS_AT = 70;
export const SUSPICIOUS_AT = 40;

export interface CheckOptions {
  /** Extra blocklists (the user's own, or imported ones such as ScamSniffer's). */
  blocklists?: DomainList[];
  /** Extra allowlists; an allowlist match always wins over a blocklist match. */
  allowlists?: DomainList[];
  /** Use the bundled polkadot-js deny snapshot and the brands' official domains (default true). */
  bundled?: boolean;
  /** The learned model; `null` turns it off; default the shipped models/domain-model.json. */
  model?: DomainModel | null;
  /** Which evidence to use (all by default): the evaluation measures each alone. */
  use?: { lists?: boolean; rules?: boolean; model?: boolean };
  /** Add the model's strongest n-grams to its reason (default true). */
  explain?: boolean;
}

/** The brands' official domains, as an allowlist. */
export function brandAllowlist(): DomainList {
  const l = new DomainList('allow');
  for (const b of BRANDS) for (const d of b.domains) l.add(d, { source: `official domain of ${b.name}` });
  return l;
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

export class DomainChecker {
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
    this.allow = [...(options.allowlists ?? []), ...(bundled ? [brandAllowlist()] : [])].filter((l) => l.size > 0);
    this.model = options.model === undefined ? defaultModel() : options.model;
    this.use = { lists: options.use?.lists ?? true, rules: options.use?.rules ?? true, model: options.use?.model ?? true };
    this.explain = options.explain ?? true;
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
    for (const l of this.allow) {
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
      const f = featurize(p, look.brandHit, look.lureHit);
      const z = this.model.margin(f);
      const prob = 1 / (1 + Math.exp(-z));
      const t = this.model.file.threshold;
      const over = z - Math.log(t / (1 - t)); // log-odds above the model's own threshold
      // At the threshold the model alone makes a host suspicious (45), 4 log-odds above it malicious (95).
      // Below it the points fall off fast (30 at the threshold's edge, ~4 two log-odds under), so the model
      // can tip a rule's signal over but a clean name gets nothing.
      let points = over >= 0 ? Math.round(45 + 50 * Math.min(1, over / 4)) : Math.round(30 * Math.exp(over));
      // On shared hosting the training data holds thousands of lures and almost no legitimate sites, so the
      // model alone says no more than "suspicious" there unless a brand or lure word backs it.
      if (p.platform && !look.brandHit && !look.lureHit) points = Math.min(points, 55);
      // Punycode n-grams of a name in one non-Latin script say nothing (the training data has no legitimate
      // internationalised names): there the model may only support a rule, never flag alone.
      if (p.host.includes('xn--') && !look.brandHit && !look.reasons.some((r) => r.code === 'mixed-scripts')) points = Math.min(points, 30);
      if (points > 0) {
        let why = `the model trained on past phishing names gives ${over >= 0 ? '+' : ''}${over.toFixed(1)} log-odds over its threshold (p = ${prob.toFixed(4)})`;
        if (this.explain && points >= 10) {
          // Name the letters first (what a user can see in the name), then the structural features.
          const top = this.model.explain(p, look.brandHit, look.lureHit, 12);
          const grams = top.filter((x) => x.kind === 'ngram').slice(0, 3);
          const feats = top.filter((x) => x.kind === 'feature').slice(0, 2);
          if (grams.length > 0) why += `; strongest parts: ${grams.map((x) => `'${x.feature.replace(/[$^]/g, '')}'`).join(', ')}`;
          if (feats.length > 0) why += `${grams.length > 0 ? ', and' : '; strongest signs:'} ${feats.map((x) => x.feature).join(', ')}`;
        }
        reasons.push({ points, code: 'model', reason: why });
      }
    }
    reasons.sort((a, b) => b.points - a.points);
    const score = combine(reasons);
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
