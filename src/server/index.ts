/**
 * `argus serve`: the HTTP API over Argus's capabilities (Fastify), and the dashboard. `createServer` builds
 * the app without listening, so tests drive it through `app.inject`; the CLI (`src/cli/serve-command.ts`)
 * listens. Each capability's routes are a module of ./routes.
 *
 * Every route lives under /api/v1 and declares JSON schemas for its body, query and params: Fastify
 * validates requests with them (no type coercion in bodies: `"text": 1` is a 400, not "1"; unknown fields
 * are refused), and `/api/v1/openapi.json` is generated from the same schemas. Errors have one shape,
 * `{ error: { code, message, details? } }`. Routes that write or cost work (every POST) need an API key
 * (`Authorization: Bearer <key>` or `X-API-Key`): 401 without one, 403 with a wrong one. Bodies are
 * capped (`bodyLimit`, 413 beyond) and requests are rate limited per API key, or per IP without one (429).
 *
 * Nothing here fetches a URL given in a request: URL and post checks are offline; token checks and pool
 * reserves only call the RPC endpoint of the server's own configuration (`rpcUrl`), and webhook
 * subscriptions are delivered by the monitor under its destination policy.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { hostChecker, LOOPBACK_HOSTS } from '../core/http-hosts.js';
import { openStore } from '../store/open.js';
import type { AlertQueries, Store, StoredAlert } from '../store/store.js';
import { API_PREFIX, type RouteContext } from './context.js';
import { registerDashboard } from './dashboard.js';
import { HttpError, keyChecker, presentedKey, presentedReadKey, sha256, type ErrorBody } from './http.js';
import { Metrics } from './metrics.js';
import type { CollectedRoute, RouteSchema } from './openapi.js';
import type { ServerOptions } from './options.js';
import { alertRoutes } from './routes/alerts.js';
import { auditRoutes } from './routes/audits.js';
import { demoRoutes } from './routes/demo.js';
import { fraudRoutes } from './routes/fraud.js';
import { metaRoutes } from './routes/meta.js';
import { poolRoutes } from './routes/pools.js';
import { tokenRoutes } from './routes/tokens.js';
import { proposalRoutes } from './routes/proposals.js';
import { webhookRoutes } from './routes/webhooks.js';
import { triageRoutes } from './routes/triage.js';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

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

export { API_PREFIX } from './context.js';
export type { ServerOptions } from './options.js';
export { MAX_AUDIT_FILES, KEPT_AUDITS } from './routes/audits.js';
export { MAX_URL_BATCH } from './routes/fraud.js';
export { MAX_ALERT_PAGE } from './routes/alerts.js';
export const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;

/** The first `__proto__` or `constructor.prototype` key in a parsed JSON value, or null. */
function poisonedKey(value: unknown, depth = 0): string | null {
  if (value === null || typeof value !== 'object' || depth > 100) return null;
  const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (!Array.isArray(value)) {
    if (own(value, '__proto__')) return '__proto__';
    const c = (value as { constructor?: unknown }).constructor;
    if (own(value, 'constructor') && c !== null && typeof c === 'object' && own(c, 'prototype')) return 'constructor.prototype';
  }
  for (const v of Object.values(value)) {
    const key = poisonedKey(v, depth + 1);
    if (key) return key;
  }
  return null;
}

