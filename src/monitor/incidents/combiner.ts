/**
 * The incident combiner, after Forta's Attack Detector: findings about the same actors (an address shared
 * between their subjects or evidence: attacker, victim, contracts, or the same transaction) within a block
 * window are joined into one `Incident`, whose severity rises as the attack stages add up (preparation
 * alone is medium, preparation then exploitation is critical). Joining is single-linkage over the set of
 * findings, so the result does not depend on the order they arrive in, and ids are content hashes of each
 * incident's first finding (stable while the incident grows).
 */
import { createHash } from 'node:crypto';
import { findingBlockNumber, SEVERITIES, severityRank, type Finding, type Severity } from '../../core/finding.js';
import { count } from '../../core/amounts.js';
import { INCIDENT_DETECTOR } from '../../core/alert.js';

export const INCIDENT_STAGES = ['funding', 'preparation', 'exploitation', 'laundering'] as const;
export type IncidentStage = (typeof INCIDENT_STAGES)[number];

export interface Incident {
  /** `incident-` and 16 hex digits of the first finding's identity: deterministic. */
  id: string;
  /** Lower-case addresses the findings share or name, most involved first (ties: alphabetical). */
  actors: string[];
  /** The findings, in canonical order (block, detector, subject). */
  findings: Finding[];
  /** Stages seen, in kill-chain order. */
  stages: IncidentStage[];
  /** Attack kinds (`kind:` tags) seen, alphabetical. */
  kinds: string[];
  firstBlock: number;
  lastBlock: number;
  severity: Severity;
  /** 1 - prod(1 - confidence): independent signals add up (capped at 0.99). */
  confidence: number;
}

export interface CombineOptions {
  /** Findings join when they share an actor and are at most this many blocks apart (default 50). */
  window?: number;
  /** Addresses never used to join (known-good infrastructure, popular tokens, …), any case. */
  ignore?: Iterable<string>;
  /**
   * Evidence keys whose addresses are not actors (default: `token`, `pool`, `flashPool`, `listed`: a
   * shared token, pool or sanctioned mixer does not make two findings one attack).
   */
  ignoreKeys?: readonly string[];
  /**
   * Evidence keys whose addresses join findings of the same detector that name no other actor (default:
   * `listed`: anonymous payments to one sanctioned address are one sanctions incident, without tying
   * together every attacker who launders through the same mixer). Their addresses count as actors.
   */
  groupKeys?: readonly string[];
}

export const DEFAULT_INCIDENT_WINDOW = 50;
export const DEFAULT_IGNORED_KEYS: readonly string[] = ['token', 'pool', 'flashPool', 'listed'];
export const DEFAULT_GROUP_KEYS: readonly string[] = ['listed'];

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const ZERO = '0x0000000000000000000000000000000000000000';


/** A finding's identity, stable across runs: detector, subject, block and transaction. */
export function findingKey(f: Finding): string {
  const s = f.subject;
  const subject = s.kind === 'address' ? `a:${s.address.toLowerCase()}` : s.kind === 'transaction' ? `t:${s.hash.toLowerCase()}` : `${s.kind}:${JSON.stringify(s)}`;
  const tx = typeof f.evidence.transaction === 'string' ? f.evidence.transaction.toLowerCase() : '';
  return `${f.detector}|${subject}|${findingBlockNumber(f)}|${tx}|${f.tags.join(',')}|${f.explanation}`;
}

function compareCanonical(a: { f: Finding; key: string; block: number }, b: { f: Finding; key: string; block: number }): number {
  if (a.block !== b.block) return a.block - b.block;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function addressesIn(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (ADDRESS.test(value)) out.add(value.toLowerCase());
  } else if (Array.isArray(value)) for (const v of value) addressesIn(v, out);
}

/** The addresses a finding is about: its address subject and the address values of its evidence. */
export function findingActors(f: Finding, ignoreKeys: readonly string[] = DEFAULT_IGNORED_KEYS, ignore: ReadonlySet<string> = new Set()): string[] {
  const out = new Set<string>();
  if (f.subject.kind === 'address') addressesIn(f.subject.address, out);
  for (const [k, v] of Object.entries(f.evidence)) if (!ignoreKeys.includes(k)) addressesIn(v, out);
  out.delete(ZERO);
  for (const a of ignore) out.delete(a);
  return [...out].sort();
}

