/**
 * One risk score from everything `argus token` learnt. Each signal that points at a scam is a reason with
 * a weight in 0..1 (how likely that signal alone means holders lose money); the score combines them as a
 * noisy-OR, 100 × (1 − Π(1 − w)), so one damning reason (a sell that fails) is enough for ~95 while many
 * weak ones add up without ever reaching 100. The weights are judgement, written down so that a user can
 * read why a token scored what it did: a flag's beside its rule (flags/rules/*.ts), the simulation's, the
 * market's and the pre-rug model's here; the learned model enters as one reason among others.
 * Every reason is a `Finding` (`token/<id>`, its weight in `evidence.weight`); the report's reasons, score
 * and GoPlus-style flags are read from the findings.
 */
import type { Finding, Severity, Subject } from '../core/finding.js';
import { flagTags, type TokenFlagMeta } from './flags/rule.js';
import { TOKEN_FLAG_RULES } from './flags/registry.js';
import { FLAG_NAMES, type FlagEvidence, type MarketSignals, type RugScore, type TokenFlag, type TokenFlags, type TradeSimulation, type TokenReport } from './types.js';

/** A renounced owner's privileges still count, at this share of their weight (they are dormant, not gone). */
const DORMANT_SHARE = 0.3;

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

/**
 * What a finding is about: the token on its chain; offline, the source line of its first source evidence,
 * else the bytecode itself.
 */
function subjectOf(parts: ReportParts, seen: FlagEvidence[] = []): Subject {
  if (parts.chainId != null && parts.address) return { kind: 'address', chainId: parts.chainId, address: parts.address, role: 'token' };
  const src = seen.find((e) => e.from === 'source' && e.file !== undefined && e.line !== undefined);
  if (src) return { kind: 'source', file: src.file!, startLine: src.line!, startColumn: 1, endLine: src.line!, endColumn: 1, ...(src.signature ? { function: src.signature } : {}) };
  return { kind: 'bytecode', ...(parts.symbol ? { name: parts.symbol } : parts.name ? { name: parts.name } : {}) };
}

/** One true flag as a finding: its rule's metadata, the evidence of every analysis that saw it, its weight. */
function flagFinding(meta: TokenFlagMeta, flag: TokenFlag, parts: ReportParts, dormant: boolean): Finding {
  const where = flag.evidence[0];
  const at = where ? ` (${where.signature ?? where.selector ?? (where.line ? `${where.file ?? 'source'}:${where.line}` : where.from)})` : '';
  const weight = meta.weight === null ? null : dormant ? meta.weight * DORMANT_SHARE : meta.weight;
  return {
    detector: `token/${meta.id}`,
    title: meta.title,
    severity: dormant ? 'info' : meta.severity,
    confidence: meta.confidence,
    tags: [...flagTags(meta), ...(dormant ? ['dormant'] : [])],
    subject: subjectOf(parts, flag.evidence),
    explanation: meta.say ? `${meta.say}${at}${dormant ? ', but ownership is renounced' : ''}` : (where?.detail ?? meta.description),
    evidence: { flag: meta.flag, weight, ...(dormant ? { dormant } : {}), seen: flag.evidence },
    recommendation: meta.recommendation,
  };
}

const weightOf = (f: Finding): number | null => (typeof f.evidence.weight === 'number' ? f.evidence.weight : null);

/**
 * Everything that points at a scam, as findings, most important first (by weight; findings without one
 * last): each true flag through its rule (flags/registry.ts), then what the simulation, the market and the
 * pre-rug model say.
 */
