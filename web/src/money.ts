/**
 * Amounts for people: raw base units (decimal strings, as evidence keeps them) in whole units with the
 * token's symbol, and in US dollars where the server knows a price (GET /info `prices`: configured, or
 * from pool reserves). Exact integer part (bigint), at most four fractional digits cut, never rounded up.
 * An amount whose decimals are unknown stays in base units, and one without a price says so: nothing is
 * ever shown as worth zero because it could not be priced.
 */
import { explorerInfo } from './explorer';

/** What the monitor recorded of an amount field's unit (src/monitor/detectors/evidence-units.ts). */
export interface AmountUnit {
  token: string;
  symbol: string | null;
  decimals: number | null;
  wrapsEth?: boolean;
}

export const ETH_UNIT: AmountUnit = { token: 'ETH', symbol: 'ETH', decimals: 18 };

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1765782630000000000000000` with 18 decimals: `1,765,782.63`. */
export function formatUnits(raw: string, decimals: number): string {
  let v: bigint;
  try {
    v = BigInt(raw);
  } catch {
    return raw;
  }
  const neg = v < 0n;
  if (neg) v = -v;
  const scale = 10n ** BigInt(decimals);
  const whole = v / scale;
  const rest = v % scale;
  const fraction = rest === 0n ? '' : rest.toString().padStart(decimals, '0').slice(0, 4).replace(/0+$/, '');
  if (whole === 0n && rest > 0n && !fraction) return `${neg ? '>-' : '<'}0.0001`;
  return (neg ? '-' : '') + group(whole.toString()) + (fraction ? `.${fraction}` : '');
}

/** Whole units as a float (for sums and prices). */
export function wholeUnits(raw: string, decimals: number): number {
  try {
    const big = BigInt(raw);
    const unit = 10n ** BigInt(decimals);
    return Number(big / unit) + Number(big % unit) / Number(unit);
  } catch {
    return Number.NaN;
  }
}

/** USD per whole unit of `unit`, or null when the server knows none. */
export function priceOf(unit: AmountUnit): number | null {
  const prices = explorerInfo.get().prices;
  const p = prices[unit.token.toLowerCase()] ?? (unit.token === 'ETH' || unit.wrapsEth ? prices.ETH : undefined);
  return p === undefined || !Number.isFinite(p) ? null : p;
}

/** The USD worth of `raw` base units of `unit`, or null when it cannot be priced (no price, or no decimals). */
export function usdOf(raw: string, unit: AmountUnit): number | null {
  if (unit.decimals === null) return null;
  const price = priceOf(unit);
  if (price === null) return null;
  const n = wholeUnits(raw, unit.decimals);
  return Number.isFinite(n) ? n * price : null;
}

/** The ETH worth of `raw` base units, when `unit` is ether or wraps it (else null). */
export function ethOf(raw: string, unit: AmountUnit): number | null {
  if (unit.decimals === null || !(unit.token === 'ETH' || unit.wrapsEth)) return null;
  return wholeUnits(raw, unit.decimals);
}

const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdSmall = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

export function formatUsd(n: number): string {
  return Math.abs(n) < 100 ? usdSmall.format(n) : usdFormat.format(n);
}

/** `1,765,782.63 DAI`, `29 of token 0x…` without a symbol, `1823000000 base units` without decimals. */
export function formatAmount(raw: string, unit: AmountUnit): string {
  if (unit.decimals === null) return `${raw} base units${unit.symbol ? ` of ${unit.symbol}` : ''}`;
  const n = formatUnits(raw, unit.decimals);
  return unit.symbol ? `${n} ${unit.symbol}` : `${n} of token ${unit.token}`;
}

/** An evidence's `units` map, when it has a valid one. */
export function unitsOf(evidence: Record<string, unknown>): Record<string, AmountUnit> {
  const u = evidence.units;
  if (!u || typeof u !== 'object' || Array.isArray(u)) return {};
  const out: Record<string, AmountUnit> = {};
  for (const [k, v] of Object.entries(u as Record<string, unknown>)) {
    const x = v as Partial<AmountUnit> | null;
    if (x && typeof x.token === 'string') out[k] = { token: x.token, symbol: x.symbol ?? null, decimals: typeof x.decimals === 'number' ? x.decimals : null, ...(x.wrapsEth ? { wrapsEth: true } : {}) };
  }
  return out;
}

/** A known label of an address: the server's (router, WETH, a pool…), else null. */
export function knownLabel(address: string, chainId?: number): string | null {
  const info = explorerInfo.get();
  const chain = chainId ?? info.chainId;
  if (chain === null) return null;
  return info.labels[String(chain)]?.[address.toLowerCase()] ?? null;
}
