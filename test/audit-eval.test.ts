import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../src/audit/runner.js';
import { datasetsRoot } from '../eval/datasets.js';
import { evaluateAudit } from '../eval/audit-score.js';

/**
 * The auditor's floors on real, labelled data (issue 2), so that a change that loses recall or floods
 * findings fails the tests. The figures themselves are printed by `npm run eval:audit`.
 */
describe('audit evaluation floors', () => {
  it('finds at least 85% of SmartBugs curated entries, 50% per category, 40% of findings on labelled lines', async () => {
    const { result } = await evaluateAudit();
    const sb = result.smartbugsCurated;
    expect(sb.parsed).toBe(sb.contracts);
    expect(sb.recall).toBeGreaterThanOrEqual(0.85);
    for (const [category, s] of Object.entries(sb.perCategory)) {
      if (category === 'short_addresses' || category === 'other') continue;
      expect.soft(s.recall, category).toBeGreaterThanOrEqual(0.5);
    }
    expect(sb.onLabelledLineShare).toBeGreaterThanOrEqual(0.4);
    // The fixed twins of the SWC registry stay (almost) clean of their own SWC id.
    expect(result.swcRegistry.sameSwcFalsePositivesOnFixedTwins).toBeLessThanOrEqual(2);
  });

  it('parses at least 99.5% of the 2,000 real contracts and no file crashes the run', async () => {
    const dir = path.join(datasetsRoot(), 'smartbugs-wild-sample', 'contracts');
    const files = readdirSync(dir).filter((f) => f.endsWith('.sol')).map((f) => path.join(dir, f));
    const reports = await auditFiles(files, { cwd: process.cwd(), maxFileBytes: 8 * 1024 * 1024, exclude: [], workers: 1 });
    expect(reports).toHaveLength(files.length);
    expect(reports.filter((r) => r.parsed).length / files.length).toBeGreaterThanOrEqual(0.995);
    const crashed = reports.filter((r) => r.diagnostics.some((d) => d.code === 'ARGUS_INTERNAL' || d.code === 'ARGUS_DETECTOR_FAILED'));
    expect(crashed.map((r) => r.file)).toEqual([]);
  }, 180_000);
});
