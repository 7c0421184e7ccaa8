/**
 * Rugs the monitor saw, as a set of addresses: the pool of every `monitor/liquidity-pull` alert (its
 * evidence names the pool, not the token) and the token and pool of every `monitor/hidden-mint-dump`
 * alert. Retracted alerts (a reorg took their transaction away) do not count. A creator's earlier token
 * counts as rugged when it or its WETH pool is in the set.
 */
import type { AlertStore } from '../../store/alerts.js';

export const RUG_DETECTORS = ['monitor/liquidity-pull', 'monitor/hidden-mint-dump'] as const;

interface AlertLike {
  finding: { detector: string; evidence: Record<string, unknown> };
  retractedAt?: string;
}

/** Lower-case addresses of rugged tokens and pools in `alerts`. */
export function ruggedFromAlerts(alerts: Iterable<AlertLike>): Set<string> {
  const out = new Set<string>();
  for (const a of alerts) {
    if (a.retractedAt || !(RUG_DETECTORS as readonly string[]).includes(a.finding.detector)) continue;
    for (const key of ['token', 'pool']) {
      const v = a.finding.evidence[key];
      if (typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v)) out.add(v.toLowerCase());
    }
  }
  return out;
}

/** The same, read from the monitor's alert store for one chain. */
export async function ruggedFromStore(store: AlertStore, chainId: number): Promise<Set<string>> {
  return ruggedFromAlerts(await store.alerts({ chainId }));
}
