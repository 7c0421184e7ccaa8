/**
 * The phishing-domain model as a federated task. The house model (src/fraud/domains/model.ts) is a
 * logistic regression over 2¹⁸ hashed character n-grams and structural features: 2 MiB of Float64 a
 * round per node, and DP noise over 262,144 coordinates would drown the signal. So the federated model
 * is a compact logistic regression over the same features (the house `featurize`, through its public
 * function), folded into `buckets` hashed buckets (index mod buckets), n-grams at the house's 1/√grams
 * value and structural features at 1. Central and per-node baselines in eval:fed use the same compact
 * model, so the comparison is of training regimes; the shipped domain model is not replaced by it.
 */
import { checkLookalike } from '../fraud/domains/lookalike.js';
import { featurize } from '../fraud/domains/model.js';
import { parseHost } from '../fraud/domains/parse.js';
import type { SparseRow } from '../fraud/posts/linear.js';

export interface DomainTaskSpec {
  task: 'domains';
  /** Power of two: the house's 2¹⁸ feature indices are folded to this many. */
  buckets: number;
  lambda: number;
  learningRate: number;
  adamEpsilon?: number;
}

export const DOMAIN_TASK: DomainTaskSpec = { task: 'domains', buckets: 1 << 14, lambda: 1e-4, learningRate: 0.05 };

/** Whether the house domain model scores this name (it parses as a host name and is not an IP address). */
export function isScorableHost(domain: string): boolean {
  const p = parseHost(domain);
  return p.ok && !p.value.isIp;
}

/** The row of one host name, or null when it is not a host name the house model scores (unparseable, an IP). */
export function domainRow(spec: DomainTaskSpec, domain: string): SparseRow | null {
  const p = parseHost(domain);
  if (!p.ok || p.value.isIp) return null;
  const look = checkLookalike(p.value);
  const f = featurize(p.value, { brand: look.brandHit, brandExact: look.brandExact, lure: look.lureHit });
  const acc = new Map<number, number>();
  const mask = spec.buckets - 1;
  for (let i = 0; i < f.count; i++) {
    const b = (f.idx[i] as number) & mask;
    acc.set(b, (acc.get(b) ?? 0) + (i < f.grams ? f.gramValue : 1));
  }
  const index = Int32Array.from([...acc.keys()].sort((a, b) => a - b));
  return { index, value: Float64Array.from(index, (b) => acc.get(b) as number) };
}

/**
 * A node's domain file: one `host,label` per line (label 1/phishing or 0/legit; a header line and blank
 * lines are skipped). Lines that do not read are counted, not fatal.
 */
export function parseDomainLines(content: string): { records: Array<{ text: string; label: 0 | 1 }>; bad: number } {
  const records: Array<{ text: string; label: 0 | 1 }> = [];
  let bad = 0;
  for (const [i, raw] of content.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [host, label] = line.split(/[,\t]/).map((x) => x.trim().toLowerCase());
    const y = label === '1' || label === 'phishing' ? 1 : label === '0' || label === 'legit' ? 0 : undefined;
    if (!host || y === undefined || /\s/.test(host)) {
      if (i > 0) bad++; // the first line may be a header
      continue;
    }
    records.push({ text: host, label: y });
  }
  return { records, bad };
}
