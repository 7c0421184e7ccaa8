/**
 * The messages between `argus fed node` and `argus fed coordinator` (JSON over HTTP). Vectors travel as
 * base64 of their little-endian bytes: masked updates as Uint32 (Z/2³²), the model as Float64.
 */
import type { DpSettings } from './dp.js';
import type { FedTaskSpec } from './task.js';

export interface RosterEntry {
  id: string;
  publicKey: string;
}

export interface UpdateTask {
  kind: 'update';
  session: string;
  round: number;
  attempt: number;
  roster: RosterEntry[];
  /** 'counts': [records, positives] (round 0); 'gradient': the model's gradient; 'histogram': the baseline task's bin counts. */
  what: 'counts' | 'gradient' | 'histogram';
  spec: FedTaskSpec;
  scale: number;
  maxParties: number;
  model?: string;
  positiveWeight?: number;
  totalWeight?: number;
  dp?: DpSettings;
}

export interface RevealTask {
  kind: 'reveal';
  session: string;
  round: number;
  attempt: number;
  roster: RosterEntry[];
  dropped: string[];
}

export type Task = { kind: 'wait' } | UpdateTask | RevealTask | { kind: 'done'; model: string; spec: FedTaskSpec; epsilon?: number; delta?: number } | { kind: 'excluded'; reason: string };

export interface JoinMessage {
  node: string;
  publicKey: string;
}

export interface UpdateMessage {
  node: string;
  round: number;
  attempt: number;
  vector: string;
}

export interface RevealMessage {
  node: string;
  round: number;
  attempt: number;
  /** peer id → hex of the per-round pair seed. */
  seeds: Record<string, string>;
}

export const u32ToBase64 = (v: Uint32Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
export const f64ToBase64 = (v: Float64Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');

export function base64ToU32(s: string): Uint32Array {
  const b = Buffer.from(s, 'base64');
  if (b.length % 4 !== 0) throw new Error('vector length is not a multiple of 4 bytes');
  return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}

export function base64ToF64(s: string): Float64Array {
  const b = Buffer.from(s, 'base64');
  if (b.length % 8 !== 0) throw new Error('vector length is not a multiple of 8 bytes');
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}
