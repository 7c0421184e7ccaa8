import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, report, ZERO } from './detector.js';
import { formatToken, tokenName } from '../../core/amounts.js';
import { transfersOf } from '../state.js';

/** A transfer of fewer base units than this is dust. */
const DUST = 1_000n;

const meta = {
  id: 'address-poisoning',
  title: 'Address poisoning: lookalike of a known counterparty',
  severity: 'high' as const,
  confidence: 0.85,
  kind: 'address-poisoning' as const,
  description: 'A zero-value or dust transfer between an address and a lookalike of one of its usual counterparties (same first and last hex digits, different address), planted so the victim copies the wrong address from its history.',
  recommendation: 'Warn the victim: never copy addresses from transaction history; compare the full address. Label the lookalike in wallets.',
};

/** Same first two and last hex digit (after 0x), and not the same address. */
export function looksLike(a: string, b: string): boolean {
  return a !== b && a.slice(2, 4) === b.slice(2, 4) && a.slice(-1) === b.slice(-1);
}

interface Own {
  counterparties: Map<string, Set<string>>;
  /** victim -> lookalikes flagged. */
  poisoned: Map<string, Set<string>>;
}

export default defineMonitorDetector(meta, (): Own => ({ counterparties: new Map(), poisoned: new Map() }), (tx, own, env) => {
  const out: Finding[] = [];
  const transfers = tx.status === 'success' ? transfersOf(tx) : [];
  for (const t of transfers) {
    if (t.from === ZERO || t.to === ZERO) continue;
    const paid = own.poisoned.get(t.from);
    if (paid?.has(t.to) && t.value >= DUST && tx.from === t.from) {
      out.push(report(meta, env, { tx, stage: 'exploitation', message: `${t.from} paid ${formatToken(t.value, t.token, env.tokens.get(t.token))} to ${t.to}, the lookalike planted in its history.`, evidence: { victim: t.from, lookalike: t.to, token: t.token, value: String(t.value) } }));
      continue;
    }
    if (t.value >= DUST) continue;
    // Zero-value "from the victim" (anyone can emit it with transferFrom) or dust to the victim.
    for (const [victim, other] of [[t.from, t.to], [t.to, t.from]] as const) {
      const known = own.counterparties.get(victim);
      if (!known || known.has(other)) continue;
      const real = [...known].find((c) => looksLike(c, other));
      if (!real) continue;
      const set = own.poisoned.get(victim) ?? new Set<string>();
      set.add(other);
      own.poisoned.set(victim, set);
      out.push(
        report(meta, env, {
          tx,
          stage: 'exploitation',
          address: other,
          role: 'lookalike',
          message: `A ${t.value === 0n ? `zero-value transfer of ${tokenName(t.token, env.tokens.get(t.token))}` : `dust transfer of ${formatToken(t.value, t.token, env.tokens.get(t.token))}`} between ${victim} and ${other}, a lookalike of ${real}, which ${victim} has paid before.`,
          evidence: { victim, lookalike: other, counterparty: real, token: t.token, value: String(t.value), sender: tx.from },
        }),
      );
      break;
    }
  }
  // Learn counterparties: what the sender itself pays.
  const add = (from: string, to: string) => {
    const s = own.counterparties.get(from) ?? new Set<string>();
    s.add(to);
    own.counterparties.set(from, s);
  };
  if (tx.status === 'success' && tx.to && tx.value > 0n && tx.events.length === 0) add(tx.from, tx.to);
  for (const t of transfers) if (t.from === tx.from && tx.to === t.token && t.value >= DUST) add(t.from, t.to);
  return out;
});
