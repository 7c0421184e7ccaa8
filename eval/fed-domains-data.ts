/**
 * The phishing-domain data for eval:fed, split across nodes the way organisations would hold it: each
 * node saw the phishing domains of its own months and of the brands its users meet, and its own slice of
 * legitimate names. Test: the phishing domains first seen in the six months after the training cut-off
 * (as eval:fraud-domains) and the evaluation halves of the legitimate sets; nothing in the test part is
 * trained on. Development: the last three months before the cut-off, held out of every node's training
 * data when tuning (eval/fed-tune.ts); eval:fed trains on them.
 *
 * ScamSniffer lists 320k domains; one in SAMPLE (by a hash of the name) is used, so a federated run of
 * 150 full-batch rounds fits the machine. The sample is the same for every regime.
 */
import { createHash } from 'node:crypto';
import { checkLookalike } from '../src/fraud/domains/lookalike.js';
import { parseHost } from '../src/fraud/domains/parse.js';
import type { LabelledText } from '../src/fed/posts-task.js';
import { addMonths, legitSets, loadScamSniffer } from './domain-data.js';

export const DOMAIN_CUTOFF = '2025-01-01';
export const DEV_FROM = addMonths(DOMAIN_CUTOFF, -3);
const SAMPLE = 8;
/** Uneven shares of the legitimate names per node (by a hash of the name). */
const NEGATIVE_SHARES = [0.4, 0.25, 0.17, 0.1, 0.08];
export const DOMAIN_NODES = NEGATIVE_SHARES.length;

const h = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0);

export interface DomainSplit {
  nodes: Array<{ id: string; records: LabelledText[] }>;
  /** With the development months left out of the nodes (for tuning only). */
  devNodes: Array<{ id: string; records: LabelledText[] }>;
  dev: LabelledText[];
  test: LabelledText[];
  describe: string[];
}

function nodeOfNegative(d: string): number {
  const u = (h(`fed-neg:${d}`) % 10_000) / 10_000;
  let acc = 0;
  for (let i = 0; i < NEGATIVE_SHARES.length; i++) if (u < (acc += NEGATIVE_SHARES[i] as number)) return i;
  return NEGATIVE_SHARES.length - 1;
}

export function domainSplit(): DomainSplit {
  const all = loadScamSniffer().filter((d) => h(`fed-sample:${d.domain}`) % SAMPLE === 0);
  const legit = legitSets();
  const trainNeg = [...new Set([...legit.brands, ...legit.metamaskAllow.train, ...legit.tokenProjects.train, ...legit.wellKnown.train, ...legit.mined])];
  const evalNeg = new Set([...legit.metamaskAllow.eval, ...legit.tokenProjects.eval, ...legit.wellKnown.eval]);
  const positives = new Set(all.map((d) => d.domain));
  const past = all.filter((d) => d.firstSeen < DOMAIN_CUTOFF);
  const months = [...new Set(past.map((d) => d.firstSeen.slice(0, 7)))].sort();
  // Month blocks: node i gets a contiguous run of months, of uneven length (the first nodes the oldest).
  const cuts = [0.15, 0.35, 0.6, 0.85].map((q) => months[Math.floor(q * months.length)] as string);
  const monthNode = (day: string) => cuts.filter((c) => day.slice(0, 7) >= c).length;
  const nodes = NEGATIVE_SHARES.map((_, i) => ({ id: `org-${String.fromCharCode(97 + i)}`, records: [] as LabelledText[], dev: [] as LabelledText[] }));
  let byBrand = 0;
  for (const d of past) {
    const p = parseHost(d.domain);
    // A domain that imitates a named brand goes to the node whose users that brand's phishing reaches
    // (a hash of the brand); the rest by month.
    const brand = p.ok && !p.value.isIp ? checkLookalike(p.value).imitates : undefined;
    const i = brand ? h(`fed-brand:${brand}`) % nodes.length : monthNode(d.firstSeen);
    if (brand) byBrand++;
    const n = nodes[i]!;
    (d.firstSeen >= DEV_FROM ? n.dev : n.records).push({ text: d.domain, label: 1 });
  }
  const dev: LabelledText[] = [];
  for (const d of trainNeg) {
    if (positives.has(d) || evalNeg.has(d)) continue;
    const n = nodes[nodeOfNegative(d)]!;
    // A tenth of the legitimate names are development negatives.
    (h(`fed-dev:${d}`) % 10 === 0 ? n.dev : n.records).push({ text: d, label: 0 });
  }
  for (const n of nodes) dev.push(...n.dev);
  const end = addMonths(DOMAIN_CUTOFF, 6);
  const test: LabelledText[] = [
    ...all.filter((d) => d.firstSeen >= DOMAIN_CUTOFF && d.firstSeen < end).map((d) => ({ text: d.domain, label: 1 as const })),
    ...[...evalNeg].filter((d) => !positives.has(d)).map((d) => ({ text: d, label: 0 as const })),
  ];
  const describe = [`ScamSniffer 1 in ${SAMPLE} by hash: ${past.length} phishing before ${DOMAIN_CUTOFF} (${byBrand} imitating a named brand, placed by brand; the rest by month, blocks from ${cuts.join(', ')}), legitimate names by hash in shares ${NEGATIVE_SHARES.join('/')}`];
  return {
    nodes: nodes.map((n) => ({ id: n.id, records: [...n.records, ...n.dev] })),
    devNodes: nodes.map((n) => ({ id: n.id, records: n.records })),
    dev,
    test,
    describe,
  };
}
