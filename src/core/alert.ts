/**
 * An `Alert` is a `Finding` the monitor raised on a chain, with where and when. Its id is deterministic
 * (a hash of the detector, the subject, the chain, the block hash and the transaction hash when there is
 * one), so the same alert raised twice, for instance after a restart re-processes a block, has the same
 * id: the store, the webhook outbox and receivers (through the idempotency key) see it once. The block
 * hash is part of it so that a transaction a reorg moved to another block raises a new alert, while the
 * one on the dropped block is retracted (alert-id.ts makes alerts and their ids).
 *
 * Types only, with no Node import: the dashboard type-checks the API's types, which use these.
 */
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
