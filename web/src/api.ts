/**
 * The typed client of the Argus JSON API (/api/v1, same origin). Every call goes through `request`,
 * which attaches the API key when one is stored, turns the API's `{error:{code,message}}` bodies into
 * `ApiError`s, and asks the user for a key when the server answers 401/403.
 */
import { createStore } from './store';
import type {
  AlertCounts,
  AlertFilterQuery,
  AlertIncident,
  AlertListQuery,
  AlertPage,
  AlertSummary,
  AlertSummaryQuery,
  AuditCreated,
  AuditList,
  AuditRecord,
  AuditRequest,
  DemoAttacks,
  DomainVerdict,
  ErrorBody,
  IncidentDetail,
  IncidentListQuery,
  IncidentPage,
  PoolReserves,
  PostCheckRequest,
  PostVerdict,
  ReservesQuery,
  ServerInfo,
  SourceFile,
  StoredAlert,
  TokenCheckRequest,
  TokenReport,
  TriageBulkRequest,
  TriageBulkResult,
  TriageKind,
  TriageRecord,
  TriageRequest,
  UrlCheckQuery,
  WebhookCreated,
  WebhookCreateRequest,
  WebhookList,
  WebhookTestResult,
  ValueAtRisk,
} from '@argus/api';

const BASE = '/api/v1';
const KEY_STORAGE = 'argus.apiKey';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** True for answers that mean "this server does not have that" rather than "something broke". */
export function isUnavailable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 503);
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}

// The key lives in sessionStorage: it survives reloads of the tab but not the browser session, and it
// is never put in a URL the server would log.
export function getApiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function setApiKey(key: string): void {
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // Storage disabled (private mode): the key then lasts until the page is reloaded.
  }
  memoryKey = key;
  keyCookie(key);
  keyVersion.set((v) => v + 1);
}

/**
 * The key also goes in a session cookie scoped to the API, for the one request that cannot carry a header:
 * the live stream's EventSource, on a server that needs a key for reads. SameSite=Strict, and the server
 * takes the cookie for GET requests only, so it can never make a write.
 */
export function keyCookie(key: string | null): void {
  try {
    document.cookie = `argus_key=${encodeURIComponent(key ?? '')}; path=${BASE}; SameSite=Strict${key ? '' : '; Max-Age=0'}`;
  } catch {
    // No cookies (a sandboxed frame): the stream then needs a server without the read-key mode.
  }
}

/** Bumped whenever a key is saved, so views that needed one can load again. */
export const keyVersion = createStore(0);

let memoryKey: string | null = null;

/** Open while the dashboard waits for the user to give a key (the dialog reads this). */
export const keyPrompt = createStore<{ open: boolean; reason: string }>({ open: false, reason: '' });

/** Errors shown in the non-blocking banner, newest last. */
export const errorBanner = createStore<Array<{ id: number; message: string }>>([]);
let nextErrorId = 1;

export function reportError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const id = nextErrorId++;
  // Keep the last three; a flood of identical failures would otherwise bury the page.
  errorBanner.set((list) => [...list.filter((e) => e.message !== message), { id, message }].slice(-3));
}

export function dismissError(id: number): void {
  errorBanner.set((list) => list.filter((e) => e.id !== id));
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** False for background loads: a refused key is then explained in place instead of a dialog. */
  promptForKey?: boolean;
}

/**
 * False once a request could not reach the server at all (refused, reset, DNS): the shell then shows a
 * banner across the page until a request gets through again. A 5xx is an answer, not an outage.
 */
export const serverReachable = createStore(true);

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = getApiKey() ?? memoryKey;
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (!options.signal?.aborted) serverReachable.set(false);
    throw error instanceof Error && !options.signal?.aborted ? new ApiError(0, 'UNREACHABLE', `the Argus server did not answer (${error.message})`) : error;
  }
  serverReachable.set(true);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page, say: reported below with the status line.
  }
  if (!response.ok) {
    // An Argus error is an ErrorBody; a proxy's JSON may be anything, so each field is checked for.
    const body = (json as { error?: Partial<ErrorBody['error']> } | null)?.error;
    const error = new ApiError(response.status, body?.code ?? `HTTP_${response.status}`, body?.message ?? `${response.status} ${response.statusText}`, body?.details);
    if ((response.status === 401 || response.status === 403) && options.promptForKey !== false) {
      keyPrompt.set({ open: true, reason: error.message });
    }
    throw error;
  }
  return json as T;
}

