/**
 * Value at risk of the open incidents, for the overview: per incident, the amounts its member alerts
 * recorded as moved, drained, pulled or held by a victim (the evidence fields in `AT_RISK_FIELDS`, in the
 * unit `evidence.units` names, or ether for `…Wei`), the largest per asset (a transfer and the drain it is
 * part of report the same funds: summing them would count them twice); then summed over incidents per
 * asset, and in USD and ETH where a price is known (GET /info `prices`). What cannot be priced is listed
 * per asset, and incidents with no recorded amount are counted: the total never silently leaves them out.
 */
import type { StoredAlert } from '../store/store.js';
import type { ValueAtRisk, ValueAtRiskAsset } from './api-types.js';

/** Evidence fields that are value at stake (not supplies, mints or thresholds). */
export const AT_RISK_FIELDS: readonly string[] = ['value', 'amount', 'sent', 'sold', 'balanceBefore', 'victimBalanceBefore', 'targetBalance', 'gainWei', 'amount0', 'amount1'];

interface Unit {
  token: string;
  symbol: string | null;
  decimals: number | null;
  wrapsEth?: boolean;
}

const ETH: Unit = { token: 'ETH', symbol: 'ETH', decimals: 18 };

function unitOf(evidence: Record<string, unknown>, key: string): Unit | undefined {
  if (key.endsWith('Wei')) return ETH;
  const u = (evidence.units as Record<string, Partial<Unit>> | undefined)?.[key];
  if (!u || typeof u.token !== 'string') return undefined;
  return { token: u.token.toLowerCase() === 'eth' ? 'ETH' : u.token.toLowerCase(), symbol: u.symbol ?? null, decimals: typeof u.decimals === 'number' ? u.decimals : null, ...(u.wrapsEth ? { wrapsEth: true } : {}) };
}

/** The largest amount per asset one incident's alerts recorded. */
export function incidentAmounts(alerts: readonly StoredAlert[]): Map<string, { unit: Unit; raw: bigint }> {
  const out = new Map<string, { unit: Unit; raw: bigint }>();
  for (const a of alerts) {
    const e = a.finding.evidence;
    for (const key of AT_RISK_FIELDS) {
      const v = e[key];
      if (typeof v !== 'string' || !/^\d+$/.test(v)) continue;
      const unit = unitOf(e, key);
      if (!unit) continue;
      const raw = BigInt(v);
      const cur = out.get(unit.token);
      if (!cur || raw > cur.raw) out.set(unit.token, { unit, raw });
    }
  }
  return out;
}

function whole(raw: bigint, decimals: number): number {
  const unit = 10n ** BigInt(decimals);
  return Number(raw / unit) + Number(raw % unit) / Number(unit);
}

/** Sums the incidents' amounts per asset and prices them. */
export function valueAtRisk(incidents: readonly StoredAlert[][], prices: Record<string, number>, scanned: { incidents: number; more: boolean }): ValueAtRisk {
  const totals = new Map<string, { unit: Unit; raw: bigint; incidents: number }>();
  let withoutAmount = 0;
  for (const members of incidents) {
    const amounts = incidentAmounts(members);
    if (amounts.size === 0) withoutAmount++;
    for (const [token, { unit, raw }] of amounts) {
      const t = totals.get(token) ?? { unit, raw: 0n, incidents: 0 };
      t.raw += raw;
      t.incidents++;
      if (!t.unit.symbol && unit.symbol) t.unit = unit;
      totals.set(token, t);
    }
  }
  let usd = 0;
  let eth = 0;
  const assets: ValueAtRiskAsset[] = [];
  for (const { unit, raw, incidents: n } of totals.values()) {
    const amount = unit.decimals === null ? null : whole(raw, unit.decimals);
    const price = prices[unit.token] ?? (unit.token === 'ETH' || unit.wrapsEth ? prices.ETH : undefined);
    const assetUsd = amount !== null && price !== undefined ? amount * price : null;
    const assetEth = amount !== null && (unit.token === 'ETH' || unit.wrapsEth) ? amount : null;
    if (assetUsd !== null) usd += assetUsd;
    if (assetEth !== null) eth += assetEth;
    assets.push({ asset: unit.token, symbol: unit.symbol, decimals: unit.decimals, raw: raw.toString(), amount, usd: assetUsd, eth: assetEth, incidents: n });
  }
  assets.sort((a, b) => (b.usd ?? -1) - (a.usd ?? -1));
  return {
    openIncidents: scanned.incidents,
    more: scanned.more,
    usd,
    eth,
    assets,
    unpriced: assets.filter((a) => a.usd === null).length,
    withoutAmount,
  };
}
