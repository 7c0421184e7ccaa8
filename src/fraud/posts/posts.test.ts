import { describe, expect, it } from 'vitest';
import { IntelStore } from '../intel/store.js';
import type { DomainVerdict } from '../types.js';
import { checkPost, combinePoints, modelPoints, verdictOf } from './analyze.js';
import { behaviourAnomalies, type HistoryPost } from './behaviour.js';
import { normalisePost, postFeatures } from './features.js';
import { extractAddresses, extractLinks, linkDomain } from './links.js';
import { keywordBaseline, lureHits } from './lures.js';
import { loadPostClassifier } from './model.js';

// The Azuki account, 27 January 2023: a hijacked project account posting a fake "exclusive mint".
const AZUKI_LURE = 'Exclusive Azuki mint is LIVE for holders only 🚨 Limited supply, claim yours now before it is gone: https://azuki-mint.xyz/claim';
const NORMAL = 'Thanks to everyone who joined the community call today. The recording and the notes are up on our blog.';
const LAZARUS = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96'; // OFAC SDN, LAZARUS GROUP (Ronin bridge exploit)

/** An account that posts around 15:00-18:00 UTC about art and events, linking only its own site. */
function projectHistory(): HistoryPost[] {
  const days = ['2023-01-10', '2023-01-12', '2023-01-15', '2023-01-18', '2023-01-20', '2023-01-23', '2023-01-25'];
  return days.map((d, i) => ({
    text: i % 2 ? `New art drop preview from the team, see https://www.azuki.com/gallery ${i}` : `Community call recap #${i}, thanks for coming!`,
    createdAt: `${d}T${15 + (i % 3)}:30:00Z`,
  }));
}

describe('features', () => {
  it('folds styled letters and replaces links, addresses and numbers by placeholders', () => {
    const n = normalisePost(`𝐅𝐫𝐞𝐞 mint at https:// evil.xyz/claim send 0.5 ETH to ${LAZARUS}`);
    expect(n.text).toContain('free mint');
    expect(n.text).toContain('xurlx');
    expect(n.text).toContain('xaddrx');
    expect(n.text).not.toContain('evil');
    expect(n.urls).toBe(1);
    expect(n.evmAddresses).toBe(1);
    const f = postFeatures('claim now');
    expect(f.words.get('b:claim now')).toBe(1);
    expect(f.chars.has('c:clai')).toBe(true);
  });
});

describe('links and addresses', () => {
  it('finds split-scheme and bare links and addresses', () => {
    expect(extractLinks('go to https:// claim.azuki-mint.xyz/x. or t.me/scamgroup', ['https://extra.example.com'])).toEqual(['https://claim.azuki-mint.xyz/x', 't.me/scamgroup', 'https://extra.example.com']);
    expect(linkDomain('https://claim.azuki-mint.xyz/x')).toBe('azuki-mint.xyz');
    expect(extractAddresses(`send to ${LAZARUS} or ${LAZARUS.toLowerCase()}`)).toEqual([LAZARUS]);
  });
});

describe('lures', () => {
  it('recognises mint/claim/urgency wording and leaves a plain post alone', () => {
    expect(lureHits(AZUKI_LURE).map((h) => h.code)).toEqual(expect.arrayContaining(['mint', 'claim', 'urgency']));
    expect(lureHits(NORMAL)).toEqual([]);
    expect(keywordBaseline(AZUKI_LURE)).toBe(true);
    expect(keywordBaseline(NORMAL)).toBe(false);
  });
});

describe('behaviour', () => {
  it('flags the hijacked-account pattern: new domain + lure + odd hour', () => {
    const r = behaviourAnomalies({ text: AZUKI_LURE, createdAt: '2023-01-27T04:10:00Z' }, projectHistory());
    const codes = r.reasons.map((x) => x.code);
    expect(r.compromised).toBe(true);
    expect(codes).toEqual(expect.arrayContaining(['compromised-account', 'new-link-domain', 'unusual-hour', 'lure-out-of-character']));
    expect(r.newDomains).toEqual(['azuki-mint.xyz']);
  });

  it('does not flag a usual post at a usual hour on a known domain', () => {
    const r = behaviourAnomalies({ text: 'Gallery update: https://www.azuki.com/gallery', createdAt: '2023-01-27T16:00:00Z' }, projectHistory());
    expect(r.reasons).toEqual([]);
    expect(r.compromised).toBe(false);
  });

  it('sees a burst of posts', () => {
    const history = [...projectHistory(), ...[5, 15, 30].map((m) => ({ text: 'claim now', createdAt: `2023-01-27T16:${String(m).padStart(2, '0')}:00Z` }))];
    const r = behaviourAnomalies({ text: 'hello', createdAt: '2023-01-27T16:45:00Z' }, history);
    expect(r.reasons.map((x) => x.code)).toContain('burst');
  });
});