/** The query parameters of a route (its wire type `Q`, all strings) as the dashboard passes them. */
type Params<Q> = { [K in keyof Q]?: Q[K] extends 'true' | 'false' | undefined ? boolean : string | number };

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

export const api = {
  info: () => request<ServerInfo>('/info'),
  proposal: <T,>(governor: string, id: string) => request<T>(`/proposals/${enc(governor)}/${enc(id)}`),
  health: () => request<{ ok: boolean }>('/healthz', { promptForKey: false }),
  alerts: (params: Params<AlertListQuery> = {}) => request<AlertPage>(`/alerts${query(params)}`),
  alertCounts: (params: Params<AlertFilterQuery> = {}) => request<AlertCounts>(`/alerts/counts${query(params)}`),
  triage: (kind: TriageKind, id: string) => request<TriageRecord>(`/${kind === 'alert' ? 'alerts' : 'incidents'}/${enc(id)}/triage`),
  setTriage: (kind: TriageKind, id: string, change: TriageRequest) => request<TriageRecord>(`/${kind === 'alert' ? 'alerts' : 'incidents'}/${enc(id)}/triage`, { method: 'POST', body: change }),
  bulkTriage: (body: TriageBulkRequest) => request<TriageBulkResult>('/triage', { method: 'POST', body }),
  webhooks: () => request<WebhookList>('/webhooks'),
  createWebhook: (body: WebhookCreateRequest) => request<WebhookCreated>('/webhooks', { method: 'POST', body }),
  deleteWebhook: (id: string) => request<null>(`/webhooks/${enc(id)}`, { method: 'DELETE' }),
  valueAtRisk: () => request<ValueAtRisk>('/incidents/value-at-risk'),
  testWebhook: (id: string) => request<WebhookTestResult>(`/webhooks/${enc(id)}/test`, { method: 'POST' }),
  alert: (id: string) => request<StoredAlert>(`/alerts/${enc(id)}`),
  alertIncident: (id: string) => request<AlertIncident>(`/alerts/${enc(id)}/incident`),
  summary: (buckets = 40, range?: AlertSummaryQuery['range'], chainId?: string) =>
    request<AlertSummary>(`/alerts/summary${query({ buckets, ...(range && range !== 'all' ? { range } : {}), ...(chainId ? { chainId } : {}) } satisfies Params<AlertSummaryQuery>)}`),
  incidents: (params: Params<IncidentListQuery> = {}) => request<IncidentPage>(`/incidents${query(params)}`),
  incident: (id: string) => request<IncidentDetail>(`/incidents/${enc(id)}`),
  reserves: (pool: string, from: number, to: number) => request<PoolReserves>(`/pools/${enc(pool)}/reserves${query({ from, to } satisfies Params<ReservesQuery>)}`),
  audit: (files: SourceFile[]) => request<AuditCreated>('/audits', { method: 'POST', body: { files } satisfies AuditRequest }),
  audits: () => request<AuditList>('/audits', { promptForKey: false }),
  auditById: (id: string) => request<AuditRecord>(`/audits/${enc(id)}`),
  checkToken: (input: ({ address: string } | { source: string }) & TokenCheckRequest, signal?: AbortSignal) =>
    request<TokenReport>('/tokens/check', { method: 'POST', body: input, ...(signal ? { signal } : {}) }),
  checkUrl: (u: string) => request<DomainVerdict>(`/urls/check${query({ u } satisfies Params<UrlCheckQuery>)}`),
  demoAttacks: () => request<DemoAttacks>('/demo/attacks', { promptForKey: false }),
  checkPost: (text: string) => request<PostVerdict>('/posts/check', { method: 'POST', body: { text } satisfies PostCheckRequest }),
};

export const STREAM_URL = `${BASE}/alerts/stream`;
