import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../../src/core/finding.js';
import { auditFiles } from '../../src/audit/runner.js';
import { BUG_CLASSES, FAMILIES, FAMILY_GROUPS, groupOf, type BugClass, type FamilyGroup, type Split } from './families.js';
import { generateInjected, type GenerateOptions, type InjectedBug } from './generate.js';

/**
 * Scores `argus audit` on the injection benchmark. A bug counts as found only when a finding of its
 * class touches one of its labelled line ranges: a finding elsewhere in the file (the host's own code,
 * another injected bug) does not count, nor does a finding of another class on the right lines.
 */

/** What a finding must carry to count for a class: a DASP category or an SWC id. */
export const CLASS_MATCH: Record<BugClass, { dasp?: string[]; swc?: string[] }> = {
  reentrancy: { dasp: ['reentrancy'] },
  // Timestamp used as a source of randomness is reported as weak randomness (SWC-120): it counts.
  timestamp: { dasp: ['time_manipulation', 'bad_randomness'] },
  tod: { dasp: ['front_running'] },
  arithmetic: { dasp: ['arithmetic'] },
  'unhandled-exception': { dasp: ['unchecked_low_level_calls'] },
  // SolidiFI's "unchecked send" is ether sent to whoever calls: an unprotected withdrawal.
  'unchecked-send': { swc: ['SWC-105'] },
  'tx-origin': { swc: ['SWC-115'] },
};

export function findingMatches(cls: BugClass, f: Finding): boolean {
  const m = CLASS_MATCH[cls];
  return (m.dasp ?? []).some((d) => f.tags.includes(`DASP:${d}`)) || (m.swc ?? []).some((s) => f.tags.includes(s));
}

export function bugFound(bug: InjectedBug, findings: Finding[]): boolean {
  return findings.some(
    (f) => f.subject.kind === 'source' && findingMatches(bug.cls, f) && bug.ranges.some(([a, b]) => f.subject.kind === 'source' && f.subject.startLine <= b && f.subject.endLine >= a),
  );
}

export interface Tally {
  found: number;
  total: number;
}

export interface InjectionScore {
  files: number;
  bugs: number;
  crashed: number;
  /** dev: every development family (round 1 including its seen held-out, round-2 dev); heldout: round 2's held-out. */
  perClass: Record<BugClass, Record<Split, Tally>>;
  /** The same bugs by part of the benchmark (round 1, round 1's seen held-out, round-2 dev, round-2 held-out). */
  perGroup: Record<BugClass, Record<FamilyGroup, Tally>>;
  perFamily: Record<string, Tally & { cls: BugClass; split: Split; group: FamilyGroup }>;
  seconds: number;
}

export async function evaluateInjected(options: GenerateOptions = {}): Promise<InjectionScore> {
  const started = performance.now();
  const files = await generateInjected(options);
  const dir = path.join(os.tmpdir(), `argus-inject-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const paths = files.map((f) => {
      const p = path.join(dir, f.file);
      writeFileSync(p, f.source);
      return p;
    });
    const reports = await auditFiles(paths, { cwd: dir, maxFileBytes: 8 * 1024 * 1024, exclude: [], workers: 0 });
    const perClass = Object.fromEntries(BUG_CLASSES.map((c) => [c, { dev: { found: 0, total: 0 }, heldout: { found: 0, total: 0 } }])) as InjectionScore['perClass'];
    const perGroup = Object.fromEntries(BUG_CLASSES.map((c) => [c, Object.fromEntries(FAMILY_GROUPS.map((g) => [g, { found: 0, total: 0 }]))])) as InjectionScore['perGroup'];
    const perFamily: InjectionScore['perFamily'] = {};
    for (const fam of FAMILIES) perFamily[`${fam.cls}/${fam.id}`] = { cls: fam.cls, split: fam.split, group: groupOf(fam), found: 0, total: 0 };
    let bugs = 0;
    let crashed = 0;
    files.forEach((f, i) => {
      const report = reports[i]!;
      if (report.diagnostics.some((d) => d.code === 'ARGUS_DETECTOR_FAILED' || d.code === 'ARGUS_INTERNAL')) crashed++;
      for (const bug of f.bugs) {
        bugs++;
        const hit = bugFound(bug, report.findings);
        const t = perClass[bug.cls][bug.split];
        t.total++;
        const fam = perFamily[`${bug.cls}/${bug.family}`]!;
        fam.total++;
        const g = perGroup[bug.cls][fam.group];
        g.total++;
        if (hit) {
          t.found++;
          fam.found++;
          g.found++;
        }
      }
    });
    return { files: files.length, bugs, crashed, perClass, perGroup, perFamily, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
