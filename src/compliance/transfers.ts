/**
 * Value transfers as compliance keeps them: the stored history that list changes are re-screened against
 * and exposure is measured on. Three sources, one record:
 * - a block stream (`argus compliance sync --rpc`): ETH sent by transactions and ERC-20 `Transfer` logs of
 *   successful transactions, stored per block through the house's checkpoint store, so a reorg rewinds
 *   them and a restart resumes where it stopped;
 * - a file of transfers a user exports from elsewhere (CSV or JSON lines);
 * - tests and evaluations, directly.
 *
 * ETH moved by internal calls (a contract paying out) is not in blocks or logs; `sync` rebuilds it from
 * call traces where the node serves debug_traceTransaction (ledger.ts). Elsewhere such payments are
 * missing from the graph, and `sync` says so.
 */
import { readFileSync, statSync } from 'node:fs';
import { formatUnits, type Transaction, type TransactionReceipt } from 'viem';
import type { StreamBlock } from '../chain/stream/index.js';
import { splitCsvLine } from './sanctions/snapshots.js';
import type { Transfer } from './exposure/graph.js';

export interface TransferRecord {
  chainId: number;
  block: number;
  /** UNIX seconds of the block. */
  time: number;
  tx: string;
  /** Position in the block (log index, or -1 for the transaction's own value). */
  index: number;
  from: string;
  to: string;
  /** `ETH`, or the token contract's address (lower case). */
  asset: string;
  /** Amount in base units, as a decimal string (wei, token units). */
  raw: string;
}

export const TRANSFER_ITEM = 'compliance-transfer';

/** The value transfers of one block, in order. */
export function transfersOfBlock(chainId: number, b: StreamBlock): TransferRecord[] {
  const out: TransferRecord[] = [];
  const time = Number(b.block.timestamp);
  const block = Number(b.block.number);
  const ok = new Set<string>();
  b.transactions.forEach((tx: Transaction, i: number) => {
    const receipt = b.receipts[i] as TransactionReceipt | undefined;
    if (receipt?.status !== 'success') return;
    ok.add(tx.hash);
    if (tx.value > 0n && tx.to) out.push({ chainId, block, time, tx: tx.hash, index: -1, from: tx.from.toLowerCase(), to: tx.to.toLowerCase(), asset: 'ETH', raw: tx.value.toString() });
  });
  for (const e of b.decoded) {
    if (e.standard !== 'erc20' || e.event !== 'Transfer' || !ok.has(e.transactionHash)) continue;
    const value = e.args.value as bigint;
    if (value <= 0n) continue;
    out.push({ chainId, block, time, tx: e.transactionHash, index: e.logIndex ?? 0, from: String(e.args.from).toLowerCase(), to: String(e.args.to).toLowerCase(), asset: e.address.toLowerCase(), raw: value.toString() });
  }
  return out;
}

/** How to value each asset in the graph's unit: decimals and a price per whole unit. ETH is 1 per ETH. */
export interface Valuation {
  /** Lower-case token address (or `ETH`) → price of one whole token in the graph's unit. */
  prices: Map<string, number>;
  /** Lower-case token address → decimals (18 when unknown). */
  decimals?: Map<string, number>;
}

const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * Records as graph edges. Assets without a price are left out (and counted), never valued at a guess;
 * mints and burns (the zero address) are not payments between parties.
 */
export function toGraphTransfers(records: Iterable<TransferRecord>, valuation: Valuation): { transfers: Transfer[]; unvalued: Map<string, number> } {
  const transfers: Transfer[] = [];
  const unvalued = new Map<string, number>();
  for (const r of records) {
    if (r.from === ZERO || r.to === ZERO || r.from === r.to) continue;
    const price = r.asset === 'ETH' ? (valuation.prices.get('ETH') ?? 1) : valuation.prices.get(r.asset);
    if (price === undefined) {
      unvalued.set(r.asset, (unvalued.get(r.asset) ?? 0) + 1);
      continue;
    }
    const decimals = r.asset === 'ETH' ? 18 : (valuation.decimals?.get(r.asset) ?? 18);
    const amount = Number(formatUnits(BigInt(r.raw), decimals)) * price;
    transfers.push({ from: r.from, to: r.to, amount, time: r.time, tx: r.tx, asset: r.asset });
  }
  return { transfers, unvalued };
}

