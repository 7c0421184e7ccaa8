/**
 * The demo's scoreboard: each attack the simulator ran (its ground truth) against the alerts the monitor
 * raised, judged live as soon as the monitor has processed the attack's last block. It answers the
 * question a newcomer asks first: what did Argus catch, how early, and what did it miss. The monitor never
 * sees the ground truth; only this scoreboard does, with the evaluation's matching rule (./match.ts).
 */
import { severityRank, type Finding, type Severity } from '../../core/finding.js';
import { count } from '../../core/amounts.js';
import { INCIDENT_DETECTOR } from '../../core/alert.js';
import { findingBlockNumber } from '../../core/finding.js';
import { exploitationBlock, matchesAttack, truthNames } from './match.js';
import type { AttackKind, GroundTruth } from './truth.js';

export interface AttackVerdict {
  attackId: string;
  kind: AttackKind;
  description: string;
  blockRange: [number, number];
  caught: boolean;
  /** Alerts about the attack, incidents left out. */
  alerts: number;
  detectors: string[];
  firstAlertBlock: number | null;
  exploitationBlock: number | null;
  /** Blocks from the first alert to the first exploitation transaction: > 0 before it, 0 in its block. */
  leadBlocks: number | null;
  /** When the first alert came, in words: `2 blocks before the exploit`, `in the exploit block`, `at block 90`; empty when missed. */
  timing: string;
  /** The incident the alerts were joined into (the newest one naming the attack), if any. */
  incidentId: string | null;
  /** The most severe alert or incident about the attack. */
  severity: Severity | null;
  /** ISO 8601, when the verdict was reached. */
  judgedAt: string;
}

export interface ScoreboardSummary {
  attacks: number;
  caught: number;
  /** Caught before the first exploitation transaction. */
  early: number;
  pending: number;
}

/** Findings older than this many blocks below the newest one are forgotten (an attack spans ~100). */
const KEEP_BLOCKS = 2_000;
/** Verdicts kept for the API (newest first); the counts cover every attack. */
const KEEP_VERDICTS = 500;

export class AttackScoreboard {
  private readonly pendingAttacks: GroundTruth[] = [];
  private findings: Finding[] = [];
  private readonly judged: AttackVerdict[] = [];
  private readonly counts = { attacks: 0, caught: 0, early: 0 };
  private processed = -1;

  /** An attack the simulator finished (it may be judged at once if the monitor is already past it). */
  addAttack(truth: GroundTruth): AttackVerdict[] {
    this.pendingAttacks.push(truth);
    return this.judgeReady();
  }

  /** A block the monitor processed, with what it raised on it; returns the attacks judged now. */
  addBlock(blockNumber: number, findings: readonly Finding[]): AttackVerdict[] {
    this.findings.push(...findings);
    this.processed = Math.max(this.processed, blockNumber);
    if (this.findings.length > 0 && findingBlockNumber(this.findings[0]!) < this.processed - KEEP_BLOCKS) {
      this.findings = this.findings.filter((f) => findingBlockNumber(f) >= this.processed - KEEP_BLOCKS);
    }
    return this.judgeReady();
  }

  /** Judged attacks, newest first (the last 500). */
  verdicts(): AttackVerdict[] {
    return [...this.judged].reverse();
  }

  summary(): ScoreboardSummary {
    return { ...this.counts, pending: this.pendingAttacks.length };
  }

  private judgeReady(): AttackVerdict[] {
    const out: AttackVerdict[] = [];
    for (let i = 0; i < this.pendingAttacks.length; ) {
      const t = this.pendingAttacks[i]!;
      if (t.blockRange[1] > this.processed) {
        i++;
        continue;
      }
      this.pendingAttacks.splice(i, 1);
      out.push(this.judge(t));
    }
    return out;
  }

  private judge(t: GroundTruth): AttackVerdict {
    const names = truthNames(t);
    const hits = this.findings.filter((f) => matchesAttack(f, t, names));
    const alerts = hits.filter((f) => f.detector !== INCIDENT_DETECTOR);
    const incidents = hits.filter((f) => f.detector === INCIDENT_DETECTOR);
    const first = alerts.length ? Math.min(...alerts.map(findingBlockNumber)) : null;
    const exploit = exploitationBlock(t);
    const top = hits.reduce<Severity | null>((m, f) => (m === null || severityRank(f.severity) > severityRank(m) ? f.severity : m), null);
    const incidentId = incidents.length ? incidents[incidents.length - 1]!.evidence.incidentId : null;
    const lead = first !== null && exploit !== null ? exploit - first : null;
    const verdict: AttackVerdict = {
      attackId: t.attackId,
      kind: t.kind,
      description: t.description,
      blockRange: t.blockRange,
      caught: alerts.length > 0,
      alerts: alerts.length,
      detectors: [...new Set(alerts.map((f) => f.detector))].sort(),
      firstAlertBlock: first,
      exploitationBlock: exploit,
      leadBlocks: lead,
      timing: timing(first, lead),
      incidentId: typeof incidentId === 'string' ? incidentId : null,
      severity: top,
      judgedAt: new Date().toISOString(),
    };
    this.counts.attacks++;
    if (verdict.caught) this.counts.caught++;
    if (verdict.leadBlocks !== null && verdict.leadBlocks > 0) this.counts.early++;
    this.judged.push(verdict);
    if (this.judged.length > KEEP_VERDICTS) this.judged.shift();
    return verdict;
  }
}

/** When the first alert came, relative to the exploit when the attack has one (see `AttackVerdict.timing`). */
function timing(firstAlertBlock: number | null, leadBlocks: number | null): string {
  if (firstAlertBlock === null) return '';
  if (leadBlocks === null) return `at block ${firstAlertBlock}`;
  if (leadBlocks === 0) return 'in the exploit block';
  return `${count(Math.abs(leadBlocks), 'block')} ${leadBlocks > 0 ? 'before' : 'after'} the exploit`;
}

/** One line for the terminal: what was caught, by what, and how early. */
export function describeVerdict(v: AttackVerdict): string {
  const where = `blocks ${v.blockRange[0]}–${v.blockRange[1]}`;
  if (!v.caught) return `missed ${v.attackId} (${where}): no alert named its addresses or transactions`;
  const when = `first ${v.timing}`;
  const by = v.detectors.map((d) => d.replace(/^monitor\//, '')).join(', ');
  return `caught ${v.attackId} (${where}): ${v.alerts} alert${v.alerts === 1 ? '' : 's'} from ${by}, ${when}${v.severity ? `; ${v.severity}` : ''}${v.incidentId ? ` incident ${v.incidentId}` : ''}`;
}