/** Addresses under the group keys, prefixed with the detector (they join within one detector only). */
function groupLinks(f: Finding, groupKeys: readonly string[], ignore: ReadonlySet<string>): { links: string[]; actors: string[] } {
  const found = new Set<string>();
  for (const k of groupKeys) addressesIn(f.evidence[k], found);
  found.delete(ZERO);
  for (const a of ignore) found.delete(a);
  const actors = [...found].sort();
  return { links: actors.map((a) => `${f.detector}|${a}`), actors };
}

/** Transaction hashes a finding is about (findings on one transaction are one incident). */
function findingTxs(f: Finding): string[] {
  const out: string[] = [];
  if (f.subject.kind === 'transaction') out.push(f.subject.hash.toLowerCase());
  if (typeof f.evidence.transaction === 'string') out.push(f.evidence.transaction.toLowerCase());
  return out;
}

export function stagesOf(f: Finding): IncidentStage[] {
  return INCIDENT_STAGES.filter((s) => f.tags.includes(`stage:${s}`));
}

/**
 * Severity of a set of stages: one stage alone is low (funding), medium (preparation, laundering) or high
 * (exploitation); two stages are high, or critical when exploitation follows preparation or is followed
 * by laundering; three or more are critical. Never below the most severe finding.
 */
export function incidentSeverity(stages: ReadonlySet<IncidentStage>, findings: readonly Finding[]): Severity {
  let level: Severity;
  const has = (s: IncidentStage) => stages.has(s);
  if (stages.size >= 3) level = 'critical';
  else if (stages.size === 2) level = has('exploitation') && (has('preparation') || has('laundering')) ? 'critical' : 'high';
  else if (has('exploitation')) level = 'high';
  else if (has('preparation') || has('laundering')) level = 'medium';
  else if (has('funding')) level = 'low';
  else level = 'info';
  const top = findings.reduce((m, f) => Math.max(m, severityRank(f.severity)), severityRank(level));
  return SEVERITIES[top] as Severity;
}

const kindsOf = (fs: readonly Finding[]) => [...new Set(fs.flatMap((f) => f.tags.filter((t) => t.startsWith('kind:')).map((t) => t.slice(5))))].sort();

/**
 * What kind of attack an incident is: the kinds its exploitation findings name, when they name one (an
 * attack contract's deployment is tagged reentrancy, its usual use, but a flash-loan manipulation that
 * follows says what it was for); otherwise every kind seen. The learned baseline's `anomaly` names no
 * attack and is left out beside a kind that does.
 */
export function incidentKinds(fs: readonly Finding[]): string[] {
  const named = (kinds: string[]) => (kinds.some((k) => k !== 'anomaly') ? kinds.filter((k) => k !== 'anomaly') : kinds);
  const exploited = named(kindsOf(fs.filter((f) => f.tags.includes('stage:exploitation'))));
  return exploited.some((k) => k !== 'anomaly') ? exploited : named(kindsOf(fs));
}

