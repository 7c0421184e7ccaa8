/**
 * Scoring of the monitor against `argus simulate` ground truth. An attack is caught when a finding names
 * one of its addresses or transactions (the finding's subject) at a block inside its block range; a
 * finding that matches no attack is a false positive. Delay: blocks from the attack's first transaction
 * to its first matching finding. Early: the first matching finding comes before the attack's first
 * exploitation-stage transaction.
 */
import type { Finding } from '../src/core/finding.js';
import type { GroundTruth } from '../src/chain/scenarios/truth.js';
import { findingNames, matchesAttack, truthNames } from '../src/chain/scenarios/match.js';
import { findingBlockNumber } from '../src/core/finding.js';

export interface KindScore {
  attacks: number;
  caught: number;
  recall: number;
  /** Mean delay (blocks) over caught attacks. */
  meanDelayBlocks: number | null;
  /** Caught attacks whose first alert precedes the exploitation stage. */
  early: number;
  detectors: string[];
}

export interface MonitorScore {
  attacks: number;
  caught: number;
  recall: number;
  findings: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  backgroundTxs: number;
  falseAlertsPer10k: number;
  earlyShare: number;
  meanDelayBlocks: number | null;
  /**
   * Median over caught attacks of (block of the first matching alert) - (block of the first exploitation
   * transaction): 0 means the alert came in the exploitation block, negative means before it.
   */
  medianDelayFromExploitation: number | null;
  /** Attacks that have a preparation stage, and how many of those were alerted before exploitation. */
  withPreparation: number;
  earlyWithPreparation: number;
  perKind: Record<string, KindScore>;
  falsePositiveList: Array<{ detector: string; block: number; subject: string; explanation: string }>;
}

export function scoreMonitor(runs: Array<{ findings: Finding[]; attacks: GroundTruth[]; backgroundTxs: number }>): MonitorScore {
  const perKind: Record<string, KindScore & { delays: number[] }> = {};
  let tp = 0;
  let findings = 0;
  let background = 0;
  const fps: MonitorScore['falsePositiveList'] = [];
  const fromExploitation: number[] = [];
  let withPreparation = 0;
  let earlyWithPreparation = 0;
  for (const run of runs) {
    background += run.backgroundTxs;
    const names = run.attacks.map((t) => truthNames(t));
    findings += run.findings.length;
    for (const f of run.findings) {
      if (run.attacks.some((t, i) => matchesAttack(f, t, names[i]))) tp++;
      else fps.push({ detector: f.detector, block: findingBlockNumber(f), subject: findingNames(f)[0] ?? '', explanation: f.explanation });
    }
    run.attacks.forEach((t, i) => {
      const k = (perKind[t.kind] ??= { attacks: 0, caught: 0, recall: 0, meanDelayBlocks: null, early: 0, detectors: [], delays: [] });
      k.attacks++;
      const prepared = t.txs.some((x) => x.stage === 'preparation');
      if (prepared) withPreparation++;
      const hit = run.findings.filter((f) => matchesAttack(f, t, names[i]));
      if (hit.length === 0) return;
      k.caught++;
      const first = Math.min(...hit.map(findingBlockNumber));
      k.delays.push(first - t.blockRange[0]);
      const exploit = Math.min(...t.txs.filter((x) => x.stage === 'exploitation').map((x) => x.block));
      if (first < exploit) k.early++;
      if (first < exploit && prepared) earlyWithPreparation++;
      if (Number.isFinite(exploit)) fromExploitation.push(first - exploit);
      for (const f of hit) if (!k.detectors.includes(f.detector)) k.detectors.push(f.detector);
    });
  }
  const out: Record<string, KindScore> = {};
  let attacks = 0;
  let caught = 0;
  let early = 0;
  const delays: number[] = [];
  for (const [kind, k] of Object.entries(perKind)) {
    attacks += k.attacks;
    caught += k.caught;
    early += k.early;
    delays.push(...k.delays);
    out[kind] = { attacks: k.attacks, caught: k.caught, recall: k.caught / k.attacks, meanDelayBlocks: k.delays.length ? k.delays.reduce((a, b) => a + b, 0) / k.delays.length : null, early: k.early, detectors: k.detectors.sort() };
  }
  return {
    attacks,
    caught,
    recall: attacks ? caught / attacks : 0,
    findings,
    truePositives: tp,
    falsePositives: findings - tp,
    precision: findings ? tp / findings : 1,
    backgroundTxs: background,
    falseAlertsPer10k: background ? ((findings - tp) / background) * 10_000 : 0,
    earlyShare: caught ? early / caught : 0,
    meanDelayBlocks: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : null,
    medianDelayFromExploitation: median(fromExploitation),
    withPreparation,
    earlyWithPreparation,
    perKind: out,
    falsePositiveList: fps,
  };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Incidents against the ground truth: an incident covers an attack when one of its findings matches it.
 * `oneToOne`: attacks covered by exactly one incident (the combiner neither split nor missed them);
 * `merged`: incidents covering more than one attack.
 */
export function scoreIncidents(runs: Array<{ incidents: Array<{ findings: Finding[] }>; attacks: GroundTruth[] }>): { incidents: number; attacks: number; oneToOne: number; split: number; missed: number; merged: number } {
  let incidents = 0;
  let attacks = 0;
  let oneToOne = 0;
  let split = 0;
  let missed = 0;
  let merged = 0;
  for (const run of runs) {
    incidents += run.incidents.length;
    const names = run.attacks.map((t) => truthNames(t));
    const covers = run.incidents.map((inc) => run.attacks.map((t, i) => inc.findings.some((f) => matchesAttack(f, t, names[i]))));
    merged += covers.filter((c) => c.filter(Boolean).length > 1).length;
    run.attacks.forEach((_, i) => {
      attacks++;
      const n = covers.filter((c) => c[i]).length;
      if (n === 1) oneToOne++;
      else if (n === 0) missed++;
      else split++;
    });
  }
  return { incidents, attacks, oneToOne, split, missed, merged };
}
