/**
 * What can go wrong with a JSON-RPC call, kept apart because each calls for a different response:
 * - `RpcOutageError`: the endpoint is dead, slow, rate-limiting or answers garbage. Try again later;
 *   never a verdict about the chain.
 * - `RpcRevertError`: the node answered that the call reverted, with the contract's own reason where it
 *   gave one. An answer, and often evidence (a sell that reverts).
 * - `RpcPrunedStateError`: the node answered, but no longer holds the state asked for (a non-archive node
 *   asked about an old block). Retrying will not help; an archive node will.
 * - `RpcAnswerError`: any other error object the node answered with (a bad parameter, a missing method).
 * Every client of the house (the raw JSON-RPC client, the viem clients, the stream's pool) sorts its
 * failures through `classifyRpcError`, so a caller needs only `instanceof`.
 */
import { decodeErrorResult, parseAbi, type Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';

/** Scheme, host and port only: RPC URLs often carry an API key in the path or query. */
export function redactUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<invalid url>';
  }
}

export class RpcOutageError extends ArgusError {
  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(ERROR_CODES.RPC, message, details, options);
    this.name = 'RpcOutageError';
  }
}

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

/** The call reverted; `reason` is the contract's own (`Error(string)`, a panic, a custom error) where known. */
export class RpcRevertError extends RpcAnswerError {
  readonly reason: string;
  constructor(method: string, rpcCode: number, rpcMessage: string, data: unknown) {
    super(method, rpcCode, rpcMessage, data);
    this.name = 'RpcRevertError';
    this.reason = revertReasonOf(rpcMessage, data);
  }
}

export class RpcPrunedStateError extends ArgusError {
  constructor(
    readonly method: string,
    readonly rpcMessage: string,
  ) {
    super(
      ERROR_CODES.RPC_PRUNED,
      `${method}: the node no longer holds that block's state (${rpcMessage.split('\n')[0]}); use an archive node, or start closer to the chain head`,
      { method },
    );
    this.name = 'RpcPrunedStateError';
  }
}

/** How nodes say a call reverted: geth and most providers JSON-RPC error 3, Hardhat -32603 with a VM message. */
const REVERT_MESSAGE = /execution reverted|VM Exception while processing transaction|reverted with/i;
/** How geth, Erigon, Nethermind, Besu and hosted providers say a block's state is gone. */
const PRUNED_MESSAGE = /missing trie node|state (is )?not available|historical state .*(not available|unavailable)|state histories haven't been fully indexed|pruned|required state (is )?missing|no state available/i;

export function isRevertAnswer(code: number, message: string): boolean {
  return code === 3 || REVERT_MESSAGE.test(message);
}

export function isPrunedAnswer(message: string): boolean {
  return PRUNED_MESSAGE.test(message);
}

/** The typed error for an error object a node answered with. */
export function answerError(method: string, error: { code: number; message: string; data?: unknown }): RpcAnswerError | RpcPrunedStateError {
  // A revert first: its reason is the contract's own text, which may say anything (even "pruned").
  if (isRevertAnswer(error.code, error.message)) return new RpcRevertError(method, error.code, error.message, error.data);
  if (isPrunedAnswer(error.message)) return new RpcPrunedStateError(method, error.message);
  return new RpcAnswerError(method, error.code, error.message, error.data);
}

const STANDARD_ERRORS = parseAbi(['error Error(string reason)', 'error Panic(uint256 code)']);
const PANICS: Record<number, string> = {
  0x01: 'assertion failed',
  0x11: 'arithmetic overflow or underflow',
  0x12: 'division by zero',
  0x21: 'invalid enum value',
  0x22: 'bad storage byte array',
  0x31: 'pop on an empty array',
  0x32: 'array index out of bounds',
  0x41: 'out of memory',
  0x51: 'call to an uninitialised function',
};

