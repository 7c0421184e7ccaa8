/**
 * The JSON-RPC firewall: an HTTP endpoint on 127.0.0.1 that a wallet, a dapp or a script uses instead of its
 * node. Every request the guard does not decide on (reads, chain id, gas estimates…) is forwarded to the
 * upstream untouched and its answer returned as is. State-changing requests (GUARDED_METHODS) are decided
 * first: allowed and warned ones are forwarded, blocked ones answered with the JSON-RPC error
 * GUARD_BLOCK_CODE (-32003, EIP-1474's "transaction rejected"), whose `data` holds the verdict, the reasons
 * and the simulated asset changes. Batches are handled item by item.
 *
 * Who may use it: any web page can make a browser POST to 127.0.0.1, and a page that reaches the guard
 * could have it forward sends and signatures to an upstream whose node holds unlocked keys, or read the
 * user's chain through it. So requests must name a `Host` the guard answers to (the loopback names and
 * `allowedHosts`: a DNS-rebinding page names its own domain, 421) and a browser's `Origin` must be the
 * guard's own or one listed in `allowedOrigins` (`argus guard --allow-origin`, 403). Requests without an
 * Origin (scripts, wallets' backends, extensions' background workers) are served.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArgusError, ERROR_CODES, toArgusError } from '../core/errors.js';
import { hostChecker, LOOPBACK_HOSTS, normalOrigin, originAllowed } from '../core/http-hosts.js';
import { GUARDED_METHODS, type Guard } from './guard.js';
import { GUARD_BLOCK_CODE, type Decision } from './types.js';

const MAX_BODY = 4 * 1024 * 1024;

interface RpcRequest {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

export interface GuardServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface GuardServerOptions {
  port?: number;
  /** Called with each decision (for the CLI's log). */
  onDecision?: (decision: Decision) => void;
  /** Host names answered besides the loopback names (any port). */
  allowedHosts?: readonly string[];
  /** Browser origins (scheme://host:port) whose pages may call the guard; default none but its own. */
  allowedOrigins?: readonly string[];
}

function json(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
}

async function forward(upstreamUrl: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(upstreamUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, text: await res.text() };
}

/** The error a blocked request gets: a message in words, and the whole decision as data. */
export function blockedError(decision: Decision): { code: number; message: string; data: unknown } {
  return {
    code: GUARD_BLOCK_CODE,
    message: `argus guard blocked ${decision.method}: ${decision.reasons.filter((r) => r.verdict === 'block' || decision.verdict === 'block').map((r) => r.message).join('; ') || 'a warning, and the policy blocks warnings'}`,
    data: { verdict: decision.verdict, reasons: decision.reasons, changes: decision.changes, permissions: decision.permissions, order: decision.order, simulated: decision.simulated },
  };
}

async function handleOne(guard: Guard, req: RpcRequest, options: GuardServerOptions): Promise<unknown> {
  const id = req.id ?? null;
  if (typeof req.method !== 'string') return { jsonrpc: '2.0', id, error: { code: -32600, message: 'invalid request: no method' } };
  if (!GUARDED_METHODS.has(req.method)) {
    const { text } = await forward(guard.upstreamUrl, json({ jsonrpc: '2.0', id, method: req.method, params: req.params ?? [] }));
    return JSON.parse(text) as unknown;
  }
  const params = Array.isArray(req.params) ? req.params : [];
  let decision: Decision;
  try {
    decision = await guard.decide(req.method, params);
  } catch (error) {
    const e = toArgusError(error);
    return { jsonrpc: '2.0', id, error: { code: -32602, message: `argus guard: ${e.message}`, data: { code: e.code } } };
  }
  await guard.record(decision, json({ id, method: req.method, params, at: Date.now() }));
  options.onDecision?.(decision);
  if (decision.verdict === 'block' || (decision.verdict === 'warn' && guard.policy.onWarning === 'block')) return { jsonrpc: '2.0', id, error: blockedError(decision) };
  const { text } = await forward(guard.upstreamUrl, json({ jsonrpc: '2.0', id, method: req.method, params }));
  const answer = JSON.parse(text) as { result?: unknown };
  // A send that went through moves the upstream on: the fork catches up now rather than at the next request.
  if (answer.result !== undefined && req.method.startsWith('eth_send')) guard.nudge();
  // A payment that went through counts as paid before the block is read (address poisoning looks at it).
  if (decision.from && answer.result !== undefined) {
    for (const c of decision.changes) if (BigInt(c.amount) < 0n) for (const to of c.counterparties) guard.reputation.addPaid(decision.from, to);
  }
  return answer;
}

export function startGuardServer(guard: Guard, options: GuardServerOptions = {}): Promise<GuardServer> {
  const hosts = hostChecker([...LOOPBACK_HOSTS, ...(options.allowedHosts ?? [])]);
  const origins = (options.allowedOrigins ?? []).map(normalOrigin);
  const server = http.createServer((req, res) => {
    const origin = req.headers.origin;
    const allowedOrigin = originAllowed(origin, req.headers.host, origins);
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      const cors: Record<string, string> = origin !== undefined && allowedOrigin ? { 'access-control-allow-origin': origin, 'access-control-allow-headers': 'content-type', 'access-control-allow-methods': 'POST', vary: 'origin' } : { vary: 'origin' };
      res.writeHead(status, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', ...cors, ...extra });
      res.end(typeof body === 'string' ? body : json(body));
    };
    // Before anything is read or forwarded: the Host (DNS rebinding), then the page's Origin.
    if (!hosts.allows(req.headers.host)) {
      req.resume();
      return send(421, { jsonrpc: '2.0', id: null, error: { code: -32600, message: `argus guard does not answer to the host ${JSON.stringify(req.headers.host ?? '')}; it answers to ${hosts.names.join(', ')} (argus guard --allowed-host adds a name)` } });
    }
    if (!allowedOrigin) {
      req.resume();
      return send(403, { jsonrpc: '2.0', id: null, error: { code: -32600, message: `argus guard does not serve pages from ${origin}; start it with --allow-origin ${origin} to let that site use it` } });
    }
    if (req.method === 'OPTIONS') return send(204, '');
    if (req.method !== 'POST') return send(405, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'POST JSON-RPC here' } });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error: the body is not JSON' } });
      }
      const work = Array.isArray(body) ? Promise.all(body.map((r) => handleOne(guard, r as RpcRequest, options))) : handleOne(guard, body as RpcRequest, options);
      work.then(
        (answer) => send(200, answer),
        (error: unknown) => send(200, { jsonrpc: '2.0', id: (body as RpcRequest)?.id ?? null, error: { code: -32603, message: `argus guard: the upstream failed: ${toArgusError(error).message}` } }),
      );
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new ArgusError(ERROR_CODES.USAGE, `cannot listen on 127.0.0.1:${options.port ?? 8546}: ${error.code ?? error.message}`)));
    server.listen(options.port ?? 8546, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () => new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
