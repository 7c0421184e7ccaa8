import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, report } from './detector.js';
import { formatEth, formatToken } from '../../core/amounts.js';
import { transfersOf } from '../state.js';

const meta = {
  id: 'sanctioned-counterparty',
  title: 'Funds to or from a sanctioned address',
  severity: 'high' as const,
  confidence: 0.95,
  kind: 'sanctions' as const,
  description: 'A transaction or token transfer sends funds to, or receives them from, an address on the sanctions list given to the monitor.',
  recommendation: 'Freeze or hold the funds as your compliance policy requires and report the transaction.',
};

export default defineMonitorDetector(meta, () => null, (tx, _own, env) => {
  if (env.sanctioned.size === 0 || tx.status !== 'success') return [];
  const hits: Array<{ listed: string; direction: 'to' | 'from'; token: string | null; value: bigint }> = [];
  if (tx.value > 0n && tx.to && env.sanctioned.has(tx.to)) hits.push({ listed: tx.to, direction: 'to', token: null, value: tx.value });
  if (tx.value > 0n && env.sanctioned.has(tx.from)) hits.push({ listed: tx.from, direction: 'from', token: null, value: tx.value });
  for (const t of transfersOf(tx)) {
    if (env.sanctioned.has(t.to)) hits.push({ listed: t.to, direction: 'to', token: t.token, value: t.value });
    else if (env.sanctioned.has(t.from)) hits.push({ listed: t.from, direction: 'from', token: t.token, value: t.value });
  }
  const out: Finding[] = [];
  const h = hits[0];
  if (h) {
    const listedAs = env.sanctionLabels.get(h.listed);
    out.push(
      report(meta, env, {
        tx,
        stage: h.direction === 'from' ? 'laundering' : 'exploitation',
        message: `${h.token ? formatToken(h.value, h.token, env.tokens.get(h.token)) : formatEth(h.value)} ${h.direction === 'to' ? 'sent to' : 'received from'} sanctioned address ${h.listed}${listedAs ? ` (${listedAs})` : ''}${hits.length > 1 ? ` (${hits.length} movements in this transaction)` : ''}.`,
        evidence: { listed: h.listed, ...(listedAs ? { listedAs } : {}), direction: h.direction, token: h.token, value: String(h.value), movements: hits.length },
      }),
    );
  }
  return out;
});
