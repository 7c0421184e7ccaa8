/**
 * Which evidence fields are amounts, and of what: the evidence keeps raw base units as decimal strings (an
 * analyst compares them exactly), and `units` beside them says, per field, the token (or ETH), its symbol
 * and decimals as the engine learnt them, so a reader (the dashboard, a webhook receiver) can show
 * `1,765,782.63 DAI` without asking the chain again. Read from the evidence's own shape, the same for
 * every detector:
 *
 * - a field ending in `Wei` is ether;
 * - `amount0`/`reserve0` (a field ending in 0 or 1) is of `token0`/`token1` when the evidence names them;
 * - otherwise an amount is of the evidence's `asset` (`ETH` or a token) or its `token`.
 *
 * A field that fits none of these (a count, a block) is left out rather than guessed at.
 */
import type { TokenInfo } from '../../core/amounts.js';

export interface AmountUnit {
  /** `ETH`, or the token's lower-case address. */
  token: string;
  symbol: string | null;
  decimals: number | null;
  /** The token wraps ether one for one (WETH9's Deposit or Withdrawal seen): worth one ether each. */
  wrapsEth?: true;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const AMOUNT = /^\d+$/;
const ETH: AmountUnit = { token: 'ETH', symbol: 'ETH', decimals: 18 };

export function evidenceUnits(evidence: Record<string, unknown>, tokens: { get(address: string): TokenInfo | undefined }, wrappedEth: ReadonlySet<string>): Record<string, AmountUnit> | undefined {
  const unitOf = (token: unknown): AmountUnit | undefined => {
    if (token === 'ETH') return ETH;
    if (typeof token !== 'string' || !ADDRESS.test(token)) return undefined;
    const t = token.toLowerCase();
    const info = tokens.get(t);
    return { token: t, symbol: info?.symbol ?? null, decimals: info?.decimals ?? null, ...(wrappedEth.has(t) ? { wrapsEth: true as const } : {}) };
  };
  const out: Record<string, AmountUnit> = {};
  for (const [key, value] of Object.entries(evidence)) {
    if (typeof value !== 'string' || !AMOUNT.test(value)) continue;
    let unit: AmountUnit | undefined;
    if (key.endsWith('Wei')) unit = ETH;
    else if (/[01]$/.test(key) && evidence[`token${key.slice(-1)}`] !== undefined) unit = unitOf(evidence[`token${key.slice(-1)}`]);
    else unit = unitOf(evidence.asset ?? evidence.token);
    if (unit) out[key] = unit;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
