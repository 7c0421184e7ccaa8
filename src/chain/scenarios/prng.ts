/**
 * A seeded PRNG (sfc32) and seeded keys. Everything `argus simulate` decides (wallets, amounts, which
 * pool, how many blocks to wait) comes from here, so the same seed replays the same transactions.
 */
import { keccak256, stringToHex, type Hex } from 'viem';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number, label = '') {
    const h = keccak256(stringToHex(`argus-rng:${seed}:${label}`));
    this.a = parseInt(h.slice(2, 10), 16) >>> 0;
    this.b = parseInt(h.slice(10, 18), 16) >>> 0;
    this.c = parseInt(h.slice(18, 26), 16) >>> 0;
    this.d = parseInt(h.slice(26, 34), 16) >>> 0;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** The next 32-bit unsigned integer. */
  u32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** A bigint in [min, max], in 1/10,000 steps of the range (enough for amounts). */
  between(min: bigint, max: bigint): bigint {
    return min + ((max - min) * BigInt(this.int(0, 10_000))) / 10_000n;
  }
}

/** A private key derived from the seed and a label: the same seed gives the same wallets. */
export function seededKey(seed: string | number, label: string, index = 0): Hex {
  return keccak256(stringToHex(`argus-key:${seed}:${label}:${index}`));
}
