/**
 * The one seeded PRNG of the learned models (isolation forest, gradient-boosted trees, the text and domain
 * classifiers): FNV-1a of the seed string into mulberry32. Tiny, fast, and the same numbers on every run
 * and platform, which is what makes `npm run train:*` reproduce the committed model files byte for byte.
 * Not for anything secret. (`argus simulate` has its own keccak-seeded sfc32 in src/chain/scenarios/prng.ts,
 * because its wallets' keys come from it too.)
 */
export function seededRandom(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
