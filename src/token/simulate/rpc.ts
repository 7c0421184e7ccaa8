/**
 * A small JSON-RPC client for the token checks: one POST per call (or one batch), a timeout, and errors
 * that say which endpoint and method failed. Two kinds of failure are kept apart on purpose:
 * - the endpoint is dead, slow or answers garbage: `ArgusError` with code RPC, never a verdict;
 * - the node answered with a JSON-RPC error (a revert, a bad parameter): `RpcAnswerError`, which carries
 *   the node's code, message and data, because a revert is itself evidence (a sell that reverts).
 */
import { decodeFunctionResult, encodeFunctionData, type Abi, type Address, type Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';

export interface RpcOptions {
  timeoutMs?: number;
}

export type BlockTag = number | 'latest' | 'pending';

/** The node answered, with an error object (e.g. a reverted eth_call or eth_sendTransaction). */
export class RpcAnswerError extends ArgusError {
  constructor(
    readonly method: string,
    readonly rpcCode: number,
    readonly rpcMessage: string,
    readonly data: unknown,
  ) {
    super(ERROR_CODES.RPC, `${method}: ${rpcMessage}`, { method, rpcCode, data });
    this.name = 'RpcAnswerError';
  }
}

/** Scheme, host and port only: RPC URLs often carry an API key in the path or query. */
export function redactUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<invalid url>';
  }
}

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
    throw new ArgusError(ERROR_CODES.RPC, `${what} to ${redactUrl(url)} failed: ${why}`, { url: redactUrl(url) }, { cause: error });
  }
  const text = await res.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    throw new ArgusError(ERROR_CODES.RPC, `${what} to ${redactUrl(url)}: HTTP ${res.status}, not JSON-RPC (${text.slice(0, 120)})`, { url: redactUrl(url), status: res.status });
  }
}

function unwrap<T>(url: string, method: string, body: unknown): T {
  const r = body as RpcResponse;
  if (r && typeof r === 'object' && r.error) throw new RpcAnswerError(method, r.error.code, r.error.message, r.error.data);
  if (!r || typeof r !== 'object' || !('result' in r)) throw new ArgusError(ERROR_CODES.RPC, `${method} to ${redactUrl(url)}: an answer without result or error`, { url: redactUrl(url), method });
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

/** Most specific first: Hardhat wraps its reason string in "VM Exception while processing transaction". */
const REASONS = [/reverted with reason string '(.*)'/, /reverted with (?:custom error|panic code) (.*)/, /execution reverted:?\s*(.*)/, /VM Exception while processing transaction: (.*)/];

/** The node's reason for a revert, as short as it can be said. */
export function revertReason(error: unknown): string {
  const message = error instanceof RpcAnswerError ? error.rpcMessage : error instanceof Error ? error.message : String(error);
  for (const re of REASONS) {
    const reason = re.exec(message)?.[1]?.trim();
    if (reason) return reason;
  }
  return message.split('\n')[0] || 'reverted';
}
