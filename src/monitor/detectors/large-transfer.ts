import type { Finding } from '../../core/finding.js';
import { defineMonitorDetector, report } from './detector.js';
import { formatToken } from '../../core/amounts.js';
import { transfersOf } from '../state.js';

const MIN_HISTORY = 3;
const MAX_MULTIPLE = 10n;
const Z = 4;

const meta = {
  id: 'large-transfer',
  title: 'Transfer far outside the sender\'s history',
  severity: 'high' as const,
  confidence: 0.75,
  kind: 'treasury-drain' as const,
  description: 'An address sent at least half of its balance of a token in one transfer, ten times its largest earlier transfer and far above its usual amounts (streaming mean and variance of log amounts).',
  recommendation: 'Check with the owner of the sending address whether the transfer was intended; a compromised key or signer is the usual cause.',
};

interface Stats {
  n: number;
  mean: number;
  m2: number;
  max: bigint;
}

export default defineMonitorDetector(meta, () => new Map<string, Stats>(), (tx, own, env) => {
  if (tx.status !== 'success') return [];
  const out: Finding[] = [];
  for (const t of transfersOf(tx)) {
    if (t.from !== tx.from || tx.to !== t.token || t.value === 0n) continue;
    const key = `${t.from}:${t.token}`;
    const s = own.get(key) ?? { n: 0, mean: 0, m2: 0, max: 0n };
    const x = Math.log2(Number(t.value));
    if (s.n >= MIN_HISTORY) {
      const sd = Math.sqrt(s.m2 / (s.n - 1));
      const z = (x - s.mean) / Math.max(sd, 0.5);
      const held = env.state.balance(t.token, t.from);
      if (z >= Z && t.value >= s.max * MAX_MULTIPLE && t.value * 2n >= held && !env.knownGood.has(t.from)) {
        out.push(
          report(meta, env, {
            tx,
            stage: 'exploitation',
            message: `${t.from} sent ${formatToken(t.value, t.token, env.tokens.get(t.token))} to ${t.to}: ${held > 0n ? Number((t.value * 1000n) / held) / 10 : 100} % of its balance, ${(t.value / (s.max || 1n)).toString()}× its largest earlier transfer (${s.n} earlier, z = ${z.toFixed(1)} on log amounts).`,
            evidence: { token: t.token, from: t.from, to: t.to, value: String(t.value), balanceBefore: String(held), earlierTransfers: s.n, largestEarlier: String(s.max), z },
          }),
        );
      }
    }
    s.n++;
    const d = x - s.mean;
    s.mean += d / s.n;
    s.m2 += d * (x - s.mean);
    if (t.value > s.max) s.max = t.value;
    own.set(key, s);
  }
  return out;
});
