/**
 * Incidents as the API shows them. The monitor raises a `monitor/incident` alert each time a block joins
 * findings into an incident or adds a stage (`MonitorEngine.escalations`); its evidence names the incident
 * id and every member finding (detector, block, subject). So the newest such alert per incident id is the
 * incident's current state, and its members are the stored alerts matching those entries. Reading them
 * back this way gives exactly the incidents the monitor saw, with its known-good list and window, which a
 * server re-combining alerts on its own could not know.
 */
import type { Severity } from '../core/finding.js';
import type { StoredAlert } from '../store/alerts.js';
import type { AlertReader } from './alert-query.js';

export const INCIDENT_DETECTOR = 'monitor/incident';

export interface IncidentSummary {
  id: string;
  chainId: number;
  title: string;
  severity: Severity;
  confidence: number;
  stages: string[];
  kinds: string[];
  actors: string[];
  firstBlock: number;
  lastBlock: number;
  alertCount: number;
  /** When the incident last grew (its newest incident alert). */
  updatedAt: string;
}

interface MemberRef {
  detector: string;
  block: number;
  subject: string;
}

interface IncidentEvidence {
  incidentId?: unknown;
  firstBlock?: unknown;
  lastBlock?: unknown;
  actors?: unknown;
  stages?: unknown;
  findings?: unknown;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function members(alert: StoredAlert): MemberRef[] {
  const list = (alert.finding.evidence as IncidentEvidence).findings;
  if (!Array.isArray(list)) return [];
  return list.flatMap((m: unknown) => {
    const o = m as Partial<MemberRef>;
    return typeof o.detector === 'string' && typeof o.block === 'number' && typeof o.subject === 'string' ? [{ detector: o.detector, block: o.block, subject: o.subject }] : [];
  });
}

/** The subject the incident evidence uses for a finding: address, transaction hash, or the subject kind. */
function subjectKey(alert: StoredAlert): string {
  const s = alert.finding.subject;
  return s.kind === 'address' ? s.address : s.kind === 'transaction' ? s.hash : s.kind;
}

const isMember = (alert: StoredAlert, ref: MemberRef) => alert.finding.detector === ref.detector && alert.blockNumber === ref.block && subjectKey(alert).toLowerCase() === ref.subject.toLowerCase();

export function toIncidentSummary(alert: StoredAlert): IncidentSummary | null {
  const e = alert.finding.evidence as IncidentEvidence;
  if (typeof e.incidentId !== 'string') return null;
  return {
    id: e.incidentId,
    chainId: alert.chainId,
    title: alert.finding.title,
    severity: alert.finding.severity,
    confidence: alert.finding.confidence,
    stages: strings(e.stages),
    kinds: alert.finding.tags.filter((t) => t.startsWith('kind:')).map((t) => t.slice(5)),
    actors: strings(e.actors),
    firstBlock: typeof e.firstBlock === 'number' ? e.firstBlock : alert.blockNumber,
    lastBlock: typeof e.lastBlock === 'number' ? e.lastBlock : alert.blockNumber,
    alertCount: members(alert).length,
    updatedAt: alert.createdAt,
  };
}

/** How many incident alerts a listing looks through (each incident raises a few as it grows). */
const SCAN = 5000;

export class IncidentReader {
  constructor(private readonly reader: AlertReader) {}

  /** The incidents, most recently grown first. */
  list(q: { chainId?: number; limit: number }): IncidentSummary[] {
    const seen = new Set<string>();
    const out: IncidentSummary[] = [];
    for (const alert of this.reader.ofDetector(INCIDENT_DETECTOR, { ...(q.chainId !== undefined ? { chainId: q.chainId } : {}), limit: SCAN })) {
      const summary = toIncidentSummary(alert);
      if (!summary || seen.has(summary.id)) continue;
      seen.add(summary.id);
      out.push(summary);
      if (out.length >= q.limit) break;
    }
    return out;
  }

  /** One incident and its member alerts in block order, or null. */
  get(id: string): { incident: IncidentSummary; alerts: StoredAlert[] } | null {
    for (const alert of this.reader.ofDetector(INCIDENT_DETECTOR, { limit: SCAN })) {
      const summary = toIncidentSummary(alert);
      if (summary?.id === id) return { incident: summary, alerts: this.membersOf(alert) };
    }
    return null;
  }

  /** The incident an alert belongs to (its newest state), or null. */
  ofAlert(alert: StoredAlert): IncidentSummary | null {
    if (alert.finding.detector === INCIDENT_DETECTOR) return toIncidentSummary(alert);
    const key = subjectKey(alert).toLowerCase();
    for (const candidate of this.reader.ofDetector(INCIDENT_DETECTOR, { chainId: alert.chainId, fromBlock: alert.blockNumber, limit: SCAN })) {
      if (members(candidate).some((m) => m.detector === alert.finding.detector && m.block === alert.blockNumber && m.subject.toLowerCase() === key)) return toIncidentSummary(candidate);
    }
    return null;
  }

  private membersOf(incidentAlert: StoredAlert): StoredAlert[] {
    const found = new Map<string, StoredAlert>();
    for (const ref of members(incidentAlert)) {
      for (const a of this.reader.atBlock(incidentAlert.chainId, ref.detector, ref.block)) if (isMember(a, ref)) found.set(a.id, a);
    }
    return [...found.values()].sort((a, b) => a.blockNumber - b.blockNumber);
  }
}
