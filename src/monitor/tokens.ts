/**
 * What the monitor knows of the tokens it has seen (symbol, decimals), for its explanations only: the
 * engine asks the chain (`eth_call` of `symbol()` and `decimals()` on the state after the block) the first
 * time a token appears in a block's transfers, approvals or permits, before the detectors run on that
 * block, and keeps the answer (in its snapshot too). Asked once, at the first block a token appears in,
 * so a restarted engine replaying a block writes exactly the same explanations (they are part of the
 * incident ids).
 *
 * A revert, a failure inside the EVM (out of gas…), an empty or an undecodable answer is "unknown" (null)
 * and is kept as such: the token is not asked again. A dead endpoint throws (`ChainAccess.call` does), so
 * the block fails and is processed again later rather than explained without the metadata this time.
 */
import { decodeAbiParameters, hexToBigInt, hexToBytes, isHex, slice, type Hex } from 'viem';
import type { StreamBlock } from '../chain/stream/block-stream.js';
import type { DecodedEvent } from '../chain/stream/decode.js';
import type { TokenInfo } from '../core/amounts.js';
import type { ChainAccess } from './detectors/detector.js';
import { decodeValue, encodeValue } from './codec.js';

export const SYMBOL_SELECTOR: Hex = '0x95d89b41';
export const DECIMALS_SELECTOR: Hex = '0x313ce567';
/** Characters of a symbol kept; a longer one is cut and ends in `…`. */
export const MAX_SYMBOL_LENGTH = 16;
/** Tokens asked at once (two calls each). */
const CONCURRENCY = 16;
const CALLER = '0x0000000000000000000000000000000000000000';

/**
 * A symbol fit to print: letters, digits and marks of any script, symbols (`$`, `₮`…), dashes,
 * underscores, inner dots and `+`; no spaces, quotes, brackets, control or invisible formatting characters
 * (bidi overrides, zero-width joiners), which a scam token could use to disguise itself or the text around
 * it. At most `MAX_SYMBOL_LENGTH` characters. Null when nothing is left.
 */
