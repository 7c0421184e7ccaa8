/**
 * An `Alert` is a `Finding` the monitor raised on a chain, with where and when. Its id is deterministic
 * (a hash of the detector, the subject, the chain, the block hash and the transaction hash when there is
 * one), so the same alert raised twice, for instance after a restart re-processes a block, has the same
 * id: the store, the webhook outbox and receivers (through the idempotency key) see it once. The block
 * hash is part of it so that a transaction a reorg moved to another block raises a new alert, while the
 * one on the dropped block is retracted.
 */
import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';

/** The detector of the findings (and alerts) that stand for a whole incident. */
export const INCIDENT_DETECTOR = 'monitor/incident';

export interface Alert {
  /** 32 hex characters: see `alertId`. */
  id: string;
  finding: Finding;
  chainId: number;
  blockNumber: number;
  blockHash: string;
  /** The transaction the alert is about, when there is one. */
  txHash?: string;
  /** ISO 8601, when the alert was raised. */
  createdAt: string;
}

/** An alert withdrawn, e.g. because a reorg removed the transaction it was about. */
export interface Retraction {
  alertId: string;
  reason: string;
  /** ISO 8601. */
  retractedAt: string;
  /** The retracted alert, when the store knew it. */
  alert?: Alert;
}

/** What sinks and live subscribers receive; also the JSON shape of JSONL lines and webhook bodies. */
export type AlertEvent = { type: 'alert'; alert: Alert } | { type: 'retraction'; retraction: Retraction };

export interface AlertContext {
  chainId: number;
  blockNumber: bigint | number;
  blockHash: string;
  /** Defaults to the subject's hash when the finding is about a transaction. */
  txHash?: string;
  /** Defaults to now. */
  createdAt?: Date;
}

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
