/**
 * Incidents as the API shows them. The monitor raises a `monitor/incident` alert each time a block joins
 * findings into an incident or adds a stage (`MonitorEngine.escalations`); its evidence names the incident
 * id and every member finding (detector, block, subject). So the newest such alert per incident id is the
 * incident's current state, and its members are the stored alerts matching those entries. Reading them
 * back this way gives exactly the incidents the monitor saw, with its known-good list and window, which a
 * server re-combining alerts on its own could not know.
 */
import { INCIDENT_DETECTOR } from '../core/alert.js';
import { incidentIdOf, type StoredAlert } from '../store/alerts.js';
import { cursorSeq, encodeCursor } from './alert-query.js';
import type { IncidentDetail, IncidentPage, IncidentSummary, ValueAtRisk } from './api-types.js';
import { valueAtRisk } from './value-at-risk.js';
import type { AlertQueries, IncidentQueries, TriageStatus, TriageStore } from '../store/store.js';

export { INCIDENT_DETECTOR };
export type { IncidentSummary };

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

/**
 * How many incident alerts after an alert's block are searched for the incident it joined: it joins within
 * the incident window (50 blocks by default) of its own block, so the first incident alert naming it comes
 * early in that range.
 */
const SCAN_AFTER_ALERT = 2000;

export interface IncidentPageQuery {
  chainId?: number;
  severity?: string;
  status?: TriageStatus;
  limit: number;
  /** A previous page's `nextCursor`. */
  cursor?: string;
}

export class IncidentReader {
  constructor(private readonly reader: AlertQueries & IncidentQueries & TriageStore) {}

  /** The summaries with the triage of those that have any. */
  private async withTriage(summaries: IncidentSummary[]): Promise<IncidentSummary[]> {
    if (summaries.length === 0) return summaries;
    const triage = await this.reader.triageOf('incident', summaries.map((s) => s.id));
    return summaries.map((s) => {
      const t = triage.get(s.id);
      return t ? { ...s, triage: t } : s;
    });
  }

  /** The incidents, most recently grown first, a page at a time (the store's `incidents` table). */
  async list(q: IncidentPageQuery): Promise<IncidentPage> {
    const beforeSeq = cursorSeq(q.cursor);
    const rows = await this.reader.newestIncidentAlerts({ ...q, ...(beforeSeq !== undefined ? { beforeSeq } : {}), limit: q.limit + 1 });
    const shown = rows.slice(0, q.limit);
    const last = shown[shown.length - 1];
    return {
      incidents: await this.withTriage(shown.flatMap(({ alert }) => toIncidentSummary(alert) ?? [])),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.seq) : null,
    };
  }

  /** One incident (its newest state) and its member alerts in block order, or null. */
  async get(id: string): Promise<IncidentDetail | null> {
    const alert = await this.reader.newestIncidentAlert(id);
    const summary = alert ? toIncidentSummary(alert) : null;
    return alert && summary ? { incident: (await this.withTriage([summary]))[0] ?? summary, alerts: await this.membersOf(alert) } : null;
  }

  /** The incident an alert belongs to (its newest state), or null. */
  async ofAlert(alert: StoredAlert): Promise<IncidentSummary | null> {
    // An incident alert stands for its incident; any other alert is in the first incident alert naming it.
    let found: StoredAlert | undefined = incidentIdOf(alert) !== null ? alert : undefined;
    const key = subjectKey(alert).toLowerCase();
    found ??= (await this.reader.incidentAlertsFrom(alert.chainId, alert.blockNumber, SCAN_AFTER_ALERT)).find((candidate) => members(candidate).some((m) => m.detector === alert.finding.detector && m.block === alert.blockNumber && m.subject.toLowerCase() === key));
    const id = found ? incidentIdOf(found) : null;
    if (!found || id === null) return null;
    return toIncidentSummary((await this.reader.newestIncidentAlert(id)) ?? found);
  }

  /** The open incidents' value at risk (the newest `max` of them), priced with `prices`. */
  async valueAtRisk(prices: Record<string, number>, max = 200, chainId?: number): Promise<ValueAtRisk> {
    const page = await this.list({ status: 'open', limit: max, ...(chainId !== undefined ? { chainId } : {}) });
    const members: StoredAlert[][] = [];
    for (const s of page.incidents) {
      const alert = await this.reader.newestIncidentAlert(s.id);
      if (alert) members.push(await this.membersOf(alert));
    }
    return valueAtRisk(members, prices, { incidents: page.incidents.length, more: page.nextCursor !== null });
  }

  private async membersOf(incidentAlert: StoredAlert): Promise<StoredAlert[]> {
    const found = new Map<string, StoredAlert>();
    for (const ref of members(incidentAlert)) {
      for (const a of await this.reader.alertsAtBlock(incidentAlert.chainId, ref.detector, ref.block)) if (isMember(a, ref)) found.set(a.id, a);
    }
    return [...found.values()].sort((a, b) => a.blockNumber - b.blockNumber);
  }
}
