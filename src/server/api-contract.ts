/**
 * Compile-time checks (no runtime code) that the wire shapes ./api-types.ts declares for itself, because
 * their home modules need Node and the dashboard type-checks api-types without Node types, are the shapes
 * their homes produce. Change either side alone and `npm run typecheck` fails here.
 *
 * `Same` is exact: the same properties, optional and readonly alike, with identical types. `Fills` is for
 * a wire type that is deliberately looser than its home (e.g. a string where the home has a union): the
 * home's values must be assignable to it, and it must name every property the home has.
 */
import type { Diagnostic } from '../audit/analyze.js';
import type { FileReport } from '../audit/audit-file.js';
import type { AuditSummary } from '../audit/report/summary.js';
import type { AttackVerdict as ScoreboardVerdict, ScoreboardSummary } from '../chain/scenarios/scoreboard.js';
import type { StoredAlert as StoreStoredAlert } from '../store/alerts.js';
import type { AlertCounts as StoreAlertCounts, TriageEvent as StoreTriageEvent, TriageState as StoreTriageState, TriageStatus as StoreTriageStatus } from '../store/store.js';
import type { DeliveryStats, NewSubscription, WebhookSubscription as StoreWebhook, WebhookSubscriptionWithSecret } from '../store/webhooks.js';
import type * as Api from './api-types.js';

/** True when A and B are identical types. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** True when every `Home` is a `Wire` and both have the same property names. */
export type Fills<Home, Wire> = [Home] extends [Wire] ? Same<keyof Home, keyof Wire> : false;
type Check<T extends true> = T;

export type ApiContract = [
  Check<Same<StoreStoredAlert, Api.StoredAlert>>,
  Check<Same<Diagnostic, Api.AuditDiagnostic>>,
  Check<Same<AuditSummary, Api.AuditReport['summary']>>,
  // The JSON report keeps these fields of each file's report (src/audit/report/json.ts).
  Check<Same<Pick<FileReport, keyof Api.AuditFileReport>, Api.AuditFileReport>>,
  Check<Fills<ScoreboardVerdict, Api.AttackVerdict>>,
  Check<Same<ScoreboardSummary, Api.DemoSummary>>,
  Check<Same<StoreWebhook, Api.WebhookSubscription>>,
  Check<Same<WebhookSubscriptionWithSecret, Api.WebhookCreated>>,
  Check<Same<NewSubscription, Api.WebhookCreateRequest>>,
  Check<Same<DeliveryStats, Api.WebhookDeliveryStats>>,
  Check<Same<StoreTriageStatus, Api.TriageStatus>>,
  Check<Same<StoreTriageState, Api.TriageState>>,
  Check<Same<StoreTriageEvent, Api.TriageEvent>>,
  Check<Same<StoreAlertCounts, Api.AlertCounts>>,
];
