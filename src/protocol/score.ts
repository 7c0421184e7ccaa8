/**
 * A protocol's risk as points with a reason in words for each, so a reader can check every one. The
 * points of a power depend on what it lets its holder do (replace the code > mint > administer > pause)
 * and on how its holder decides: one key acts at once; a multisig needs several keys but acts at once;
 * a timelock gives users its delay to leave (less than a day is little); a governor adds a vote. Oracle
 * dependence, concentration, recent privileged changes and audit findings add theirs. When a check could
 * not decide, the level is "unknown": the points are then a floor, never a clean bill.
 */
import type { Controller } from './controllers.js';
import { effective } from './controllers.js';
import type { ProtocolReport, RiskLevel, Score } from './types.js';

export type { RiskLevel, Score } from './types.js';

const POWER = { upgrade: 30, mint: 20, admin: 12, pause: 8 } as const;
type Power = keyof typeof POWER;
const VERB: Record<Power, string> = { upgrade: 'replace the contract code', mint: 'mint new tokens', admin: 'change its settings and grant powers', pause: 'pause it' };

/** How much of a power's weight a holder carries, and the words that say why. */
function holderFactor(c: Controller): { factor: number; words: string } {
  const e = effective(c);
  const via = e !== c ? ` (through ${c.address})` : '';
  switch (e.kind) {
    case 'none':
      return { factor: 0, words: `nobody (renounced)${via}` };
    case 'eoa':
      return { factor: 1, words: `a single key ${e.address}${via}, at once` };
    case 'multisig':
      return (e.threshold ?? 1) <= 1
        ? { factor: 1, words: `a 1-of-${e.owners?.length ?? '?'} multisig ${e.address}${via} (one key), at once` }
        : { factor: 0.5, words: `a ${e.threshold}-of-${e.owners?.length} multisig ${e.address}${via}, at once` };
    case 'timelock': {
      const oneKey = (e.controlledBy ?? []).some((p) => effective(p).kind === 'eoa');
      const short = (e.delay ?? 0) < 86_400;
      return { factor: (short ? 0.4 : 0.15) + (oneKey ? 0.15 : 0), words: `a timelock ${e.address}${via} with ${short ? 'only ' : ''}${e.delay} s notice${oneKey ? ', proposed by a single key' : ''}` };
    }
    case 'governor':
      return { factor: 0.15, words: `token-holder governance ${e.address}${via}` };
    default:
      return { factor: 0, words: `${e.kind} ${e.address}${via} (${e.note})` };
  }
}

export function scoreProtocol(r: Omit<ProtocolReport, 'score'>): Score {
  const reasons: Score['reasons'] = [];
  const add = (points: number, reason: string) => reasons.push({ points: Math.round(points), reason });
  const power = (p: Power, holders: Controller[]) => {
    // The weakest holder decides: any one of them can use the power.
    const worst = holders.map(holderFactor).sort((x, y) => y.factor - x.factor)[0];
    if (worst) add(POWER[p] * worst.factor, `${worst.words} can ${VERB[p]}.`);
  };
  if (r.kind === 'eoa') return { points: 0, level: 'unknown', reasons: [{ points: 0, reason: 'Not a contract: there is no protocol to assess.' }] };
  if (r.upgradeability.upgrader) power('upgrade', [r.upgradeability.upgrader]);
  else add(0, `The code cannot be replaced (${r.upgradeability.note}).`);
  if (r.mint.present) power('mint', r.mint.holders);
  if (r.pause.present) power('pause', r.pause.holders);
  if (r.pause.paused) add(5, 'It is paused now: users cannot use it until a pause holder lets them.');
  const admins = [...(r.roles.find((x) => x.name === 'DEFAULT_ADMIN_ROLE')?.holders ?? []), ...(r.owner ? [r.owner] : [])];
  if (admins.length) power('admin', admins);
  if (r.oracles.spot) add(25, `Prices come from a pair's spot reserves, which one large swap (a flash loan) moves within a transaction (${r.oracles.evidence.join('; ')}).`);
  if (r.oracles.twap) add(5, 'Prices come from a time-weighted average (cumulative prices): costly but not impossible to move over its window.');
  if (r.oracles.chainlink) add(3, 'Prices come from a Chainlink-style feed: the protocol depends on its operator and on refusing stale answers.');
  const c = r.concentration;
  if (c) {
    const top = c.top[0];
    if (top && !top.pair && c.top1 >= 0.5) add(15, `One holder, ${top.address}, has ${(100 * c.top1).toFixed(1)}% of the supply.`);
    else if (top && !top.pair && c.top1 >= 0.2) add(8, `One holder, ${top.address}, has ${(100 * c.top1).toFixed(1)}% of the supply.`);
    if (c.top10 >= 0.9 && c.holders > 10) add(5, `The ten largest holders have ${(100 * c.top10).toFixed(1)}% of the supply.`);
    for (const l of c.liquidity) {
      if (l.topLpShare >= 0.5) add(l.topLpShare >= 0.9 ? 12 : 6, `${l.topLpHolder} holds ${(100 * l.topLpShare).toFixed(1)}% of pair ${l.pair}'s liquidity (${(100 * l.burnedShare).toFixed(2)}% burned) and can pull it.`);
    }
  }
  if (r.changes.length) add(Math.min(15, 5 * r.changes.length), `${r.changes.length} privileged change(s) recently: ${r.changes.slice(0, 5).map((x) => `${x.event} on ${x.contract} at block ${x.block}`).join('; ')}.`);
  if (r.audit) {
    const n = (s: string) => r.audit?.findings.filter((f) => f.severity === s).length ?? 0;
    const pts = Math.min(30, 15 * n('critical') + 8 * n('high') + 2 * n('medium'));
    add(pts, `The audit of ${r.audit.file} found ${n('critical')} critical, ${n('high')} high and ${n('medium')} medium issue(s).`);
  }
  const points = Math.min(100, reasons.reduce((a, x) => a + x.points, 0));
  for (const u of r.undecided) reasons.push({ points: 0, reason: `Could not decide: ${u}` });
  const level: RiskLevel = r.undecided.length > 0 ? 'unknown' : points < 15 ? 'low' : points < 40 ? 'medium' : points < 70 ? 'high' : 'critical';
  return { points, level, reasons };
}
