/**
 * Secure aggregation by pairwise masks (after Bonawitz et al., CCS 2017, without the double masking):
 * every pair of nodes agrees on a secret by X25519, expands it per round into a mask vector in Z/2³²
 * (HKDF-SHA-256 → ChaCha20 keystream), and one adds the mask while the other subtracts it. Each masked
 * vector alone is uniformly random to the coordinator; the masks cancel in the sum, so it learns only Σ xᵢ.
 *
 * Drop-out: when a node's vector never arrives, the survivors reveal the per-round seed they share with
 * it (only that round's, derived by HKDF, never the X25519 secret) and the coordinator removes those
 * masks. The round goes on without the dropped node. The threat model is an honest-but-curious
 * coordinator: one that lies that a node dropped while holding its vector could unmask that vector
 * (double masking with secret-shared self-masks closes this; not done here).
 */
import { x25519 } from '@noble/curves/ed25519';
import { hkdf } from '@noble/hashes/hkdf';
import { sha256 } from '@noble/hashes/sha256';
import { chacha20 } from '@noble/ciphers/chacha';

export interface KeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function newKeyPair(): KeyPair {
  const secretKey = x25519.utils.randomPrivateKey();
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

/** The seed of the mask shared by nodes `a` and `b` in one attempt of one round (order-independent). */
export function pairSeed(secretKey: Uint8Array, peerPublic: Uint8Array, session: string, round: number, attempt: number, a: string, b: string): Uint8Array {
  const shared = x25519.getSharedSecret(secretKey, peerPublic);
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return hkdf(sha256, shared, new TextEncoder().encode(session), `argus-fed-mask|${round}|${attempt}|${lo}|${hi}`, 32);
}

const NONCE = new Uint8Array(12);

/** The mask vector of a seed: `length` words of ChaCha20 keystream. */
export function expandMask(seed: Uint8Array, length: number): Uint32Array {
  const stream = chacha20(seed, NONCE, new Uint8Array(4 * length));
  return new Uint32Array(stream.buffer, stream.byteOffset, length);
}

/** `into` += sign·mask (mod 2³²); the node with the smaller id adds, the other subtracts. */
export function applyMask(into: Uint32Array, mask: Uint32Array, sign: 1 | -1): void {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] as number) + sign * (mask[i] as number);
}

export const maskSign = (self: string, peer: string): 1 | -1 => (self < peer ? 1 : -1);

/** Adds `b` into `a` (mod 2³²). */
export function addInto(a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) + (b[i] as number);
}

/**
 * Fixed-point coding of reals into Z/2³² (two's complement). `scale` is the resolution; each value is
 * clamped so that the sum of up to `maxParties` of them cannot wrap.
 */
export function encodeFixed(x: Float64Array, scale: number, maxParties: number): Uint32Array {
  const limit = Math.floor(0x7fffffff / maxParties);
  const out = new Uint32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = Math.max(-limit, Math.min(limit, Math.round((x[i] as number) * scale)));
    out[i] = v >>> 0;
  }
  return out;
}

export function decodeFixed(x: Uint32Array, scale: number): Float64Array {
  return Float64Array.from(x, (v) => (v | 0) / scale);
}
