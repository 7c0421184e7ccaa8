/**
 * `argus serve`: the HTTP API over Argus's capabilities (Fastify). `createServer` builds the app without
 * listening, so tests drive it through `app.inject`; the CLI (`src/cli/serve-command.ts`) listens.
 *
 * Every route lives under /api/v1 and declares JSON schemas for its body, query and params: Fastify
 * validates requests with them (no type coercion in bodies: `"text": 1` is a 400, not "1"; unknown fields
 * are refused), and `/api/v1/openapi.json` is generated from the same schemas. Errors have one shape,
 * `{ error: { code, message, details? } }`. Routes that write or cost work (every POST) need an API key
 * (`Authorization: Bearer <key>` or `X-API-Key`): 401 without one, 403 with a wrong one. Bodies are
 * capped (`bodyLimit`, 413 beyond) and requests are rate limited per API key, or per IP without one (429).
 *
 * Nothing here fetches a URL given in a request: URL and post checks are offline, and token checks by
 * address only call the RPC endpoint of the server's own configuration (`rpcUrl`); a request cannot name one.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { analyzeUnits } from '../audit/analyze.js';
import type { FileReport } from '../audit/audit-file.js';
import { toJsonReport } from '../audit/report/json.js';
import { summarize } from '../audit/report/summary.js';
import { parseUnit } from '../audit/sources.js';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { SEVERITIES } from '../core/finding.js';
import { VERSION } from '../core/version.js';
import { DomainChecker } from '../fraud/domains/index.js';
import { IntelStore } from '../fraud/intel/store.js';
import { checkPost, MAX_TEXT } from '../fraud/posts/analyze.js';
import type { AlertEvent } from '../monitor/sinks/alert.js';
import type { LiveSink, LiveSubscription } from '../monitor/sinks/live.js';
import { SqliteAlertStore } from '../store/alerts.js';
import { checkToken } from '../token/check.js';
import { AlertReader } from './alert-query.js';
import { Metrics } from './metrics.js';
import { openApiDocument, type CollectedRoute, type RouteSchema } from './openapi.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route needs an API key. */
    auth?: boolean;
    /** The 200's content type when it is not JSON (for the OpenAPI document). */
    produces?: string;
  }
  interface FastifySchema {
    /** For the OpenAPI document. */
    summary?: string;
    description?: string;
    tags?: string[];
  }
}

/** API error codes beyond the library's ERROR_CODES (HTTP-only conditions). */
export const API_ERROR_CODES = {
  UNAUTHORIZED: 'ARGUS_UNAUTHORIZED',
  FORBIDDEN: 'ARGUS_FORBIDDEN',
  NOT_FOUND: 'ARGUS_NOT_FOUND',
  TOO_LARGE: 'ARGUS_TOO_LARGE',
  RATE_LIMITED: 'ARGUS_RATE_LIMITED',
  UNAVAILABLE: 'ARGUS_UNAVAILABLE',
} as const;

export const API_PREFIX = '/api/v1';
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;
export const MAX_URL_BATCH = 10_000;
export const MAX_AUDIT_FILES = 100;
export const MAX_ALERT_PAGE = 500;
/** Audit reports kept for GET /audits/:id (oldest forgotten first). */
export const KEPT_AUDITS = 200;

export interface ServerOptions {
  /** Keys accepted for routes that write or cost work; at least one. */
  apiKeys: string[];
  /** The SQLite file of `argus watch` (alerts); without it the alert routes answer 503. */
  storeFile?: string;
  /** The live alert stream to serve at /alerts/stream; without it that route answers 503. */
  live?: LiveSink;
  /**
   * Poll the store every this many ms and publish new alerts to `live`, so that an `argus watch` in
   * another process writing the same file feeds the stream (off when unset). Retractions are not tailed.
   */
  tailStoreMs?: number;
  /** The only RPC endpoint the server calls, for token checks by address (never a URL from a request). */
  rpcUrl?: string;
  /** Token checks by address (RPC calls and a forked trade simulation) running at once (default 2); more get 503. */
  maxTokenChecks?: number;
  /** Largest request body in bytes (default 2 MiB). */
  bodyLimit?: number;
  /** Requests per window per API key (or IP); `false` turns rate limiting off. Default 600 a minute. */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  /** Concurrent live-stream clients (default 100). */
  maxStreams?: number;
  /** Fastify's logger (off by default). */
  logger?: boolean;
  /** The domain checker (default: bundled lists and model); tests may pass a light one. */
  domains?: DomainChecker;
  intel?: IntelStore;
}

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const sha = (s: string) => createHash('sha256').update(s).digest();

