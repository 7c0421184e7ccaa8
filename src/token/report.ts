/**
 * One risk score from everything `argus token` learnt. Each signal that points at a scam is a reason with
 * a weight in 0..1 (how likely that signal alone means holders lose money); the score combines them as a
 * noisy-OR, 100 × (1 − Π(1 − w)), so one damning reason (a sell that fails) is enough for ~95 while many
 * weak ones add up without ever reaching 100. The weights are judgement, written down here so that a user
 * can read why a token scored what it did; the learned pre-rug model enters as one reason among others.
 */
import { FLAG_NAMES, type FlagName, type MarketSignals, type RugScore, type TokenFlags, type TradeSimulation, type TokenReport } from './types.js';

/** What a true flag alone weighs, and how to say it. */
const FLAG_WEIGHTS: Partial<Record<FlagName, { w: number; say: string }>> = {
  hidden_mint: { w: 0.8, say: 'the supply can be raised outside a visible, capped mint' },
  leaking_token: { w: 0.7, say: "the owner can move, burn or approve other holders' tokens" },
  owner_change_balance: { w: 0.7, say: 'the owner can change balances directly' },
  limit_sell: { w: 0.7, say: 'selling can be blocked or capped for ordinary holders' },
  can_take_back_ownership: { w: 0.6, say: 'ownership can be taken back after being renounced' },
  hidden_owner: { w: 0.6, say: 'a hidden owner keeps privileges' },
  selfdestruct: { w: 0.5, say: 'the contract can self-destruct' },
  personal_slippage_modifiable: { w: 0.45, say: 'the owner can set a tax for particular addresses' },
  slippage_modifiable: { w: 0.35, say: 'the owner can change the buy or sell tax' },
  is_blacklisted: { w: 0.35, say: 'the owner can blacklist addresses from trading' },
  is_whitelisted: { w: 0.35, say: 'trading can be limited to whitelisted addresses' },
  transfer_pausable: { w: 0.3, say: 'the owner can pause transfers' },
  is_mintable: { w: 0.2, say: 'the owner can mint more tokens' },
  is_proxy: { w: 0.2, say: 'the code can be replaced (upgradeable proxy)' },
  trading_cooldown: { w: 0.15, say: 'trades are subject to a cooldown' },
  anti_whale_modifiable: { w: 0.15, say: 'the owner can change the maximum transaction or wallet size' },
  external_call: { w: 0.1, say: 'transfers call other contracts' },
};

/** Privileges that only matter while someone holds ownership. */
const OWNER_PRIVILEGES: readonly FlagName[] = ['is_mintable', 'owner_change_balance', 'is_blacklisted', 'is_whitelisted', 'transfer_pausable', 'slippage_modifiable', 'personal_slippage_modifiable', 'anti_whale_modifiable'];

