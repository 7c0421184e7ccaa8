/**
 * Differential privacy for federated training: Gaussian noise drawn from the operating system's
 * cryptographic generator, per-record gradient clipping, and a Rényi-DP accountant for the whole run.
 *
 * The guarantee is record-level: adding or removing one record (one post or domain) of any node changes
 * the released sum of clipped, weighted gradients by at most S = C × max class weight (posts-task.ts
 * dpSensitivity; S = C under logit-adjusted weighting), and each round releases that sum plus N(0, σ²S²).
 * Round 0's counts are released the same way (sensitivity √2), so a run is rounds + 1 releases. Composition over rounds is in Rényi DP (Mironov 2017), turned into (ε, δ) with the
 * conversion of Balle et al. (2020), which is tighter than the classic ε = ρ + log(1/δ)/(α−1).
 * No subsampling amplification is claimed: every round uses every record.
 */
import { randomBytes } from 'node:crypto';

/** A uniform double in (0, 1] from 53 random bits of the OS CSPRNG. */
function uniforms(n: number): Float64Array {
  const bytes = randomBytes(8 * n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hi = bytes.readUInt32BE(8 * i) >>> 5; // 27 bits
    const lo = bytes.readUInt32BE(8 * i + 4) >>> 6; // 26 bits
    out[i] = (hi * 67108864 + lo + 1) / 9007199254740992; // never 0: log(0) would be -∞
  }
  return out;
}

/** n independent N(0, std²) samples, Box–Muller over CSPRNG uniforms (Math.random is not a privacy source). */
export function gaussianNoise(n: number, std: number): Float64Array {
  const u = uniforms(n + (n % 2));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(u[i] as number)) * std;
    const t = 2 * Math.PI * (u[i + 1] as number);
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

/** Orders α at which the RDP curve is evaluated (the usual grid of the moments accountant). */
const ORDERS = [1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 48, 64, 96, 128, 256, 512, 1024];

/** ε of `rounds` Gaussian mechanisms with noise multiplier σ (std / sensitivity), at δ. */
export function gaussianEpsilon(sigma: number, rounds: number, delta: number): { epsilon: number; order: number } {
  if (!(sigma > 0) || !(delta > 0 && delta < 1) || rounds < 0) throw new RangeError('σ > 0, 0 < δ < 1, rounds ≥ 0');
  let best = { epsilon: Infinity, order: 0 };
  for (const a of ORDERS) {
    const rdp = (rounds * a) / (2 * sigma * sigma);
    const eps = rdp + Math.log((a - 1) / a) - (Math.log(delta) + Math.log(a)) / (a - 1);
    if (eps < best.epsilon) best = { epsilon: Math.max(0, eps), order: a };
  }
  return best;
}

/** The smallest noise multiplier σ that keeps `rounds` rounds within (ε, δ) (bisection on gaussianEpsilon). */
export function sigmaForEpsilon(epsilon: number, rounds: number, delta: number): number {
  if (!(epsilon > 0)) throw new RangeError('ε must be > 0');
  let lo = 1e-3;
  let hi = 1;
  while (gaussianEpsilon(hi, rounds, delta).epsilon > epsilon) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (gaussianEpsilon(mid, rounds, delta).epsilon > epsilon) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The privacy settings of a run, fixed by the coordinator before the first round. */
export interface DpSettings {
  /** Per-record L2 clipping norm of the gradient (weights and bias together). */
  clip: number;
  /** Noise multiplier: the summed noise has std σ·S, S = clip × max class weight (in gradient-sum units). */
  sigma: number;
  delta: number;
  /** Each node adds its share with std σ·C/√quorum, so the sum carries at least σ·C while `quorum` nodes remain. */
  quorum: number;
}