export function sanitizeSymbol(raw: string): string | null {
  const kept: string[] = [];
  for (const c of raw) {
    const ascii = c.charCodeAt(0) < 0x80;
    if (ascii ? /[A-Za-z0-9_.+$-]/.test(c) : /[\p{L}\p{N}\p{M}\p{S}\p{Pc}\p{Pd}]/u.test(c)) kept.push(c);
  }
  // A trailing dot would end the sentence for readers that show only an explanation's first sentence.
  while (kept[kept.length - 1] === '.') kept.pop();
  if (kept.length === 0) return null;
  return kept.length > MAX_SYMBOL_LENGTH ? kept.slice(0, MAX_SYMBOL_LENGTH).join('') + '…' : kept.join('');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as UTF-8 text, or null when they are not (a token's symbol is never guessed at). */
function text(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * `symbol()`'s answer: an ABI `string` (decoded as `bytes`, so invalid UTF-8 is refused rather than
 * replaced), or a `bytes32` (older tokens such as MKR), NUL-padded. Sanitised (`sanitizeSymbol`); null when
 * it is neither, is not UTF-8 or has nothing printable.
 */
export function decodeSymbol(data: Hex): string | null {
  if (!isHex(data, { strict: true }) || (data.length - 2) % 2 !== 0) return null;
  const size = (data.length - 2) / 2;
  let raw: string | null = null;
  if (size >= 64) {
    try {
      const [bytes] = decodeAbiParameters([{ type: 'bytes' }], data);
      raw = text(hexToBytes(bytes));
    } catch {
      raw = null; // an offset or a length that runs past the data
    }
  } else if (size === 32) {
    const bytes = hexToBytes(data);
    const end = bytes.indexOf(0);
    raw = text(bytes.subarray(0, end < 0 ? 32 : end));
  }
  return raw === null ? null : sanitizeSymbol(raw);
}

/** `decimals()`'s answer: a uint8 (in a 32-byte word); null when shorter or above 255. */
export function decodeDecimals(data: Hex): number | null {
  if (!isHex(data, { strict: true }) || data.length < 2 + 64) return null;
  const v = hexToBigInt(slice(data, 0, 32));
  return v <= 255n ? Number(v) : null;
}

/**
 * The call failed inside the EVM rather than on the way (a token whose `symbol()` burns all its gas or hits
 * an invalid opcode): geth answers those as errors, not as reverts, and `ChainAccess.call` throws them. That
 * is the token's answer, the same every time, so it is "unknown"; throwing would stall the monitor on the
 * block for good. Messages as geth and Hardhat give them, anywhere in the error's cause chain.
 */
export function isExecutionFailure(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const details = (e as { details?: unknown }).details;
    const text = `${e.message} ${typeof details === 'string' ? details : ''}`;
    if (/out of gas|invalid opcode|invalid jump destination|stack (?:underflow|overflow|limit reached)|write protection|return data out of bounds|VM Exception while processing transaction/i.test(text)) return true;
  }
  return false;
}

async function ask(chain: ChainAccess, token: string, data: Hex, blockNumber: bigint): Promise<Hex | null> {
  try {
    const outcome = await chain.call({ from: CALLER, to: token, data, blockNumber });
    return outcome.reverted ? null : outcome.data;
  } catch (error) {
    if (isExecutionFailure(error)) return null;
    throw error;
  }
}

/** Asks one token for its symbol and decimals on the state after `blockNumber`; throws on an outage. */
export async function fetchTokenInfo(chain: ChainAccess, token: string, blockNumber: bigint): Promise<TokenInfo> {
  const [symbol, decimals] = await Promise.all([ask(chain, token, SYMBOL_SELECTOR, blockNumber), ask(chain, token, DECIMALS_SELECTOR, blockNumber)]);
  return { symbol: symbol === null ? null : decodeSymbol(symbol), decimals: decimals === null ? null : decodeDecimals(decimals) };
}

/** The token an ERC-20 transfer, approval or permit names (lower case); undefined for other events. */
function tokenOf(e: DecodedEvent): string | undefined {
  if (e.standard === 'erc20') return e.event === 'Transfer' || e.event === 'Approval' ? e.address.toLowerCase() : undefined;
  if ((e.standard === 'eip2612' || e.standard === 'permit2') && e.event === 'Permit') return String(e.standard === 'permit2' && e.args.token ? e.args.token : e.address).toLowerCase();
  return undefined;
}

const NONE: readonly string[] = Object.freeze([]);

/** The tokens known so far, by lower-case address. */
export class TokenBook {
  private readonly known = new Map<string, TokenInfo>();

  get(address: string): TokenInfo | undefined {
    return this.known.get(address.toLowerCase());
  }

  get size(): number {
    return this.known.size;
  }

  /** The tokens of `block` not known yet, in order, once each: usually none (then nothing is allocated). */
  unknownIn(block: Pick<StreamBlock, 'decoded'>): readonly string[] {
    let out: string[] | undefined;
    for (const e of block.decoded) {
      const t = tokenOf(e);
      if (t === undefined || this.known.has(t)) continue;
      out ??= [];
      if (!out.includes(t)) out.push(t);
    }
    return out ?? NONE;
  }

  /**
   * Asks the chain about the tokens not yet known, on the state after `blockNumber`. All or nothing: when
   * a call throws (an outage), nothing from this batch is kept and the error propagates.
   */
  async learn(tokens: Iterable<string>, chain: ChainAccess, blockNumber: bigint): Promise<void> {
    const missing = [...new Set([...tokens].map((t) => t.toLowerCase()))].filter((t) => !this.known.has(t));
    if (missing.length === 0) return;
    const found: TokenInfo[] = [];
    for (let i = 0; i < missing.length; i += CONCURRENCY) {
      found.push(...(await Promise.all(missing.slice(i, i + CONCURRENCY).map((t) => fetchTokenInfo(chain, t, blockNumber)))));
    }
    missing.forEach((t, i) => this.known.set(t, found[i] as TokenInfo));
  }

  /** For the engine's snapshot (JSON-ready). */
  snapshot(): unknown {
    return encodeValue(this.known);
  }

  /** Replaces the contents with a `snapshot()`'s; `undefined` (a snapshot from before tokens were kept) empties it. */
  load(saved: unknown): void {
    this.known.clear();
    if (saved === undefined || saved === null) return;
    for (const [k, v] of decodeValue(saved) as Map<string, TokenInfo>) this.known.set(k, { symbol: v.symbol ?? null, decimals: v.decimals ?? null });
  }
}
