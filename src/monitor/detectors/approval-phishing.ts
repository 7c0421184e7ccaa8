import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, lc, report } from './detector.js';
import { count, formatToken, tokenName } from '../../core/amounts.js';
import { transfersOf } from '../state.js';

/** An approval at or above this is "unlimited". */
const UNLIMITED = 2n ** 128n;
/** A spender first seen at most this many blocks ago (or never) has "no history". */
const FRESH_BLOCKS = 300;

const meta = {
  id: 'approval-phishing',
  title: 'Approval to a fresh address, then a sweep',
  severity: 'high' as const,
  confidence: 0.85,
  kind: 'approval-phishing' as const,
  description: 'A holder approved (or signed a permit for) an address that has never sent a transaction, for an unlimited amount; such a spender then moved the holder\'s tokens with transferFrom.',
  recommendation: 'Revoke the approval (revoke.cash or the token\'s approve(spender, 0)); warn the holder; block the spender.',
};

interface Own {
  /** `${token}:${owner}:${spender}` approvals to spenders that had no history. */
  fresh: Set<string>;
  alerted: Set<string>;
}

export default defineMonitorDetector(meta, (): Own => ({ fresh: new Set(), alerted: new Set() }), (tx, own, env) => {
  if (tx.status !== 'success') return [];
  const out: Finding[] = [];
  for (const e of tx.events) {
    const approval = e.standard === 'erc20' && e.event === 'Approval';
    const permit = (e.standard === 'eip2612' || e.standard === 'permit2') && e.event === 'Permit';
    if (!approval && !permit) continue;
    const owner = lc(approval ? e.args.owner : e.args.owner);
    const spender = lc(e.args.spender);
    const token = lc(permit && e.args.token ? e.args.token : e.address);
    const value = typeof e.args.value === 'bigint' ? e.args.value : 0n;
    if (env.knownGood.has(spender) || env.state.isContract(spender) || spender === owner) continue;
    const age = env.state.age(spender, tx.blockNumber);
    const fresh = (env.state.sent.get(spender) ?? 0) === 0 && (age < 0 || age <= FRESH_BLOCKS);
    if (!fresh || value === 0n) continue;
    own.fresh.add(`${token}:${owner}:${spender}`);
    if (value < UNLIMITED || own.alerted.has(`${owner}:${spender}`)) continue;
    own.alerted.add(`${owner}:${spender}`);
    out.push(
      report(meta, env, {
        tx,
        stage: 'preparation',
        address: spender,
        role: 'spender',
        message: `${owner} gave ${spender}, an address that has never sent a transaction (first seen ${age < 0 ? 'now' : `${count(age, 'block')} ago`}), an unlimited ${permit ? 'permit' : 'approval'} on ${tokenName(token, env.tokens.get(token))}.`,
        evidence: { token, owner, spender, via: permit ? String(e.args.via ?? 'permit') : 'approve', spenderAgeBlocks: age },
        severity: 'medium',
        confidence: 0.7,
      }),
    );
  }
  for (const t of transfersOf(tx)) {
    if (t.value === 0n || tx.from === t.from || tx.to !== t.token || !own.fresh.has(`${t.token}:${t.from}:${tx.from}`)) continue;
    const held = env.state.balance(t.token, t.from);
    if (held > 0n && t.value * 2n < held) continue;
    out.push(
      report(meta, env, {
        tx,
        stage: 'exploitation',
        message: `${tx.from}, approved while it had no history, swept ${formatToken(t.value, t.token, env.tokens.get(t.token))} from ${t.from} with transferFrom.`,
        evidence: { token: t.token, victim: t.from, spender: tx.from, to: t.to, value: String(t.value), victimBalanceBefore: String(held) },
      }),
    );
  }
  return out;
});