/** The key a request presents, or undefined. */
function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const x = request.headers['x-api-key'];
  return typeof x === 'string' && x.length > 0 ? x : undefined;
}

// Schemas ---------------------------------------------------------------------------------------------

const uintString = (description: string, digits = 15) => ({ type: 'string', pattern: `^[0-9]{1,${digits}}$`, description });

const auditBody = {
  type: 'object',
  additionalProperties: false,
  required: ['files'],
  properties: {
    files: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_AUDIT_FILES,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'content'],
        properties: {
          path: { type: 'string', minLength: 1, maxLength: 300, pattern: '^[^\\u0000-\\u001f]+$', description: 'a name for the file, as shown in findings' },
          content: { type: 'string', maxLength: DEFAULT_BODY_LIMIT, description: 'Solidity source text' },
        },
      },
    },
  },
};

const postBody = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: { type: 'string', maxLength: MAX_TEXT },
    id: { type: 'string', maxLength: 200 },
    author: { type: 'string', maxLength: 200 },
    createdAt: { type: 'string', format: 'date-time' },
    urls: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 2048 } },
    history: {
      type: 'array',
      maxItems: 200,
      description: "the account's recent posts, for the hijacked-account checks",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text'],
        properties: {
          text: { type: 'string', maxLength: MAX_TEXT },
          createdAt: { type: 'string', format: 'date-time' },
          urls: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 2048 } },
        },
      },
    },
  },
};

