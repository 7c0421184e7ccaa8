/**
 * Alerts in the store, whatever the database: the `AlertStore` part of the `Store` and what it needs to
 * know about incidents. The monitor raises a `monitor/incident` alert each time an incident grows, naming
 * the incident's id in its evidence; the store keeps an index of each incident's newest live alert from
 * it (`IncidentQueries`). The SQL is in `sqlite/alerts.ts`.
 */
import { INCIDENT_DETECTOR, type Alert } from '../core/alert.js';

export type { AlertQuery, AlertStore, DeliveryStatus, OutboxEntry, StoredAlert, WebhookOutbox } from './store.js';

/** The incident an alert stands for: its evidence's `incidentId`, for `monitor/incident` alerts only. */
export function incidentIdOf(alert: Pick<Alert, 'finding'>): string | null {
  const id = alert.finding.detector === INCIDENT_DETECTOR ? alert.finding.evidence.incidentId : undefined;
  return typeof id === 'string' ? id : null;
}
