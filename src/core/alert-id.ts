/** Alerts and their deterministic ids (see alert.ts for why an id is what it is). */
import { createHash } from 'node:crypto';
import type { Alert, AlertContext } from './alert.js';
import type { Finding } from './finding.js';

/** JSON with sorted object keys (and bigints as decimal strings), so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (typeof v === 'bigint') return v.toString();
    if (Array.isArray(v)) return v.map(norm);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = norm(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(norm(value));
}

/**
 * The alert id: sha256 over the detector, the subject (canonical JSON), the chain, the block hash and the
 * transaction hash; first 128 bits in hex. Hashes are lower-cased, so their spelling does not make a new
 * alert.
 */
export function alertId(detector: string, subject: unknown, chainId: number, where: { txHash?: string; blockHash: string }): string {
  const input = canonicalJson({ v: 1, detector, subject, chainId, block: where.blockHash.toLowerCase(), tx: where.txHash?.toLowerCase() ?? null });
  return createHash('sha256').update(input).digest('hex').slice(0, 32);
}

export function makeAlert(finding: Finding, context: AlertContext): Alert {
  const txHash = context.txHash ?? (finding.subject.kind === 'transaction' ? finding.subject.hash : undefined);
  const alert: Alert = {
    id: alertId(finding.detector, finding.subject, context.chainId, { txHash, blockHash: context.blockHash }),
    finding,
    chainId: context.chainId,
    blockNumber: Number(context.blockNumber),
    blockHash: context.blockHash,
    createdAt: (context.createdAt ?? new Date()).toISOString(),
  };
  if (txHash !== undefined) alert.txHash = txHash;
  return alert;
}
