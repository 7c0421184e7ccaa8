/**
 * The JSON the Argus HTTP API (/api/v1) sends and takes: one module for both sides. The server's route
 * handlers are typed against these shapes (their return types, or `satisfies` where a reply is built by
 * hand), and the dashboard imports them with `import type` through the `@argus/api` path of
 * web/tsconfig.json, so a change on one side that the other does not follow breaks `npm run typecheck`.
 *
 * The dashboard type-checks this module in a browser program (lib DOM, no Node types), so it, and every
 * module it imports, transitively, must not need Node: type imports only, and only from modules that import
 * no `node:*` built-in and no Node-only package. Today those are src/core/finding.ts, src/core/threats.ts,
 * src/core/alert.ts (the alert types; their ids are made in alert-id.ts), src/token/types.ts and
 * src/fraud/types.ts, whose types are the wire types as they are. Shapes whose home needs Node (the stores
 * open SQLite, the audit and the demo's scoreboard pull in their engines) are declared here instead, and src/server/api-contract.ts checks at
 * compile time that each is identical to (or, for a looser wire shape, filled by) its home.
 *
 * Query strings are never coerced by the server, so every query parameter is a string here.
 */
import type { Alert } from '../core/alert.js';
import type { Finding, Severity } from '../core/finding.js';
import type { DomainVerdict } from '../fraud/types.js';

export type { Alert, AlertEvent, Retraction } from '../core/alert.js';

export type { AddressSubject, DomainSubject, Finding, PostSubject, Severity, SourceRange, Subject, TransactionSubject } from '../core/finding.js';
/** Type-only: `typeof SEVERITIES` is the ordered tuple, for a client's own copy of the list. */
export type { SEVERITIES } from '../core/finding.js';
export type { STAGES, Stage, ThreatKind } from '../core/threats.js';
export type { FlagEvidence, FlagName, MarketSignals, RugScore, TokenFlag, TokenFlags, TokenReport, TradeSimulation, Tri } from '../token/types.js';
export type { AddressMention, DomainVerdict, PostVerdict, Reason, Verdict } from '../fraud/types.js';

// Errors and meta -------------------------------------------------------------------------------------

/** Every error response: 4xx and 5xx alike. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** GET /healthz */
export interface Health {
  ok: boolean;
  version: string;
}

/** GET /info: what this server has. */
export interface ServerInfo {
  version: string;
  chainId: number | null;
  rpc: boolean;
  store: boolean;
  live: boolean;
  demo: boolean;
  /** Block explorer base URL per chain id (`<base>/address/<a>`, `/tx/<hash>`, `/block/<n>`). */
  explorers: Record<string, string>;
  /** USD per whole unit, for `ETH` and lower-case token addresses the server knows a price of (configured or from pool reserves). */
  prices?: Record<string, number>;
  /** Known labels (router, pool, token, WETH…) per chain id, lower-case address to label. */
  labels?: Record<string, Record<string, string>>;
}

// Alerts ----------------------------------------------------------------------------------------------

/** Counts per severity, every severity present. */
export type SeverityCounts = Record<Severity, number>;

/** An alert as the store keeps it (src/store/alerts.ts): what the alert routes send. */
export interface StoredAlert extends Alert {
  /** ISO 8601, set once the alert is retracted. */
  retractedAt?: string;
  retractReason?: string;
}

/** The paging fields the alert and incident listings take. */
export interface PageQuery {
  chainId?: string;
  /** 1..500, default 100. */
  limit?: string;
  /** The previous page's `nextCursor`. */
  cursor?: string;
}

/** The filters GET /alerts and GET /alerts/counts share. */
export interface AlertFilterQuery {
  chainId?: string;
  detector?: string;
  severity?: string;
  /** Only alerts at this block number or later. */
  since?: string;
  includeRetracted?: 'true' | 'false';
  /** Triage status as of now (a snooze that ended reads open). */
  status?: TriageStatus;
  /** Words (space-separated), each of which the alert must contain, case-insensitive. */
  q?: string;
}

/** GET /alerts?… */
export interface AlertListQuery extends AlertFilterQuery, PageQuery {}

