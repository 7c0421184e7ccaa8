/**
 * The JSON shapes the dashboard reads from the Argus API (/api/v1). They mirror the server's types
 * (src/core/finding.ts, src/monitor/sinks/alert.ts, src/store/alerts.ts, src/token/types.ts,
 * src/fraud/types.ts) but are declared here so the web bundle never imports server code.
 */

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityCounts = Record<Severity, number>;

export interface SourceSubject {
  kind: 'source';
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  contract?: string;
  function?: string;
}
export type Subject =
  | SourceSubject
  | { kind: 'address'; chainId: number; address: string; role?: string }
  | { kind: 'transaction'; chainId: number; hash: string; blockNumber?: number }
  | { kind: 'domain'; domain: string; url?: string }
  | { kind: 'post'; id?: string; author?: string };

export interface Finding {
  detector: string;
  title: string;
  severity: Severity;
  confidence: number;
  tags: string[];
  subject: Subject;
  explanation: string;
  evidence: Record<string, unknown>;
  recommendation?: string;
}

export interface Alert {
  id: string;
  finding: Finding;
  chainId: number;
  blockNumber: number;
  blockHash: string;
  txHash?: string;
  createdAt: string;
  retractedAt?: string;
  retractReason?: string;
}

export interface Retraction {
  alertId: string;
  reason: string;
  retractedAt: string;
  alert?: Alert;
}

export type AlertEvent = { type: 'alert'; alert: Alert } | { type: 'retraction'; retraction: Retraction };

export interface AlertPage {
  alerts: Alert[];
  nextCursor: string | null;
}

export interface ServerInfo {
  version: string;
  chainId: number | null;
  rpc: boolean;
  store: boolean;
  live: boolean;
  demo: boolean;
}

/** One simulated attack of the demo, judged against the alerts (GET /demo/attacks). */
export interface AttackVerdict {
  attackId: string;
  kind: string;
  description: string;
  blockRange: [number, number];
  caught: boolean;
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
  judgedAt: string;
}

export interface DemoAttacks {
  summary: { attacks: number; caught: number; early: number; pending: number };
  attacks: AttackVerdict[];
}

export interface AlertSummary {
  total: number;
  bySeverity: SeverityCounts;
  byDetector: Array<{ detector: string; count: number }>;
  overTime: Array<{ fromBlock: number; toBlock: number; counts: SeverityCounts }>;
}

export const STAGES = ['funding', 'preparation', 'exploitation', 'laundering'] as const;
export type Stage = (typeof STAGES)[number];

export interface IncidentSummary {
  id: string;
  chainId: number;
  title: string;
  severity: Severity;
  confidence: number;
  stages: Stage[];
  kinds: string[];
  actors: string[];
  firstBlock: number;
  lastBlock: number;
  alertCount: number;
}

export interface IncidentPage {
  incidents: IncidentSummary[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface IncidentDetail {
  incident: IncidentSummary;
  alerts: Alert[];
}

export interface PoolReserves {
  pool: string;
  token0: string;
  token1: string;
  symbol0?: string;
  symbol1?: string;
  decimals0?: number;
  decimals1?: number;
  points: Array<{ block: number; reserve0: string; reserve1: string }>;
}

// Audits ---------------------------------------------------------------------------------------------

export interface AuditFileReport {
  file: string;
  parsed: boolean;
  analysed: boolean;
  lines: number;
  diagnostics: Array<{ file?: string; severity: string; code: string; message: string; line?: number; column?: number }>;
  findings: Finding[];
}

export interface AuditReport {
  tool?: { name: string; version: string };
  summary: {
    files: number;
    parsed: number;
    failedToParse: number;
    findings: number;
    bySeverity: SeverityCounts;
    byDetector: Record<string, number>;
    lines: number;
    millis: number;
  };
  files: AuditFileReport[];
}

export interface SourceFile {
  path: string;
  content: string;
}

export interface AuditResult {
  id: string;
  report: AuditReport;
  /** The audited sources; GET /audits/:id returns them, POST /audits does not (the client has them). */
  files?: SourceFile[];
}

export interface AuditListItem {
  id: string;
  createdAt: string;
  files: string[];
  findings: number;
  bySeverity: SeverityCounts;
}

// Tokens ---------------------------------------------------------------------------------------------

export type Tri = boolean | null;

export interface FlagEvidence {
  from: 'bytecode' | 'source' | 'simulation' | 'chain';
  selector?: string;
  signature?: string;
  file?: string;
  line?: number;
  detail: string;
}

export interface TradeSimulation {
  pool: string | null;
  buyTax: number | null;
  sellTax: number | null;
  transferTax: number | null;
  buyGas: number | null;
  sellGas: number | null;
  is_honeypot: Tri;
  cannot_sell_all: Tri;
  errors: string[];
}

export interface MarketSignals {
  pool: string | null;
  liquidityEth: number | null;
  lpCreatorShare: number | null;
  lpBurnedShare: number | null;
  lpLockedShare: number | null;
  top10HolderShare: number | null;
  creatorShare: number | null;
  poolAgeBlocks: number | null;
  creator: string | null;
  creatorOtherTokens: number | null;
  creatorEarlierRugs: number | null;
}

export interface RugScore {
  probability: number;
  features: Record<string, number>;
  drivers: Array<{ feature: string; value: number; contribution: number }>;
  model: string;
}

export interface TokenReport {
  chainId: number | null;
  address: string | null;
  name: string | null;
  symbol: string | null;
  riskScore: number;
  reasons: Array<{ points: number; reason: string }>;
  flags: Record<string, { value: Tri; evidence: FlagEvidence[] }>;
  simulation: TradeSimulation | null;
  market: MarketSignals | null;
  rugScore: RugScore | null;
  notes: string[];
  elapsedMs: number;
}

// Fraud ----------------------------------------------------------------------------------------------

export type Verdict = 'malicious' | 'suspicious' | 'benign' | 'unknown';

export interface Reason {
  points: number;
  code: string;
  reason: string;
}

export interface DomainVerdict {
  input: string;
  host: string | null;
  unicode: string | null;
  registrable: string | null;
  verdict: Verdict;
  score: number;
  reasons: Reason[];
  imitates?: string;
  error?: string;
}

export interface PostVerdict {
  id?: string;
  verdict: Verdict;
  score: number;
  reasons: Reason[];
  links: DomainVerdict[];
  addresses: Array<{ address: string; listed: string | null }>;
  findings: Finding[];
}
