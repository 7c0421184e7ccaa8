import { readdirSync } from 'node:fs';
import path from 'node:path';
import { auditSource } from '../src/audit/audit-source.js';
import { auditFiles } from '../src/audit/runner.js';
import { datasetsRoot } from './datasets.js';
import { DETECTOR_FAMILIES, type DetectorFamily } from './detector-families.js';

/**
 * Scores the issue-15 detectors on their own test families (eval/detector-families.ts) and measures how
 * often each fires on ordinary code: the 2,000 un-injected files of the SmartBugs wild sample. A family
 * is found when its detector flags the vulnerable source, and a false positive when it flags the fixed
 * twin. Development and held-out families are counted apart; rules were never tuned on the held-out ones.
 */

export interface SplitScore {
  families: number;
  found: number;
  fixedFlagged: number;
}

export interface DetectorFamilyScore {
  detector: string;
  dev: SplitScore;
  heldOut: SplitScore;
  /** Wild-sample files with at least one finding of the detector. */
  wildFiles: number;
  misses: string[];
}

export interface FamiliesResult {
  perDetector: DetectorFamilyScore[];
  dev: SplitScore;
  heldOut: SplitScore;
  wildFiles: number;
  /** Files in the wild sample (0 when it was not run). */
  wildTotal: number;
}

const empty = (): SplitScore => ({ families: 0, found: 0, fixedFlagged: 0 });

async function flags(detector: string, source: string): Promise<boolean> {
  return (await auditSource(source, 'family.sol')).some((f) => f.detector === `audit/${detector}`);
}

/** Found / fixed-flagged for every family; `wild` counts files per detector id on the wild sample. */
export async function scoreFamilies(families: DetectorFamily[] = DETECTOR_FAMILIES, wild = true): Promise<FamiliesResult> {
  const by = new Map<string, DetectorFamilyScore>();
  const total = { dev: empty(), heldOut: empty() };
  for (const f of families) {
    let s = by.get(f.detector);
    if (!s) by.set(f.detector, (s = { detector: f.detector, dev: empty(), heldOut: empty(), wildFiles: 0, misses: [] }));
    const found = await flags(f.detector, f.vulnerable);
    const fixedFlagged = await flags(f.detector, f.fixed);
    for (const split of [f.split === 'dev' ? s.dev : s.heldOut, f.split === 'dev' ? total.dev : total.heldOut]) {
      split.families++;
      if (found) split.found++;
      if (fixedFlagged) split.fixedFlagged++;
    }
    if (!found) s.misses.push(`missed (${f.split}): ${f.detector}: ${f.family}`);
    if (fixedFlagged) s.misses.push(`fixed twin flagged (${f.split}): ${f.detector}: ${f.family}`);
  }
  let wildFiles = 0;
  let wildTotal = 0;
  if (wild) {
    const dir = path.join(datasetsRoot(), 'smartbugs-wild-sample', 'contracts');
    const files = readdirSync(dir).filter((f) => f.endsWith('.sol')).map((f) => path.join(dir, f));
    wildTotal = files.length;
    const reports = await auditFiles(files, { cwd: process.cwd(), maxFileBytes: 8 * 1024 * 1024, exclude: [], workers: 0 });
    for (const r of reports) {
      const seen = new Set(r.findings.map((x) => x.detector.replace(/^audit\//, '')));
      let any = false;
      for (const s of by.values()) {
        if (!seen.has(s.detector)) continue;
        s.wildFiles++;
        any = true;
      }
      if (any) wildFiles++;
    }
  }
  return { perDetector: [...by.values()], dev: total.dev, heldOut: total.heldOut, wildFiles, wildTotal };
}