/** GET /alerts: newest first. */
export interface AlertPage {
  alerts: StoredAlert[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  /** The triage of the page's alerts that have any (the others are open and unassigned). */
  triage: Record<string, TriageState>;
}

/** GET /alerts/counts: how many alerts the filter matches, per severity and per triage status. */
export interface AlertCounts {
  total: number;
  /** Per severity, with every filter but the severity. */
  bySeverity: SeverityCounts;
  /** Per triage status, with every filter but the status. */
  byStatus: Record<TriageStatus, number>;
}

// Triage ----------------------------------------------------------------------------------------------

export type TriageStatus = 'open' | 'acknowledged' | 'resolved' | 'muted';
export type TriageKind = 'alert' | 'incident';

/** An alert's or incident's triage (src/store/store.ts); an item never triaged has none and is open. */
export interface TriageState {
  status: TriageStatus;
  assignee: string | null;
  /** ISO 8601; with status muted, when the mute ends (null: until unmuted). */
  mutedUntil: string | null;
  updatedAt: string;
  updatedBy: string;
  notes: number;
}

/** One audited change. */
export interface TriageEvent {
  at: string;
  actor: string;
  action: 'status' | 'assignee' | 'note';
  value: string | null;
  previous: string | null;
}

/** POST /alerts/{id}/triage, POST /incidents/{id}/triage (API key): absent fields stay as they are. */
export interface TriageRequest {
  status?: TriageStatus;
  /** ISO 8601, with status muted: a snooze. */
  mutedUntil?: string | null;
  /** null: unassign. */
  assignee?: string | null;
  note?: string;
  /** Who is acting (a name); recorded with the key's digest. */
  by?: string;
}

/** POST /triage (API key): one change to many alerts or incidents at once. */
export interface TriageBulkRequest extends TriageRequest {
  kind: TriageKind;
  ids: string[];
}

/** GET /alerts/{id}/triage, GET /incidents/{id}/triage, and the answer to a change. */
export interface TriageRecord {
  /** null: never triaged (open, unassigned). */
  triage: TriageState | null;
  history: TriageEvent[];
}

/** POST /triage */
export interface TriageBulkResult {
  updated: number;
  triage: Record<string, TriageState>;
}

/** GET /alerts/summary?… */
export interface AlertSummaryQuery {
  chainId?: string;
  /** Only alerts raised in the last hour, day or week (default: all). */
  range?: '1h' | '24h' | '7d' | 'all';
  /** 1..200, default 40. */
  buckets?: string;
}

/** GET /alerts/summary: counts for charts, retracted alerts left out. */
export interface AlertSummary {
  total: number;
  bySeverity: SeverityCounts;
  byDetector: { detector: string; count: number }[];
  overTime: { fromBlock: number; toBlock: number; counts: SeverityCounts }[];
  /** The same alerts in equal spans of the time they were raised (ISO 8601 bounds), oldest first. */
  overTimeByTime: { from: string; to: string; counts: SeverityCounts }[];
}

// Incidents -------------------------------------------------------------------------------------------

export interface IncidentSummary {
  id: string;
  chainId: number;
  title: string;
  severity: Severity;
  confidence: number;
  /** The `Stage`s reached, as the incident alert's evidence names them (not checked by the server). */
  stages: string[];
  /** The `kind:` tags of the incident alert, without the prefix. */
  kinds: string[];
  actors: string[];
  firstBlock: number;
  lastBlock: number;
  alertCount: number;
  /** When the incident last grew (its newest incident alert). */
  updatedAt: string;
  /** The team's triage; absent: never triaged (open). */
  triage?: TriageState;
}

/** One asset of the value at risk: summed over the open incidents that recorded it. */
export interface ValueAtRiskAsset {
  /** `ETH` or the token's lower-case address. */
  asset: string;
  symbol: string | null;
  decimals: number | null;
  /** Base units, exact. */
  raw: string;
  /** Whole units; null when the token's decimals are unknown. */
  amount: number | null;
  /** Null when no price is known (the asset is then not in `usd`). */
  usd: number | null;
  /** Ether and wrapped ether only. */
  eth: number | null;
  incidents: number;
}

/** GET /incidents/value-at-risk: what the open incidents put at stake. */
export interface ValueAtRisk {
  /** Open incidents read (the newest first, at most 200). */
  openIncidents: number;
  /** True when there are more open incidents than were read. */
  more: boolean;
  /** USD of the priced assets only. */
  usd: number;
  /** ETH and WETH only. */
  eth: number;
  assets: ValueAtRiskAsset[];
  /** Assets without a price (not in `usd`). */
  unpriced: number;
  /** Open incidents none of whose alerts recorded an amount. */
  withoutAmount: number;
}

/** GET /incidents?… */
export interface IncidentListQuery extends PageQuery {
  severity?: string;
  status?: TriageStatus;
}

/** GET /incidents: most recently grown first. */
export interface IncidentPage {
  incidents: IncidentSummary[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** GET /incidents/{id}: the incident and its alerts in block order. */
export interface IncidentDetail {
  incident: IncidentSummary;
  alerts: StoredAlert[];
}

/** GET /alerts/{id}/incident */
export interface AlertIncident {
  incident: IncidentSummary;
}

// Demo ------------------------------------------------------------------------------------------------

/** One simulated attack of the demo, judged against the alerts (src/chain/scenarios/scoreboard.ts). */
export interface AttackVerdict {
  attackId: string;
  /** The simulator's attack kind. */
  kind: string;
  description: string;
  blockRange: [number, number];
  caught: boolean;
  /** Alerts about the attack, incidents left out. */
  alerts: number;
  detectors: string[];
  firstAlertBlock: number | null;
  exploitationBlock: number | null;
  /** Blocks from the first alert to the exploit: > 0 before it, 0 in its block, < 0 after. */
  leadBlocks: number | null;
  /** When the first alert came, in words (`2 blocks before the exploit`); empty when missed. */
  timing: string;
  incidentId: string | null;
  severity: Severity | null;
  /** ISO 8601, when the verdict was reached. */
  judgedAt: string;
}

export interface DemoSummary {
  attacks: number;
  caught: number;
  /** Caught before the first exploitation transaction. */
  early: number;
  pending: number;
}

/** GET /demo/attacks: newest first. */
export interface DemoAttacks {
  summary: DemoSummary;
  attacks: AttackVerdict[];
}

// Pools -----------------------------------------------------------------------------------------------

/** GET /pools/{address}/reserves?… */
export interface ReservesQuery {
  from: string;
  /** Default: the head. */
  to?: string;
}

export interface ReservePoint {
  block: number;
  /** Raw base units, decimal. */
  reserve0: string;
  reserve1: string;
}

/** GET /pools/{address}/reserves: the reserves after each block that changed them. */
export interface PoolReserves {
  pool: string;
  token0: string;
  token1: string;
  symbol0?: string;
  symbol1?: string;
  decimals0?: number;
  decimals1?: number;
  points: ReservePoint[];
}

// Audits ----------------------------------------------------------------------------------------------

export interface SourceFile {
  path: string;
  content: string;
}

/** POST /audits */
export interface AuditRequest {
  files: SourceFile[];
}

/** A problem with a file rather than with its code (src/audit/analyze.ts). */
export interface AuditDiagnostic {
  file: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  line?: number;
  column?: number;
}

export interface AuditFileReport {
  file: string;
  /** Parsed without syntax errors. */
  parsed: boolean;
  /** Audited at all (false when too deep to analyse). */
  analysed: boolean;
  lines: number;
  diagnostics: AuditDiagnostic[];
  findings: Finding[];
}

/** The `argus audit --format json` document (src/audit/report/json.ts). */
export interface AuditReport {
  tool: { name: string; version: string };
  summary: {
    files: number;
    parsed: number;
    failedToParse: number;
    notAnalysed: number;
    findings: number;
    bySeverity: SeverityCounts;
    byDetector: Record<string, number>;
    lines: number;
    millis: number;
  };
  files: AuditFileReport[];
}

/** POST /audits: the report; GET /audits/{id} gives it again with the sources. */
export interface AuditCreated {
  id: string;
  report: AuditReport;
}

/** GET /audits/{id}: a kept audit with the sources it is about. */
export interface AuditRecord extends AuditCreated {
  /** ISO 8601. */
  createdAt: string;
  files: SourceFile[];
}

export interface AuditListItem {
  id: string;
  createdAt: string;
  files: string[];
  findings: number;
  bySeverity: SeverityCounts;
}

/** GET /audits: newest first. */
export interface AuditList {
  audits: AuditListItem[];
}

// Tokens ----------------------------------------------------------------------------------------------

/** POST /tokens/check: one of address (on chain), bytecode or source. Answered with a `TokenReport`. */
export interface TokenCheckRequest {
  address?: string;
  bytecode?: string;
  source?: string;
  /** With source: the token contract (default: the most derived one with transfer). */
  contract?: string;
  /** With address: as of this block (default the head). */
  block?: number;
  /** With address: simulate a buy and a sell on a fork (default true). */
  simulate?: boolean;
}

// Fraud -----------------------------------------------------------------------------------------------

/** GET /urls/check?u=…: answered with a `DomainVerdict`. */
export interface UrlCheckQuery {
  u: string;
}

/** POST /urls/check */
export interface UrlBatchRequest {
  inputs: string[];
}

export interface UrlBatchResult {
  results: DomainVerdict[];
}

/** GET /urls/allowlist: the team's own domains, checked before anything else. */
export interface UrlAllowlist {
  domains: string[];
}

/** POST /urls/allowlist */
export interface UrlAllowRequest {
  domains: string[];
}

export interface UrlAllowResult {
  /** Entries added (or already there). */
  added: string[];
  /** Entries that are not domain names. */
  rejected: string[];
  domains: string[];
}

/** POST /posts/check: answered with a `PostVerdict`. */
export interface PostCheckRequest {
  text: string;
  id?: string;
  author?: string;
  /** ISO 8601. */
  createdAt?: string;
  urls?: string[];
  /** The account's recent posts, for the hijacked-account checks. */
  history?: { text: string; createdAt?: string; urls?: string[] }[];
}

// Webhooks --------------------------------------------------------------------------------------------

/** A webhook subscription (src/store/webhooks.ts); its secret is shown only when it is created. */
export interface WebhookSubscription {
  /** `wh_` and 16 hex characters. */
  id: string;
  url: string;
  /** Alerts below this severity are not sent (default `low`). */
  minSeverity: Severity;
  /** Only alerts of these detectors; empty: every detector. */
  detectors: string[];
  description: string | null;
  /** ISO 8601. */
  createdAt: string;
  /** The payload format. */
  format: WebhookFormat;
  /** Telegram's chat id or PagerDuty's routing key; null for the other formats. */
  target: string | null;
}

/** The payload formats a subscription can use. */
export type WebhookFormat = 'argus' | 'slack' | 'discord' | 'telegram' | 'pagerduty';

/** POST /webhooks */
export interface WebhookCreateRequest {
  url: string;
  minSeverity?: Severity;
  detectors?: string[];
  description?: string;
  format?: WebhookFormat;
  /** Required for telegram (chat id) and pagerduty (routing key). */
  target?: string;
}

/** POST /webhooks/{id}/test */
export interface WebhookTestResult {
  delivered: boolean;
  format: WebhookFormat;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  error?: string;
  /** How long the attempt took. */
  ms?: number;
}

/** POST /webhooks (201): the one time the signing secret is shown. */
export interface WebhookCreated extends WebhookSubscription {
  secret: string;
}

export interface WebhookDeliveryStats {
  pending: number;
  delivered: number;
  dead: number;
  /** The latest error of a delivery not (yet) delivered. */
  lastError?: string;
}

/** GET /webhooks/{id} */
export interface WebhookWithStats extends WebhookSubscription {
  deliveries: WebhookDeliveryStats;
}

/** GET /webhooks */
export interface WebhookList {
  webhooks: WebhookWithStats[];
}