export interface ReportParts {
  chainId?: number | null;
  address?: string | null;
  name?: string | null;
  symbol?: string | null;
  flags: TokenFlags;
  simulation?: TradeSimulation | null;
  market?: MarketSignals | null;
  rugScore?: RugScore | null;
  notes?: string[];
  elapsedMs?: number;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

export function riskReasons(parts: ReportParts): Array<{ weight: number; reason: string }> {
  const out: Array<{ weight: number; reason: string }> = [];
  const { flags, simulation: sim, market, rugScore } = parts;
  // Renounced for real (and no way back): owner-only privileges cannot be used any more.
  const ownerless = flags.owner_renounced.value === true && flags.can_take_back_ownership.value !== true && flags.hidden_owner.value !== true;
  for (const name of FLAG_NAMES) {
    const spec = FLAG_WEIGHTS[name];
    if (!spec || flags[name].value !== true) continue;
    const dormant = ownerless && OWNER_PRIVILEGES.includes(name);
    const where = flags[name].evidence[0];
    const at = where ? ` (${where.signature ?? where.selector ?? (where.line ? `${where.file ?? 'source'}:${where.line}` : where.from)})` : '';
    out.push({ weight: dormant ? spec.w * 0.3 : spec.w, reason: `${spec.say}${at}${dormant ? ', but ownership is renounced' : ''}` });
  }
  if (sim) {
    if (sim.is_honeypot === true) out.push({ weight: 0.95, reason: `selling fails or returns almost nothing in simulation${sim.errors[0] ? `: ${sim.errors[0]}` : ''}` });
    else if (sim.cannot_sell_all === true) out.push({ weight: 0.5, reason: 'a holder cannot sell the whole balance in simulation' });
    if (sim.is_honeypot !== true && sim.sellTax !== null && sim.sellTax >= 0.1) out.push({ weight: sim.sellTax >= 0.5 ? 0.9 : 0.4, reason: `sell tax ${pct(sim.sellTax)} in simulation` });
    if (sim.buyTax !== null && sim.buyTax >= 0.1) out.push({ weight: sim.buyTax >= 0.5 ? 0.8 : 0.3, reason: `buy tax ${pct(sim.buyTax)} in simulation` });
    if (sim.transferTax !== null && sim.transferTax >= 0.1) out.push({ weight: 0.3, reason: `transfer tax ${pct(sim.transferTax)} in simulation` });
  }
  if (market) {
    if (market.creatorEarlierRugs !== null && market.creatorEarlierRugs > 0) out.push({ weight: 0.6, reason: `the creator's earlier tokens were rugged (${market.creatorEarlierRugs} seen by the monitor)` });
    const safeLp = (market.lpBurnedShare ?? 0) + (market.lpLockedShare ?? 0);
    if (market.lpCreatorShare !== null && market.lpCreatorShare > 0.5 && safeLp < 0.5) out.push({ weight: 0.3, reason: `the creator holds ${pct(market.lpCreatorShare)} of the liquidity, neither burned nor locked: it can be pulled` });
    if (market.liquidityEth !== null && market.liquidityEth < 1) out.push({ weight: 0.2, reason: `thin liquidity: ${market.liquidityEth.toFixed(3)} ETH in the pool` });
    if (market.top10HolderShare !== null && market.top10HolderShare > 0.8) out.push({ weight: 0.2, reason: `the ten largest holders (pools excluded) hold ${pct(market.top10HolderShare)} of the supply` });
  }
  if (rugScore && rugScore.probability >= 0.5) {
    const drivers = rugScore.drivers.slice(0, 3).map((d) => `${d.feature} = ${Math.round(d.value * 1000) / 1000}`).join(', ');
    // Half weight: the model was trained on 2021 mainnet pools with a class balance unlike the real one.
    out.push({ weight: 0.5 * rugScore.probability, reason: `the pre-rug model scores ${pct(rugScore.probability)}${drivers ? ` (${drivers})` : ''}` });
  }
  return out.sort((a, b) => b.weight - a.weight);
}

export function buildReport(parts: ReportParts): TokenReport {
  const reasons = riskReasons(parts);
  const safe = reasons.reduce((p, r) => p * (1 - r.weight), 1);
  return {
    chainId: parts.chainId ?? null,
    address: parts.address ?? null,
    name: parts.name ?? null,
    symbol: parts.symbol ?? null,
    riskScore: Math.round(100 * (1 - safe)),
    reasons: reasons.map((r) => ({ points: Math.round(100 * r.weight), reason: r.reason })),
    flags: parts.flags,
    simulation: parts.simulation ?? null,
    market: parts.market ?? null,
    rugScore: parts.rugScore ?? null,
    notes: parts.notes ?? [],
    elapsedMs: parts.elapsedMs ?? 0,
  };
}

/**
 * Two analyses of one token joined: a flag is true when either found it (with every piece of evidence),
 * false when one checked it absent and none found it, null when neither could tell.
 */
export function mergeFlags(...all: TokenFlags[]): TokenFlags {
  const out = {} as TokenFlags;
  for (const name of FLAG_NAMES) {
    const values = all.map((f) => f[name].value);
    const value = values.includes(true) ? true : values.includes(false) ? false : null;
    out[name] = { value, evidence: all.flatMap((f) => (f[name].value === value ? f[name].evidence : [])) };
  }
  return out;
}