export function riskFindings(parts: ReportParts): Finding[] {
  const out: Finding[] = [];
  const { flags, simulation: sim, market, rugScore } = parts;
  // Renounced for real (and no way back): owner-only privileges cannot be used any more.
  const ownerless = flags.owner_renounced.value === true && flags.can_take_back_ownership.value !== true && flags.hidden_owner.value !== true;
  for (const { meta } of TOKEN_FLAG_RULES) {
    if (flags[meta.flag].value !== true) continue;
    out.push(flagFinding(meta, flags[meta.flag], parts, ownerless && meta.ownerPrivilege && meta.weight !== null));
  }
  // A risk signal that is not a code flag (a simulated trade, the market, the pre-rug model).
  const signal = (id: string, title: string, severity: Severity, tags: string[], weight: number, explanation: string, evidence: Record<string, unknown>, recommendation: string) =>
    out.push({ detector: `token/${id}`, title, severity, confidence: 0.9, tags: ['token', ...tags], subject: subjectOf(parts), explanation, evidence: { weight, ...evidence }, recommendation });
  if (sim) {
    const dontBuy = 'Do not buy: a holder like you could not get out.';
    if (sim.is_honeypot === true) signal('honeypot', 'Honeypot: selling fails', 'critical', ['goplus:is_honeypot', 'simulation'], 0.95, `selling fails or returns almost nothing in simulation${sim.errors[0] ? `: ${sim.errors[0]}` : ''}`, { errors: sim.errors, pool: sim.pool }, dontBuy);
    else if (sim.cannot_sell_all === true) signal('cannot-sell-all', 'Cannot sell the whole balance', 'medium', ['goplus:cannot_sell_all', 'simulation'], 0.5, 'a holder cannot sell the whole balance in simulation', { errors: sim.errors, pool: sim.pool }, dontBuy);
    if (sim.is_honeypot !== true && sim.sellTax !== null && sim.sellTax >= 0.1) signal('sell-tax', 'High sell tax', sim.sellTax >= 0.5 ? 'high' : 'medium', ['goplus:sell_tax', 'simulation'], sim.sellTax >= 0.5 ? 0.9 : 0.4, `sell tax ${pct(sim.sellTax)} in simulation`, { sellTax: sim.sellTax, pool: sim.pool }, 'Count the tax in before buying: selling returns that much less.');
    if (sim.buyTax !== null && sim.buyTax >= 0.1) signal('buy-tax', 'High buy tax', sim.buyTax >= 0.5 ? 'high' : 'medium', ['goplus:buy_tax', 'simulation'], sim.buyTax >= 0.5 ? 0.8 : 0.3, `buy tax ${pct(sim.buyTax)} in simulation`, { buyTax: sim.buyTax, pool: sim.pool }, 'Count the tax in before buying.');
    if (sim.transferTax !== null && sim.transferTax >= 0.1) signal('transfer-tax', 'High transfer tax', 'medium', ['simulation'], 0.3, `transfer tax ${pct(sim.transferTax)} in simulation`, { transferTax: sim.transferTax }, 'Count the tax in before moving tokens.');
  }
  if (market) {
    if (market.creatorEarlierRugs !== null && market.creatorEarlierRugs > 0) signal('creator-rugged-before', "Creator's earlier tokens were rugged", 'high', ['market'], 0.6, `the creator's earlier tokens were rugged (${market.creatorEarlierRugs} seen by the monitor)`, { creator: market.creator, creatorEarlierRugs: market.creatorEarlierRugs }, 'Avoid tokens of a creator who pulled liquidity before.');
    const safeLp = (market.lpBurnedShare ?? 0) + (market.lpLockedShare ?? 0);
    if (market.lpCreatorShare !== null && market.lpCreatorShare > 0.5 && safeLp < 0.5) signal('creator-holds-liquidity', 'Creator holds the liquidity', 'medium', ['market'], 0.3, `the creator holds ${pct(market.lpCreatorShare)} of the liquidity, neither burned nor locked: it can be pulled`, { lpCreatorShare: market.lpCreatorShare, lpBurnedShare: market.lpBurnedShare, lpLockedShare: market.lpLockedShare, pool: market.pool }, 'Prefer pools whose liquidity is burned or locked.');
    if (market.liquidityEth !== null && market.liquidityEth < 1) signal('thin-liquidity', 'Thin liquidity', 'low', ['market'], 0.2, `thin liquidity: ${market.liquidityEth.toFixed(3)} ETH in the pool`, { liquidityEth: market.liquidityEth, pool: market.pool }, 'Expect a large price impact, and a pool that is easy to drain.');
    if (market.top10HolderShare !== null && market.top10HolderShare > 0.8) signal('concentrated-holders', 'Supply held by a few', 'low', ['market'], 0.2, `the ten largest holders (pools excluded) hold ${pct(market.top10HolderShare)} of the supply`, { top10HolderShare: market.top10HolderShare }, 'A few holders can crash the price by selling.');
  }
  if (rugScore && rugScore.probability >= 0.5) {
    const drivers = rugScore.drivers.slice(0, 3).map((d) => `${d.feature} = ${Math.round(d.value * 1000) / 1000}`).join(', ');
    // Half weight: the model was trained on 2021 mainnet pools with a class balance unlike the real one.
    signal('pre-rug-model', 'Pre-rug model: likely rug pull', rugScore.probability >= 0.9 ? 'high' : 'medium', ['model'], 0.5 * rugScore.probability, `the pre-rug model scores ${pct(rugScore.probability)}${drivers ? ` (${drivers})` : ''}`, { probability: rugScore.probability, drivers: rugScore.drivers.slice(0, 3), model: rugScore.model }, 'Treat the token as a likely rug pull; check who can remove the liquidity.');
  }
  return out.sort((a, b) => (weightOf(b) ?? -1) - (weightOf(a) ?? -1));
}

/** The reasons the score adds up: the findings that carry a weight, with their explanation. */
export function riskReasons(parts: ReportParts): Array<{ weight: number; reason: string }> {
  return reasonsOf(riskFindings(parts));
}

function reasonsOf(findings: Finding[]): Array<{ weight: number; reason: string }> {
  return findings.flatMap((f) => {
    const weight = weightOf(f);
    return weight === null ? [] : [{ weight, reason: f.explanation }];
  });
}

/**
 * The GoPlus-style tri-state view: a flag is true when a finding says so, with the evidence the findings
 * carry; otherwise what the analyses concluded (`checked`: false when checked and absent, null when unknown).
 */
export function flagsView(findings: Finding[], checked: TokenFlags): TokenFlags {
  const out = {} as TokenFlags;
  for (const name of FLAG_NAMES) {
    const found = findings.filter((f) => f.evidence.flag === name);
    // True only through a finding: `riskFindings` makes one per true flag, so `checked` is never true here.
    out[name] = found.length > 0 ? { value: true, evidence: found.flatMap((f) => f.evidence.seen as FlagEvidence[]) } : checked[name].value === true ? { value: null, evidence: [] } : checked[name];
  }
  return out;
}

export function buildReport(parts: ReportParts): TokenReport {
  const findings = riskFindings(parts);
  const reasons = reasonsOf(findings);
  const safe = reasons.reduce((p, r) => p * (1 - r.weight), 1);
  return {
    chainId: parts.chainId ?? null,
    address: parts.address ?? null,
    name: parts.name ?? null,
    symbol: parts.symbol ?? null,
    riskScore: Math.round(100 * (1 - safe)),
    reasons: reasons.map((r) => ({ points: Math.round(100 * r.weight), reason: r.reason })),
    findings,
    flags: flagsView(findings, parts.flags),
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