export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const keys = options.apiKeys.filter((k) => k.length > 0);
  if (keys.length === 0) throw new ArgusError(ERROR_CODES.CONFIG, 'argus serve needs at least one API key');
  const keyDigests = keys.map(sha);
  const validKey = (key: string | undefined): boolean => {
    if (key === undefined) return false;
    const d = sha(key);
    let ok = false;
    for (const k of keyDigests) ok = timingSafeEqual(d, k) || ok; // no early exit: same time for every key
    return ok;
  };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Strict validation: no coercion (a number is not a string), unknown fields are an error, not dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    // SSE clients are ended in preClose; anything else idle is closed at once.
    forceCloseConnections: 'idle',
  });
  // JSON only: a text/plain body would otherwise reach validation as a string.
  app.removeContentTypeParser('text/plain');

  const metrics = new Metrics();
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      routes.push({ method, url: r.url, schema: r.schema as RouteSchema | undefined, auth: r.config?.auth === true, ...(r.config?.produces ? { produces: r.config.produces } : {}) });
    }
  });

  // Errors: one shape for validation, auth, size, rate and library errors.
  app.setErrorHandler((error: unknown, request, reply) => {
    const send = (status: number, code: string, message: string, details?: Record<string, unknown>) => {
      const body: ErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
      return reply.status(status).send(body);
    };
    const e = error as { validation?: unknown; validationContext?: string; statusCode?: number; code?: string; message?: string };
    if (error instanceof HttpError) return send(error.statusCode, error.code, error.message, error.details);
    if (e.validation) return send(400, ERROR_CODES.USAGE, e.message ?? 'invalid request', { validation: e.validation });
    if (error instanceof ArgusError) {
      const status = error.code === ERROR_CODES.USAGE || error.code === ERROR_CODES.PARSE ? 400 : error.code === ERROR_CODES.STORE ? 503 : error.code === ERROR_CODES.RPC ? 502 : 500;
      return send(status, error.code, error.message, error.details);
    }
    const status = e.statusCode ?? 500;
    if (status === 413) return send(413, API_ERROR_CODES.TOO_LARGE, `the body is larger than ${options.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`);
    if (status === 429) return send(429, API_ERROR_CODES.RATE_LIMITED, e.message ?? 'rate limit exceeded');
    if (status === 415) return send(415, ERROR_CODES.USAGE, e.message ?? 'unsupported media type; send application/json');
    if (status >= 400 && status < 500) return send(status, ERROR_CODES.USAGE, e.message ?? 'bad request');
    request.log.error(error);
    return send(500, ERROR_CODES.INTERNAL, 'internal error');
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: API_ERROR_CODES.NOT_FOUND, message: `no route ${request.method} ${request.url.split('?')[0]}` } };
    return reply.status(404).send(body);
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  if (options.rateLimit !== false) {
    const limit = options.rateLimit ?? { max: 600, timeWindowMs: 60_000 };
    await app.register(rateLimit, {
      global: true,
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      // Per valid key; everyone else (no key, wrong key) per IP, so rotating made-up keys does not help.
      keyGenerator: (request) => {
        const key = presentedKey(request);
        return key !== undefined && validKey(key) ? `key:${sha(key).toString('hex').slice(0, 16)}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, context) => new HttpError(429, API_ERROR_CODES.RATE_LIMITED, `rate limit exceeded: ${context.max} requests per ${context.after}; retry later`),
    });
  }

  // API keys, before the body is read and after the rate limit (so that guessing keys is rate limited too):
  // appended to each route's own onRequest hooks, after the one the rate-limit plugin added.
  const requireKey = async (request: FastifyRequest) => {
    const key = presentedKey(request);
    if (key === undefined) throw new HttpError(401, API_ERROR_CODES.UNAUTHORIZED, 'this route needs an API key: Authorization: Bearer <key> or X-API-Key');
    if (!validKey(key)) throw new HttpError(403, API_ERROR_CODES.FORBIDDEN, 'the API key is not valid');
  };
  app.addHook('onRoute', (r) => {
    if (r.config?.auth !== true) return;
    r.onRequest = r.onRequest === undefined ? [requireKey] : [...(Array.isArray(r.onRequest) ? r.onRequest : [r.onRequest]), requireKey];
  });

  // Shared state ------------------------------------------------------------------------------------------
  const domains = options.domains ?? new DomainChecker();
  const intel = options.intel ?? IntelStore.create();
  const checkUrl = (url: string) => domains.check(url);
  const audits = new Map<string, unknown>();
  let alertStore: SqliteAlertStore | undefined;
  let reader: AlertReader | undefined;
  if (options.storeFile) {
    alertStore = new SqliteAlertStore(options.storeFile); // creates the schema if the file is new
    reader = new AlertReader(options.storeFile);
  }
  const needStore = () => {
    if (!alertStore || !reader) throw new HttpError(503, API_ERROR_CODES.UNAVAILABLE, 'no alert store configured (argus serve --store <file>)');
    return { alertStore, reader };
  };
  let tail: NodeJS.Timeout | undefined;
  if (options.live && reader && options.tailStoreMs) {
    const live = options.live;
    const r = reader;
    let last = r.latestSeq();
    tail = setInterval(() => {
      try {
        for (const row of r.after(last)) {
          last = row.seq;
          void live.send(row.alert);
        }
      } catch (error) {
        app.log.warn({ err: error }, 'tailing the alert store failed');
      }
    }, options.tailStoreMs);
    tail.unref();
  }
  const streams = new Set<LiveSubscription>();
  metrics.gauge('argus_live_clients', 'Clients connected to the live alert stream.', () => streams.size);
  app.addHook('preClose', async () => {
    for (const s of [...streams]) await s.return?.();
  });
  app.addHook('onClose', async () => {
    if (tail) clearInterval(tail);
    reader?.close();
    await alertStore?.close();
  });

  const p = API_PREFIX;
  const authed = { auth: true };

  // Health, metrics, OpenAPI ------------------------------------------------------------------------------
  app.get(`${p}/healthz`, { schema: { summary: 'Liveness', tags: ['meta'], response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, version: { type: 'string' } } } } }, config: { rateLimit: false } }, async () => ({
    ok: true,
    version: VERSION,
  }));
  app.get(`${p}/metrics`, { schema: { summary: 'Prometheus metrics', tags: ['meta'] }, config: { produces: 'text/plain; version=0.0.4' } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()),
  );
  app.get(`${p}/openapi.json`, { schema: { summary: 'This document', tags: ['meta'] } }, async () => openApiDocument(routes, { version: VERSION }));

  // Audits ------------------------------------------------------------------------------------------------
  app.post<{ Body: { files: { path: string; content: string }[] } }>(
    `${p}/audits`,
    {
      schema: {
        summary: 'Audit Solidity sources (synchronous); the report is also kept for GET /audits/{id}',
        tags: ['audit'],
        body: auditBody,
        response: { 200: { type: 'object', required: ['id', 'report'], properties: { id: { type: 'string' }, report: { type: 'object', additionalProperties: true } } } },
      },
      config: authed,
    },
    async (request) => {
      const files = request.body.files;
      const paths = new Set<string>();
      for (const f of files) {
        if (paths.has(f.path)) throw new ArgusError(ERROR_CODES.USAGE, `body/files: path '${f.path}' given twice`, { path: f.path });
        paths.add(f.path);
      }
      const started = performance.now();
      const units = await Promise.all(files.map((f) => parseUnit(f.path, f.content)));
      const reports: FileReport[] = units.map((unit) => {
        const t0 = performance.now();
        // The other submitted files give inheritance context, like imports on disk.
        const { findings, diagnostics } = analyzeUnits(unit.path, [unit], units.filter((u) => u !== unit));
        for (const problem of unit.problems.slice(0, 5)) {
          diagnostics.push({ file: unit.path, severity: 'error', code: ERROR_CODES.PARSE, message: `${unit.path}:${problem.line}:${problem.column}: syntax error`, line: problem.line, column: problem.column });
        }
        return {
          file: unit.path,
          parsed: unit.problems.length === 0,
          analysed: !diagnostics.some((d) => d.code === 'ARGUS_TOO_DEEP'),
          findings,
          diagnostics,
          lines: unit.text.split('\n').length,
          contracts: 0,
          millis: performance.now() - t0,
        };
      });
      const report = JSON.parse(toJsonReport(reports, summarize(reports, Math.round(performance.now() - started)), VERSION)) as unknown;
      const id = randomUUID();
      audits.set(id, report);
      if (audits.size > KEPT_AUDITS) audits.delete(audits.keys().next().value as string);
      return { id, report };
    },
  );
  app.get<{ Params: { id: string } }>(
    `${p}/audits/:id`,
    {
      schema: {
        summary: 'A report from POST /audits (the last 200 are kept in memory)',
        tags: ['audit'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'object', required: ['id', 'report'], properties: { id: { type: 'string' }, report: { type: 'object', additionalProperties: true } } } },
      },
    },
    async (request) => {
      const report = audits.get(request.params.id);
      if (report === undefined) throw new HttpError(404, API_ERROR_CODES.NOT_FOUND, `no audit ${request.params.id} (reports are kept in memory, the last ${KEPT_AUDITS})`);
      return { id: request.params.id, report };
    },
  );

  // URLs --------------------------------------------------------------------------------------------------
  app.get<{ Querystring: { u: string } }>(
    `${p}/urls/check`,
    {
      schema: {
        summary: 'Check one URL or host for phishing (offline: the link is never fetched)',
        tags: ['fraud'],
        querystring: { type: 'object', additionalProperties: false, required: ['u'], properties: { u: { type: 'string', minLength: 1, maxLength: 2048, description: 'the URL or host' } } },
      },
    },
    async (request) => checkUrl(request.query.u),
  );
  app.post<{ Body: { inputs: string[] } }>(
    `${p}/urls/check`,
    {
      schema: {
        summary: `Check up to ${MAX_URL_BATCH} URLs or hosts`,
        tags: ['fraud'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['inputs'],
          properties: { inputs: { type: 'array', minItems: 1, maxItems: MAX_URL_BATCH, items: { type: 'string', minLength: 1, maxLength: 2048 } } },
        },
      },
      config: authed,
    },
    async (request) => ({ results: request.body.inputs.map(checkUrl) }),
  );

  // Posts -------------------------------------------------------------------------------------------------
  app.post<{ Body: { text: string; id?: string; author?: string; createdAt?: string; urls?: string[]; history?: { text: string; createdAt?: string; urls?: string[] }[] } }>(
    `${p}/posts/check`,
    { schema: { summary: 'Is this social-media post a scam or phishing lure?', tags: ['fraud'], body: postBody }, config: authed },
    async (request) => {
      const { history, ...post } = request.body;
      return checkPost(post, { checkUrl, intel, ...(history ? { history } : {}) });
    },
  );

  // Tokens ------------------------------------------------------------------------------------------------
  let tokenChecks = 0;
  app.post<{ Body: { address?: string; bytecode?: string; source?: string; contract?: string; block?: number; simulate?: boolean } }>(
    `${p}/tokens/check`,
    {
      schema: {
        summary: "Token risk report: from the chain (the server's own RPC endpoint) by address, or offline from runtime bytecode or source",
        tags: ['token'],
        body: {
          type: 'object',
          additionalProperties: false,
          anyOf: [{ required: ['address'] }, { required: ['bytecode'] }, { required: ['source'] }],
          properties: {
            address: { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$', description: 'the token on the chain the server is configured for' },
            bytecode: { type: 'string', minLength: 2, maxLength: 100_000, pattern: '^(0x)?[0-9a-fA-F]+$', description: 'runtime bytecode, hex' },
            source: { type: 'string', minLength: 1, maxLength: DEFAULT_BODY_LIMIT, description: 'verified Solidity source text (imports not given are not seen)' },
            contract: { type: 'string', minLength: 1, maxLength: 200, description: 'the token contract in source (default: the most derived one with transfer)' },
            block: { type: 'integer', minimum: 0, description: 'with address: as of this block (default the head)' },
            simulate: { type: 'boolean', description: 'with address: simulate a buy and a sell on a fork (default true)' },
          },
        },
      },
      config: authed,
    },
    async (request) => {
      const b = request.body;
      if (b.address !== undefined && !options.rpcUrl) throw new HttpError(503, API_ERROR_CODES.UNAVAILABLE, 'this server has no RPC endpoint configured (ARGUS_RPC_URL); check by bytecode or source instead');
      if (b.address === undefined && (b.block !== undefined || b.simulate !== undefined)) throw new ArgusError(ERROR_CODES.USAGE, 'body/block and body/simulate only apply with body/address');
      const onChain = b.address !== undefined;
      if (onChain && tokenChecks >= (options.maxTokenChecks ?? 2)) throw new HttpError(503, API_ERROR_CODES.UNAVAILABLE, 'too many token checks running; retry later');
      if (onChain) tokenChecks++;
      try {
        return await checkToken({
          ...(onChain ? { address: b.address, rpcUrl: options.rpcUrl } : {}),
          ...(b.bytecode !== undefined ? { bytecode: b.bytecode } : {}),
          ...(b.source !== undefined ? { sourceText: b.source } : {}),
          ...(b.contract !== undefined ? { source: { contract: b.contract } } : {}),
          ...(b.block !== undefined ? { block: b.block } : {}),
          ...(b.simulate === false ? { noSimulation: true } : {}),
        });
      } finally {
        if (onChain) tokenChecks--;
      }
    },
  );

  // Alerts ------------------------------------------------------------------------------------------------
  app.get<{ Querystring: { chainId?: string; detector?: string; severity?: string; since?: string; includeRetracted?: 'true' | 'false'; limit?: string; cursor?: string } }>(
    `${p}/alerts`,
    {
      schema: {
        summary: 'Alerts raised by the monitor, newest first, with a cursor for the next page',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            chainId: uintString('only this chain', 10),
            detector: { type: 'string', minLength: 1, maxLength: 100, description: 'only this detector, e.g. monitor/large-transfer' },
            severity: { type: 'string', enum: [...SEVERITIES], description: 'only this severity' },
            since: uintString('only alerts at this block number or later'),
            includeRetracted: { type: 'string', enum: ['true', 'false'], description: 'also alerts a reorg retracted (default false)' },
            limit: uintString(`page size, 1..${MAX_ALERT_PAGE} (default 100)`, 4),
            cursor: { type: 'string', minLength: 1, maxLength: 64, description: "the previous page's nextCursor" },
          },
        },
        response: {
          200: { type: 'object', required: ['alerts', 'nextCursor'], properties: { alerts: { type: 'array', items: { type: 'object', additionalProperties: true } }, nextCursor: { type: ['string', 'null'] } } },
        },
      },
    },
    async (request) => {
      const { reader } = needStore();
      const q = request.query;
      const limit = q.limit === undefined ? 100 : Number(q.limit);
      if (limit < 1 || limit > MAX_ALERT_PAGE) throw new ArgusError(ERROR_CODES.USAGE, `querystring/limit must be between 1 and ${MAX_ALERT_PAGE}`, { limit: q.limit });
      const page = reader.page({
        limit,
        ...(q.chainId !== undefined ? { chainId: Number(q.chainId) } : {}),
        ...(q.detector !== undefined ? { detector: q.detector } : {}),
        ...(q.severity !== undefined ? { severity: q.severity } : {}),
        ...(q.since !== undefined ? { sinceBlock: Number(q.since) } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        includeRetracted: q.includeRetracted === 'true',
      });
      metrics.inc('argus_alerts_served_total', 'Alerts returned by GET /alerts and /alerts/{id}.', page.alerts.length);
      return page;
    },
  );

  app.get(
    `${p}/alerts/stream`,
    { schema: { summary: 'Live alerts and retractions as server-sent events (event: alert | retraction)', tags: ['alerts'] }, config: { produces: 'text/event-stream' } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const live = options.live;
      if (!live) throw new HttpError(503, API_ERROR_CODES.UNAVAILABLE, 'no live alert stream in this server');
      if (streams.size >= (options.maxStreams ?? 100)) throw new HttpError(503, API_ERROR_CODES.UNAVAILABLE, 'too many live-stream clients; retry later');
      const sub = live.subscribe({ bufferSize: 1000 });
      streams.add(sub);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': argus live alert stream\n\n');
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      heartbeat.unref();
      const stop = () => {
        clearInterval(heartbeat);
        streams.delete(sub);
        void sub.return?.();
      };
      request.raw.on('close', stop);
      res.on('close', stop);
      void (async () => {
        for await (const event of sub as AsyncIterable<AlertEvent>) {
          const id = event.type === 'alert' ? event.alert.id : `${event.retraction.alertId}:retraction`;
          if (event.type === 'alert') metrics.inc('argus_alerts_served_total', 'Alerts returned by GET /alerts and /alerts/{id}.', 1);
          res.write(`event: ${event.type}\nid: ${id}\ndata: ${JSON.stringify(event)}\n\n`);
        }
        stop();
        res.end();
      })();
    },
  );

  app.get<{ Params: { id: string } }>(
    `${p}/alerts/:id`,
    {
      schema: {
        summary: 'One alert by id',
        tags: ['alerts'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9a-f]{32}$', description: '32 hex characters' } } },
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async (request) => {
      const { alertStore } = needStore();
      const alert = await alertStore.getAlert(request.params.id);
      if (!alert) throw new HttpError(404, API_ERROR_CODES.NOT_FOUND, `no alert ${request.params.id}`);
      metrics.inc('argus_alerts_served_total', 'Alerts returned by GET /alerts and /alerts/{id}.', 1);
      return alert;
    },
  );

  return app;
}