/** Joins findings into incidents; the result (and every id) depends only on the set of findings. */
export function combineFindings(findings: readonly Finding[], options: CombineOptions = {}): Incident[] {
  const window = options.window ?? DEFAULT_INCIDENT_WINDOW;
  const ignore = new Set([...(options.ignore ?? [])].map((a) => a.toLowerCase()));
  const ignoreKeys = options.ignoreKeys ?? DEFAULT_IGNORED_KEYS;
  const groupKeys = options.groupKeys ?? DEFAULT_GROUP_KEYS;
  const items = findings.map((f) => ({ f, key: findingKey(f), block: findingBlockNumber(f) })).sort(compareCanonical);
  const ownActors = items.map((it) => findingActors(it.f, ignoreKeys, ignore));
  const grouped = items.map((it, i) => (ownActors[i]!.length === 0 ? groupLinks(it.f, groupKeys, ignore) : { links: [], actors: [] }));
  const actorsOf = items.map((_, i) => [...new Set([...ownActors[i]!, ...grouped[i]!.actors])].sort());

  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Per shared key (address or transaction), link findings in block order when close enough: for
  // single linkage in one dimension, consecutive links give the same components as all pairs.
  const byKey = new Map<string, number[]>();
  items.forEach((it, i) => {
    for (const k of [...ownActors[i]!, ...grouped[i]!.links, ...findingTxs(it.f)]) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  for (const list of byKey.values()) {
    for (let j = 1; j < list.length; j++) {
      const a = list[j - 1] as number;
      const b = list[j] as number;
      if (items[b]!.block - items[a]!.block <= window) union(a, b);
    }
  }

  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });

  const out: Incident[] = [];
  for (const members of groups.values()) {
    const fs = members.map((i) => items[i]!.f);
    const count = new Map<string, number>();
    for (const i of members) for (const a of actorsOf[i]!) count.set(a, (count.get(a) ?? 0) + 1);
    const actors = [...count.keys()].sort((a, b) => (count.get(b) as number) - (count.get(a) as number) || (a < b ? -1 : a > b ? 1 : 0));
    const stages = new Set<IncidentStage>(fs.flatMap(stagesOf));
    const kinds = incidentKinds(fs);
    const blocks = members.map((i) => items[i]!.block);
    const miss = fs.reduce((p, f) => p * (1 - Math.min(Math.max(f.confidence, 0), 1)), 1);
    out.push({
      id: `incident-${createHash('sha256').update(items[members[0] as number]!.key).digest('hex').slice(0, 16)}`,
      actors,
      findings: fs,
      stages: INCIDENT_STAGES.filter((s) => stages.has(s)),
      kinds,
      firstBlock: Math.min(...blocks),
      lastBlock: Math.max(...blocks),
      severity: incidentSeverity(stages, fs),
      confidence: Math.min(0.99, Math.round((1 - miss) * 1000) / 1000),
    });
  }
  return out.sort((a, b) => a.firstBlock - b.firstBlock || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** An incident as a `Finding` (detector `monitor/incident`) about its main actor, for sinks and reports. */
export function incidentFinding(incident: Incident, chainId: number): Finding {
  const main = incident.actors[0];
  const first = incident.findings[0] as Finding;
  const subject = main ? { kind: 'address' as const, chainId, address: main, role: 'actor' } : first.subject;
  const detectors = [...new Set(incident.findings.map((f) => f.detector))].sort();
  const stages = incident.stages.length ? incident.stages.join(' → ') : 'no stage';
  return {
    detector: INCIDENT_DETECTOR,
    title: `Incident: ${incident.kinds.length ? incident.kinds.join(', ') : 'related alerts'} (${stages})`,
    severity: incident.severity,
    confidence: incident.confidence,
    tags: ['incident', ...incident.stages.map((s) => `stage:${s}`), ...incident.kinds.map((k) => `kind:${k}`)],
    subject,
    explanation: `${count(incident.findings.length, 'related alert')} from ${detectors.join(', ')} about ${incident.actors.length} shared ${incident.actors.length === 1 ? 'address' : 'addresses'} over blocks ${incident.firstBlock}..${incident.lastBlock}; stages seen: ${stages}.`,
    evidence: {
      incidentId: incident.id,
      blockNumber: incident.lastBlock,
      firstBlock: incident.firstBlock,
      lastBlock: incident.lastBlock,
      actors: incident.actors,
      stages: incident.stages,
      findings: incident.findings.map((f) => ({ detector: f.detector, block: findingBlockNumber(f), severity: f.severity, subject: f.subject.kind === 'address' ? f.subject.address : f.subject.kind === 'transaction' ? f.subject.hash : f.subject.kind })),
    },
    recommendation: 'Treat the alerts as one attack in progress: block or watch the actors, warn the victims, and check the later stages (exploitation, laundering) if not yet seen.',
  };
}