/** Revert data hidden somewhere in what a node sent: a hex string, or `{ data: hex }` (Hardhat nests it). */
function revertData(data: unknown, depth = 0): Hex | undefined {
  if (typeof data === 'string' && /^0x[0-9a-fA-F]*$/.test(data) && data.length >= 10) return data as Hex;
  if (data && typeof data === 'object' && depth < 3) return revertData((data as { data?: unknown }).data, depth + 1);
  return undefined;
}

/** Most specific first: Hardhat wraps its reason string in "VM Exception while processing transaction". */
const REASONS = [/reverted with reason string '(.*)'/, /reverted with (?:custom error|panic code) (.*)/, /execution reverted:?\s*(.*)/, /VM Exception while processing transaction: (.*)/];

function revertReasonOf(message: string, data: unknown): string {
  // The node's own words first (Hardhat names the reason, the custom error or the panic) …
  for (const re of REASONS) {
    const reason = re.exec(message)?.[1]?.trim();
    if (reason) return reason;
  }
  // … else the revert data: viem reports Hardhat's reverts as "An internal error was received".
  const hex = revertData(data);
  if (hex) {
    try {
      const decoded = decodeErrorResult({ abi: STANDARD_ERRORS, data: hex });
      if (decoded.errorName === 'Error') return String(decoded.args[0]);
      const code = Number(decoded.args[0]);
      return `panic 0x${code.toString(16)} (${PANICS[code] ?? 'unknown panic'})`;
    } catch {
      return `custom error ${hex.slice(0, 10)}`;
    }
  }
  return message.split('\n')[0] || 'reverted';
}

/** The reason of a revert, as short as it can be said, from any error a client threw. */
export function revertReason(error: unknown): string {
  if (error instanceof RpcRevertError) return error.reason;
  if (error instanceof RpcAnswerError) return revertReasonOf(error.rpcMessage, error.data);
  const { messages, data } = chainOf(error);
  return revertReasonOf(messages.find((m) => REASONS.some((re) => re.test(m))) ?? messages[0] ?? 'reverted', data);
}

/** The messages (with viem's `details`) and any revert data along an error's cause chain. */
function chainOf(error: unknown): { messages: string[]; codes: number[]; data: unknown } {
  const messages: string[] = [];
  const codes: number[] = [];
  let data: unknown;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as Error & { details?: unknown; code?: unknown; data?: unknown };
    if (typeof x.details === 'string' && x.details) messages.push(x.details);
    messages.push(x.message);
    if (typeof x.code === 'number') codes.push(x.code);
    if (data === undefined && revertData(x.data)) data = x.data;
  }
  return { messages, codes, data };
}

/** Whether any error along the cause chain says the call reverted. */
export function isRevertError(error: unknown): boolean {
  if (error instanceof RpcRevertError) return true;
  const { messages, codes } = chainOf(error);
  return codes.includes(3) || messages.some((m) => REVERT_MESSAGE.test(m));
}

/**
 * Sorts a failure of a viem client (or anything else) into the typed errors above. A revert or a pruned
 * state is an answer from the node; everything else is an outage.
 */
export function classifyRpcError(error: unknown, method: string, url?: string): RpcOutageError | RpcRevertError | RpcPrunedStateError | RpcAnswerError {
  if (error instanceof RpcOutageError || error instanceof RpcAnswerError || error instanceof RpcPrunedStateError) return error;
  const { messages, codes, data } = chainOf(error);
  const text = messages.join('\n');
  // A revert first: its reason is the contract's own text, which may say anything (even "pruned").
  if (codes.includes(3) || messages.some((m) => REVERT_MESSAGE.test(m))) {
    return new RpcRevertError(method, codes[0] ?? 3, messages.find((m) => REASONS.some((re) => re.test(m))) ?? messages[0] ?? 'reverted', data);
  }
  if (isPrunedAnswer(text)) return new RpcPrunedStateError(method, messages.find((m) => isPrunedAnswer(m)) ?? text);
  const where = url ? ` to ${redactUrl(url)}` : '';
  return new RpcOutageError(`${method}${where} failed: ${messages.at(-1) ?? String(error)}`, { method, ...(url ? { url: redactUrl(url) } : {}) }, { cause: error });
}
