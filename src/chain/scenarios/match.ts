/**
 * Which findings are about which simulated attack: a finding matches an attack when its subject (an
 * address or a transaction) is one the attack's ground truth names, at a block inside the attack's block
 * range. The evaluation (eval/monitor-score.ts) and the demo's scoreboard judge the monitor by this rule.
 */
import type { Finding } from '../../core/finding.js';
import { findingBlockNumber } from '../../core/finding.js';
import type { GroundTruth } from './truth.js';

/** The names a finding is about: its address or transaction hash, lower case. */
export function findingNames(f: Finding): string[] {
  if (f.subject.kind === 'address') return [f.subject.address.toLowerCase()];
  if (f.subject.kind === 'transaction') return [f.subject.hash.toLowerCase()];
  return [];
}

/** Every address and transaction hash the attack's ground truth names, lower case. */
export function truthNames(t: GroundTruth): Set<string> {
  const s = new Set<string>();
  for (const v of Object.values(t.addresses)) for (const a of Array.isArray(v) ? v : [v]) s.add(a.toLowerCase());
  for (const x of t.txs) s.add(x.hash.toLowerCase());
  return s;
}

export function matchesAttack(f: Finding, t: GroundTruth, names: ReadonlySet<string> = truthNames(t)): boolean {
  const b = findingBlockNumber(f);
  return b >= t.blockRange[0] && b <= t.blockRange[1] && findingNames(f).some((n) => names.has(n));
}

/** The block of the attack's first exploitation-stage transaction, or null when it has none. */
export function exploitationBlock(t: GroundTruth): number | null {
  const blocks = t.txs.filter((x) => x.stage === 'exploitation').map((x) => x.block);
  return blocks.length ? Math.min(...blocks) : null;
}
