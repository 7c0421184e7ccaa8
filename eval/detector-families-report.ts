import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import { scoreFamilies, type SplitScore } from './detector-families-score.js';

/**
 * The issue-15 block of `npm run eval:audit`: first-contact (recorded once, before any tuning, in
 * eval/data/detector-families-first-contact.json), development and held-out figures per detector on
 * its own test families, fixed twins flagged, and the share of the 1,999 ordinary wild-sample files
 * each detector flags.
 */

interface FirstContact {
  recorded: string;
  dev: SplitScore;
  heldOut: SplitScore;
  perDetector: Record<string, { dev: SplitScore; heldOut: SplitScore }>;
}

export async function printDetectorFamilies(): Promise<void> {
  const first = JSON.parse(readFileSync(new URL('../../eval/data/detector-families-first-contact.json', import.meta.url), 'utf8')) as FirstContact;
  const r = await scoreFamilies();
  const wildFileCount = Math.max(1, r.wildTotal);
  const frac = (s: SplitScore) => `${s.found}/${s.families}`;
  console.log(pc.bold(`\nIssue-15 detector families (eval/detector-families.ts: vulnerable + fixed twin, 0.4-0.8 syntax; the third family of each detector held out)`));
  console.log(pc.yellow(`  first contact recorded ${first.recorded.slice(0, 10)} before any tuning; development families guided the rules, held-out ones never did; the wild sample is ordinary code`));
  console.log(pc.dim(`  ${'detector'.padEnd(30)} ${'first dev'.padStart(9)} ${'first held'.padStart(10)}   ${'dev'.padStart(5)} ${'held-out'.padStart(8)} ${'twins flagged'.padStart(13)}   wild files flagged`));
  for (const d of r.perDetector) {
    const f = first.perDetector[d.detector];
    const twins = d.dev.fixedFlagged + d.heldOut.fixedFlagged;
    const rate = `${String(d.wildFiles).padStart(4)}  ${((100 * d.wildFiles) / wildFileCount).toFixed(1).padStart(4)}%`;
    console.log(`  ${d.detector.padEnd(30)} ${(f ? frac(f.dev) : '-').padStart(9)} ${(f ? frac(f.heldOut) : '-').padStart(10)}   ${frac(d.dev).padStart(5)} ${frac(d.heldOut).padStart(8)} ${String(twins).padStart(13)}   ${rate}`);
  }
  const pct = (s: SplitScore) => `${((100 * s.found) / Math.max(1, s.families)).toFixed(1)}%`;
  console.log(
    `  ${pc.bold('overall')}  first contact: dev ${frac(first.dev)} = ${pct(first.dev)}, held-out ${frac(first.heldOut)} = ${pct(first.heldOut)};` +
      ` now: dev ${frac(r.dev)} = ${pct(r.dev)}, held-out ${frac(r.heldOut)} = ${pc.bold(pct(r.heldOut))}; fixed twins flagged: ${r.dev.fixedFlagged + r.heldOut.fixedFlagged}/${r.dev.families + r.heldOut.families}`,
  );
  console.log(`  wild-sample files flagged by any of these detectors: ${r.wildFiles}/${wildFileCount} = ${((100 * r.wildFiles) / wildFileCount).toFixed(1)}%`);
  for (const d of r.perDetector) for (const m of d.misses) console.log(pc.dim(`  ${m}`));
}