/**
 * A graph-unit amount (a JavaScript number, as read from a file) as base units of `decimals` (18: wei), with
 * every digit the number holds: its shortest decimal form is the text the file gave (up to 17 significant
 * digits), expanded out of exponent notation, so 0.123456789 ETH is 123456789000000000 wei, not rounded.
 */
export function graphAmountToRaw(amount: number, decimals = 18): bigint {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`${amount} is not a non-negative amount`);
  const [mantissa = '0', exp = '0'] = amount.toString().toLowerCase().split('e');
  const [whole = '0', frac = ''] = mantissa.split('.');
  const digits = whole + frac;
  // Position of the decimal point within `digits` after applying the exponent.
  const point = whole.length + Number(exp);
  const shifted = point + decimals;
  if (shifted <= 0) return 0n;
  const scaled = shifted >= digits.length ? digits + '0'.repeat(shifted - digits.length) : digits.slice(0, shifted);
  return BigInt(scaled);
}

export const MAX_TRANSFER_FILE = 512 * 1024 * 1024;

/**
 * A transfers file: CSV with a header (`from`, `to`, `amount` or `value` in whole units, `time` as an ISO
 * date-time or UNIX seconds, optional `tx`/`hash`, `asset`/`token`), or JSON lines with the same fields.
 * Amounts are taken in the graph's unit as they stand. A bad line is reported with its number and skipped.
 */
export function readTransferFile(file: string): { transfers: Transfer[]; errors: string[] } {
  const size = statSync(file).size;
  if (size > MAX_TRANSFER_FILE) throw new Error(`${file} is ${size} bytes; at most ${MAX_TRANSFER_FILE} bytes are read`);
  const lines = readFileSync(file, 'utf8').split(/\r?\n/u);
  const transfers: Transfer[] = [];
  const errors: string[] = [];
  const json = (lines[0] ?? '').trimStart().startsWith('{');
  const header = json ? [] : splitCsvLine((lines[0] ?? '').toLowerCase());
  const col = (names: string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const c = { from: col(['from']), to: col(['to']), amount: col(['amount', 'value']), time: col(['time', 'timestamp', 'date']), tx: col(['tx', 'hash', 'transaction']), asset: col(['asset', 'token', 'symbol']) };
  if (!json && (c.from < 0 || c.to < 0 || c.amount < 0 || c.time < 0)) throw new Error(`${file}: a transfers CSV needs the columns from, to, amount (or value) and time`);
  lines.slice(json ? 0 : 1).forEach((line, i) => {
    if (!line.trim()) return;
    const n = i + (json ? 1 : 2);
    let row: Record<string, unknown>;
    try {
      if (json) row = JSON.parse(line) as Record<string, unknown>;
      else {
        const cells = splitCsvLine(line);
        row = { from: cells[c.from], to: cells[c.to], amount: cells[c.amount], time: cells[c.time], tx: c.tx >= 0 ? cells[c.tx] : undefined, asset: c.asset >= 0 ? cells[c.asset] : undefined };
      }
    } catch (error) {
      errors.push(`line ${n}: ${(error as Error).message}`);
      return;
    }
    const t = transferOf(row);
    if (typeof t === 'string') errors.push(`line ${n}: ${t}`);
    else transfers.push(t);
  });
  return { transfers, errors };
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/u;

function transferOf(row: Record<string, unknown>): Transfer | string {
  const from = String(row.from ?? '');
  const to = String(row.to ?? '');
  if (!ADDRESS.test(from)) return `'from' is not an address: '${from}'`;
  if (!ADDRESS.test(to)) return `'to' is not an address: '${to}'`;
  const amount = Number(row.amount ?? row.value);
  if (!Number.isFinite(amount) || amount < 0) return `'amount' is not a non-negative number: '${String(row.amount ?? row.value)}'`;
  const rawTime = row.time ?? row.timestamp ?? row.date;
  const time = typeof rawTime === 'number' || /^\d+$/u.test(String(rawTime)) ? Number(rawTime) : Date.parse(String(rawTime)) / 1000;
  if (!Number.isFinite(time)) return `'time' is neither UNIX seconds nor a date: '${String(rawTime)}'`;
  const tx = typeof row.tx === 'string' && row.tx ? row.tx : typeof row.hash === 'string' ? row.hash : undefined;
  const asset = typeof row.asset === 'string' && row.asset ? row.asset : undefined;
  return { from: from.toLowerCase(), to: to.toLowerCase(), amount, time, ...(tx ? { tx } : {}), ...(asset ? { asset } : {}) };
}
