/**
 * A small JSON-RPC client for one-off reads and node control (token checks, the fork): one POST per
 * call (or one batch), a timeout, and the typed errors of errors.ts, which say which endpoint and method
 * failed: `RpcOutageError` for a dead, slow or garbled endpoint (never a verdict), `RpcRevertError` and
 * `RpcAnswerError` for what the node answered (a revert is itself evidence: a sell that reverts), and
 * `RpcPrunedStateError` for state the node no longer holds. Long-running followers use the retrying
 * `RpcPool` (pool.ts) instead; both sort failures the same way.
 */
import { decodeFunctionResult, encodeFunctionData, type Abi, type Address, type Hex } from 'viem';
import { answerError, redactUrl, RpcAnswerError, RpcOutageError } from './errors.js';

export interface RpcOptions {
  timeoutMs?: number;
}

export type BlockTag = number | 'latest' | 'pending';

interface RpcResponse {
  id?: number;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

async function post(url: string, body: unknown, what: string, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer after ${timeoutMs} ms` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new RpcOutageError(`${what} to ${redactUrl(url)} failed: ${why}`, { url: redactUrl(url) }, { cause: error });
  }
  const text = await res.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    throw new RpcOutageError(`${what} to ${redactUrl(url)}: HTTP ${res.status}, not JSON-RPC (${text.slice(0, 120)})`, { url: redactUrl(url), status: res.status });
  }
}

function unwrap<T>(url: string, method: string, body: unknown): T {
  const r = body as RpcResponse;
  if (r && typeof r === 'object' && r.error) throw answerError(method, r.error);
  if (!r || typeof r !== 'object' || !('result' in r)) throw new RpcOutageError(`${method} to ${redactUrl(url)}: an answer without result or error`, { url: redactUrl(url), method });
  return r.result as T;
}

export async function rpc<T>(url: string, method: string, params: unknown[] = [], options: RpcOptions = {}): Promise<T> {
  const body = await post(url, { jsonrpc: '2.0', id: 1, method, params }, method, options.timeoutMs ?? 10_000);
  return unwrap<T>(url, method, body);
}

/**
 * Many calls in one JSON-RPC batch (one round trip). Each slot is the result or the error the node gave
 * for that call; a dead endpoint throws for the whole batch.
 */
export async function rpcBatch(url: string, calls: Array<{ method: string; params: unknown[] }>, options: RpcOptions = {}): Promise<Array<unknown | RpcAnswerError>> {
  if (calls.length === 0) return [];
  const body = await post(url, calls.map((c, id) => ({ jsonrpc: '2.0', id, method: c.method, params: c.params })), `batch of ${calls.length} (${calls[0]?.method})`, options.timeoutMs ?? 20_000);
  if (!Array.isArray(body)) return rpcOneByOne(url, calls, options); // some public endpoints refuse batches
  const out: Array<unknown | RpcAnswerError> = new Array(calls.length).fill(undefined);
  for (const item of body as RpcResponse[]) {
    if (typeof item?.id !== 'number' || item.id < 0 || item.id >= calls.length) continue;
    const method = (calls[item.id] as { method: string }).method;
    try {
      out[item.id] = unwrap(url, method, item);
    } catch (error) {
      out[item.id] = error;
    }
  }
  return out;
}

/** The batch as single calls, ten at a time, for endpoints without batch support. */
async function rpcOneByOne(url: string, calls: Array<{ method: string; params: unknown[] }>, options: RpcOptions): Promise<Array<unknown | RpcAnswerError>> {
  const out: Array<unknown | RpcAnswerError> = [];
  for (let i = 0; i < calls.length; i += 10) {
    const slice = calls.slice(i, i + 10).map((c) =>
      rpc(url, c.method, c.params, options).catch((error: unknown) => {
        if (error instanceof RpcAnswerError) return error;
        throw error;
      }),
    );
    out.push(...(await Promise.all(slice)));
  }
  return out;
}

export function blockParam(block: BlockTag): string {
  return typeof block === 'number' ? `0x${block.toString(16)}` : block;
}

/** eth_call of a contract function, decoded. Reverts come back as RpcAnswerError. */
export async function readContract<T>(url: string, to: Address, abi: Abi, functionName: string, args: readonly unknown[] = [], opts: { from?: Address; block?: BlockTag } & RpcOptions = {}): Promise<T> {
  const data = encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);
  const result = await rpc<Hex>(url, 'eth_call', [{ to, data, ...(opts.from ? { from: opts.from } : {}) }, blockParam(opts.block ?? 'latest')], opts);
  try {
    return decodeFunctionResult({ abi, functionName, data: result } as Parameters<typeof decodeFunctionResult>[0]) as T;
  } catch (error) {
    // Not a revert: the call returned something that is not the function's return type (no code there, or another ABI).
    throw new RpcAnswerError('eth_call', 0, `${functionName} on ${to} returned ${result.length > 66 ? `${result.slice(0, 66)}…` : result}, not a valid answer`, { cause: String(error) });
  }
}