/** Node's `clientError`: answer in the API's error shape, then close the connection (as Node does). */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'the request headers are larger than the server accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'the request did not arrive in time']
        : [400, 'the request is not valid HTTP'];
  const body = JSON.stringify({ error: { code: ERROR_CODES.USAGE, message } } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** The names a loopback server answers to by default. */
export { LOOPBACK_HOSTS, hostnameOf } from '../core/http-hosts.js';

export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const keys = options.apiKeys.filter((k) => k.length > 0);
  if (keys.length === 0) throw new ArgusError(ERROR_CODES.CONFIG, 'argus serve needs at least one API key');
  const validKey = keyChecker(keys);
  const clientOf = (request: FastifyRequest) => {
    const key = presentedReadKey(request);
    return key !== undefined && validKey(key) ? { id: `key:${sha256(key).toString('hex').slice(0, 16)}`, keyed: true } : { id: `ip:${request.ip}`, keyed: false };
  };
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    // Strict validation: no coercion (a number is not a string), unknown fields are an error, not dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    // SSE clients are ended in preClose; anything else idle is closed at once.
    forceCloseConnections: 'idle',
    // Requests Node's HTTP parser refuses before any route sees them (headers too large, a timeout,
    // garbage) get the same error shape as everything else.
    clientErrorHandler: answerClientError,
  });
  // JSON only: a text/plain body would otherwise reach validation as a string. Our own JSON parser says
  // what is wrong (Fastify's says "not valid JSON" for a `__proto__` key as for a syntax error).
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(new HttpError(400, ERROR_CODES.USAGE, 'the body is empty: send a JSON document'), undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return done(new HttpError(400, ERROR_CODES.USAGE, `the body is not valid JSON: ${(error as Error).message}`), undefined);
    }
    const key = /__proto__|"constructor"/.test(text) ? poisonedKey(value) : null;
    if (key) return done(new HttpError(400, ERROR_CODES.USAGE, `the JSON body has a ${key} key, which is refused (it could rewrite object prototypes)`), undefined);
    done(null, value);
  });

  // DNS rebinding: a page on evil.example that re-points its name at 127.0.0.1 reaches this server with
  // `Host: evil.example`. Only the names the server is bound to are answered (first hook: before anything).
  const allowedHosts = options.allowedHosts === false ? null : hostChecker(options.allowedHosts ?? LOOPBACK_HOSTS);
  if (allowedHosts) {
    app.addHook('onRequest', async (request) => {
      const host = request.headers.host;
      if (!allowedHosts.allows(host)) {
        throw new HttpError(421, ERROR_CODES.FORBIDDEN, `this server does not answer to the host ${JSON.stringify(host ?? '')}; it answers to ${allowedHosts.names.join(', ')} (argus serve --allowed-host adds a name)`);
      }
    });
  }
  // Every answer says what it is: a JSON error or page is never sniffed into something a browser runs.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  const metrics = new Metrics();
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith(API_PREFIX)) return; // the dashboard's files are not part of the API document
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      routes.push({ method, url: r.url, schema: r.schema as RouteSchema | undefined, auth: r.config?.auth === true || (options.requireKeyForReads === true && r.url !== `${API_PREFIX}/healthz`), ...(r.config?.produces ? { produces: r.config.produces } : {}) });
    }
  });

  // Errors: one shape for validation, auth, size, rate and library errors.
  app.setErrorHandler((error: unknown, request, reply) => {
    const send = (status: number, code: string, message: string, details?: Record<string, unknown>) => {
      const body: ErrorBody = { error: { code, message, ...(details && Object.keys(details).length > 0 ? { details } : {}) } };
      return reply.status(status).send(body);
    };
    const e = error as { validation?: unknown; statusCode?: number; message?: string };
    if (error instanceof HttpError) return send(error.statusCode, error.code, error.message, error.details);
    if (e.validation) return send(400, ERROR_CODES.USAGE, e.message ?? 'invalid request', { validation: e.validation });
    if (error instanceof ArgusError) {
      const status = error.code === ERROR_CODES.USAGE || error.code === ERROR_CODES.PARSE || error.code === ERROR_CODES.UNSAFE_URL ? 400 : error.code === ERROR_CODES.STORE ? 503 : error.code === ERROR_CODES.RPC ? 502 : 500;
      return send(status, error.code, error.message, error.details);
    }
    const status = e.statusCode ?? 500;
    if (status === 413) return send(413, ERROR_CODES.TOO_LARGE, `the body is larger than ${bodyLimit} bytes`);
    if (status === 429) return send(429, ERROR_CODES.RATE_LIMITED, e.message ?? 'rate limit exceeded');
    if (status === 415) return send(415, ERROR_CODES.USAGE, e.message ?? 'unsupported media type; send application/json');
    if (status === 403) return send(403, ERROR_CODES.FORBIDDEN, e.message ?? 'forbidden');
    if (status >= 400 && status < 500) return send(status, ERROR_CODES.USAGE, e.message ?? 'bad request');
    request.log.error(error);
    return send(500, ERROR_CODES.INTERNAL, 'internal error');
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: ERROR_CODES.NOT_FOUND, message: `no route ${request.method} ${request.url.split('?')[0]}` } };
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
      keyGenerator: (request) => clientOf(request).id,
      // context.after is the time left until the window resets ("56 seconds"), not the window itself.
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, ERROR_CODES.RATE_LIMITED, `rate limit exceeded: ${context.max} requests per ${Math.round(limit.timeWindowMs / 1000)} s; retry in ${context.after}`, { retryAfter: context.after }),
    });
  }

  // API keys, before the body is read and after the rate limit (so that guessing keys is rate limited too):
  // appended to each route's own onRequest hooks, after the one the rate-limit plugin added.
  const requireKey = async (request: FastifyRequest) => {
    const key = presentedKey(request);
    if (key === undefined) throw new HttpError(401, ERROR_CODES.UNAUTHORIZED, 'this route needs an API key: Authorization: Bearer <key> or X-API-Key');
    if (!validKey(key)) throw new HttpError(403, ERROR_CODES.FORBIDDEN, 'the API key is not valid');
  };
  // With requireKeyForReads, every API read too (but the health probe), with the key also taken from the
  // cookie or the query for GETs (EventSource cannot send a header).
  const requireReadKey = async (request: FastifyRequest) => {
    const key = presentedReadKey(request);
    if (key === undefined) throw new HttpError(401, ERROR_CODES.UNAUTHORIZED, 'this server needs an API key for reads too: Authorization: Bearer <key>, X-API-Key, or (GET only) the argus_key cookie or ?key=');
    if (!validKey(key)) throw new HttpError(403, ERROR_CODES.FORBIDDEN, 'the API key is not valid');
  };
  const openReads = new Set([`${API_PREFIX}/healthz`]);
  app.addHook('onRoute', (r) => {
    const hook = r.config?.auth === true ? requireKey : options.requireKeyForReads && r.url.startsWith(API_PREFIX) && !openReads.has(r.url) ? requireReadKey : undefined;
    if (!hook) return;
    r.onRequest = r.onRequest === undefined ? [hook] : [...(Array.isArray(r.onRequest) ? r.onRequest : [r.onRequest]), hook];
  });

  // The store: alerts written by `argus watch` (maybe another process), read here; webhook subscriptions
  // written here, read by the watcher.
  // A SQLite file (created with its schema if new) or a postgres:// URL, read from any machine.
  const store: Store | undefined = options.storeFile ? await openStore(options.storeFile) : undefined;
  const ctx: RouteContext = {
    app,
    options,
    metrics,
    prefix: API_PREFIX,
    authed: { auth: true },
    needStore: () => {
      if (!store) throw new HttpError(503, ERROR_CODES.UNAVAILABLE, 'no alert store configured (argus serve --store <file>)');
      return store;
    },
    clientOf,
    servedAlerts: (alerts: readonly StoredAlert[] | number) => metrics.inc('argus_alerts_served_total', 'Alerts returned by the alert routes and the live stream.', typeof alerts === 'number' ? alerts : alerts.length),
  };
  const tail = await tailStore(app, options, store);
  app.addHook('onClose', async () => {
    if (tail) clearInterval(tail);
    await store?.close();
  });

  metaRoutes(ctx, routes);
  auditRoutes(ctx);
  fraudRoutes(ctx);
  tokenRoutes(ctx);
  proposalRoutes(ctx);
  alertRoutes(ctx);
  poolRoutes(ctx);
  webhookRoutes(ctx);
  triageRoutes(ctx);
  demoRoutes(ctx);
  if (options.dashboardDir) await registerDashboard(app, options.dashboardDir);
  return app;
}

/**
 * With a live stream and `tailStoreMs`: polls the store for alerts another process wrote and publishes
 * them, so the stream also carries what an `argus watch` elsewhere raises.
 */
async function tailStore(app: FastifyInstance, options: ServerOptions, store: AlertQueries | undefined): Promise<NodeJS.Timeout | undefined> {
  if (!options.live || !store || !options.tailStoreMs) return undefined;
  const live = options.live;
  // Where tailing starts: the newest alert when the server starts.
  let last = await store.latestAlertSeq();
  let busy = false;
  const tick = async () => {
    for (const row of await store.alertsAfter(last)) {
      last = row.seq;
      void live.send(row.alert);
    }
  };
  const timer = setInterval(() => {
    if (busy) return; // one read at a time: a slow store skips a tick rather than reading the same rows twice
    busy = true;
    tick()
      .catch((error: unknown) => app.log.warn({ err: error }, 'tailing the alert store failed'))
      .finally(() => {
        busy = false;
      });
  }, options.tailStoreMs);
  timer.unref();
  return timer;
}