describe('combination', () => {
  it('noisy-OR of points, and verdict lines', () => {
    expect(combinePoints([])).toBe(0);
    expect(combinePoints([30, 30])).toBe(51);
    expect(combinePoints([100, 10])).toBe(100);
    expect(verdictOf(70)).toBe('malicious');
    expect(verdictOf(40)).toBe('suspicious');
    expect(verdictOf(39)).toBe('benign');
    expect(modelPoints(0.4, 0.4)).toBe(70);
    expect(modelPoints(1, 0.4)).toBe(100);
    expect(modelPoints(0, 0.4)).toBe(0);
  });
});

describe('checkPost', () => {
  const classifier = loadPostClassifier();

  it('calls a fake exclusive-mint lure malicious and a normal post benign', () => {
    const lure = checkPost({ text: AZUKI_LURE, id: 'azuki' }, { classifier });
    const normal = checkPost({ text: NORMAL, id: 'n' }, { classifier });
    expect(lure.score).toBeGreaterThan(normal.score);
    expect(lure.verdict === 'malicious' || lure.verdict === 'suspicious').toBe(true);
    expect(normal.verdict).toBe('benign');
    expect(lure.links.map((l) => l.input)).toEqual(['https://azuki-mint.xyz/claim']);
    expect(lure.links[0]?.verdict).toBe('unknown');
    expect(normal.findings).toEqual([]);
  });

  it('with the account history, the hijacked-account pattern makes it malicious with a finding', () => {
    const v = checkPost({ text: AZUKI_LURE, id: 'azuki', author: 'Azuki', createdAt: '2023-01-27T04:10:00Z' }, { classifier, history: projectHistory() });
    expect(v.verdict).toBe('malicious');
    expect(v.findings.map((f) => f.detector)).toEqual(expect.arrayContaining(['fraud/post', 'fraud/post-compromised-account']));
    expect(v.findings[0]?.subject).toEqual({ kind: 'post', id: 'azuki', author: 'Azuki' });
  });

  it('gives one fraud/post-<code> finding per reason after the whole-post finding', () => {
    const v = checkPost({ text: AZUKI_LURE, id: 'azuki', author: 'Azuki', createdAt: '2023-01-27T04:10:00Z' }, { classifier, history: projectHistory() });
    expect(v.findings.map((f) => f.detector)).toEqual(['fraud/post', ...v.reasons.map((r) => `fraud/post-${r.code}`)]);
    expect(v.findings.slice(1).every((f) => f.subject.kind === 'post')).toBe(true);
  });

  it('uses the injected domain analysis for links', () => {
    const checkUrl = (url: string): DomainVerdict => ({ input: url, host: 'azuki-mint.xyz', unicode: 'azuki-mint.xyz', registrable: 'azuki-mint.xyz', verdict: 'malicious', score: 92, reasons: [{ points: 92, code: 'blocklist', reason: 'on a phishing list' }], findings: [], imitates: 'azuki.com' });
    const v = checkPost({ text: 'gm, see https://azuki-mint.xyz' }, { classifier, checkUrl });
    expect(v.verdict).toBe('malicious');
    expect(v.reasons[0]?.code).toBe('link-malicious');
    expect(v.reasons[0]?.reason).toContain('imitating azuki.com');
  });

  it('names a sanctioned address from the bundled OFAC list', () => {
    const v = checkPost({ text: `Send your ETH to ${LAZARUS} and get double back` }, { classifier, intel: IntelStore.create() });
    expect(v.addresses).toEqual([{ address: LAZARUS, listed: 'OFAC SDN' }]);
    expect(v.reasons.some((r) => r.code === 'sanctioned-address' && r.reason.includes('LAZARUS GROUP'))).toBe(true);
    expect(v.verdict).toBe('malicious');
  });

  it('gives unknown for an empty post', () => {
    expect(checkPost({ text: '   ' }, { classifier }).verdict).toBe('unknown');
  });
});
