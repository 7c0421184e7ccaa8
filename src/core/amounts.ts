/**
 * Amounts for people, in the monitor's explanations (the evidence keeps raw decimal strings):
 *
 * - ETH from wei: `28 ETH`, `0.0671 ETH`, `1,250.5 ETH`.
 * - A token amount names the symbol and the full token address, because scam tokens copy symbols:
 *   `1,823 USDC (0x9a676e781a523b5d0c0e43731313a708cb607508)`. Without a symbol (the token did not
 *   answer `symbol()` readably): `29 of token 0x…`. Without decimals nothing is scaled:
 *   `1823000000 base units of token 0x…` (or `… base units of USDC (0x…)`).
 *
 * Numbers get thousands separators and at most four fractional digits, cut rather than rounded (an
 * amount is never shown larger than it is); a non-zero amount below 0.0001 is `<0.0001`. The integer
 * part is exact: bigint arithmetic throughout, never through Number.
 */

/** Fractional digits shown at most. */
export const FRACTION_DIGITS = 4;

/** What the engine learnt of a token (src/monitor/tokens.ts); null where the token gave no usable answer. */
export interface TokenInfo {
  /** Sanitised: printable, no spaces or brackets, at most 16 characters (longer ones end in `…`). */
  symbol: string | null;
  decimals: number | null;
}

const SMALLEST = `0.${'0'.repeat(FRACTION_DIGITS - 1)}1`;

/** `1234567` -> `1,234,567`. */
function group(digits: string): string {
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = digits.slice(Math.max(0, i - 3), i) + (out ? ',' + out : '');
  return out;
}

/** `value` base units of a unit with `decimals` decimals: `1,250.5`, `0.0671`, `<0.0001`, `0`. */
export function formatUnits(value: bigint, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a non-negative integer, got ${decimals}`);
  if (value < 0n) {
    const s = formatUnits(-value, decimals);
    return s.startsWith('<') ? `>-${s.slice(1)}` : `-${s}`;
  }
  const scale = 10n ** BigInt(decimals);
  const whole = value / scale;
  const rest = value % scale;
  const fraction = rest === 0n ? '' : rest.toString().padStart(decimals, '0').slice(0, FRACTION_DIGITS).replace(/0+$/, '');
  if (whole === 0n && rest > 0n && fraction === '') return `<${SMALLEST}`;
  return group(whole.toString()) + (fraction ? `.${fraction}` : '');
}

/** Wei as ETH: `28 ETH`, `0.0671 ETH`. */
export function formatEth(wei: bigint): string {
  return `${formatUnits(wei, 18)} ETH`;
}

/** A token by name, without an amount: `USDC (0x…)`, or `token 0x…` without a symbol. */
export function tokenName(token: string, info: TokenInfo | undefined): string {
  return info?.symbol ? `${info.symbol} (${token})` : `token ${token}`;
}

/** The number alone, in the token's units when its decimals are known, else raw base units (no unit named). */
export function tokenUnits(value: bigint, info: TokenInfo | undefined): string {
  return info?.decimals != null ? formatUnits(value, info.decimals) : value.toString();
}

/** An amount of a token: `1,823 USDC (0x…)`, `29 of token 0x…`, `1823000000 base units of token 0x…`. */
export function formatToken(value: bigint, token: string, info: TokenInfo | undefined): string {
  if (info?.decimals == null) return `${value} base units of ${tokenName(token, info)}`;
  const units = formatUnits(value, info.decimals);
  return info.symbol ? `${units} ${info.symbol} (${token})` : `${units} of token ${token}`;
}

/** A count with its noun: `1 block`, `3 blocks` (regular plurals only). */
export function count(n: number | bigint, noun: string): string {
  return `${n} ${noun}${n === 1 || n === 1n ? '' : 's'}`;
}
