import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** Where the shared datasets live: `ARGUS_DATASETS`, or `../shared/datasets` beside the project. */
export function datasetsRoot(): string {
  const fromEnv = process.env.ARGUS_DATASETS;
  const candidates = [fromEnv, path.resolve(process.cwd(), '../shared/datasets'), path.resolve(process.cwd(), '../../shared/datasets')].filter(Boolean) as string[];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`Datasets not found; looked in ${candidates.join(', ')}. Set ARGUS_DATASETS.`);
}

export interface LabelledEntry {
  category: string;
  lines: number[];
}

export interface LabelledContract {
  /** Neutral name given to the auditor (reveals nothing about the label). */
  blindPath: string;
  /** Original path, for the evaluator's own report only. */
  originalPath: string;
  entries: LabelledEntry[];
}

/**
 * Blanks the labels SmartBugs writes into its files (`// <yes> <report> CATEGORY` and the
 * `@vulnerable_at_lines` header) while keeping every line where it was.
 */
export function stripLabels(text: string): string {
  return text
    .split('\n')
    .map((line) => (/<yes>\s*<report>/i.test(line) || /@vulnerable_at_lines/i.test(line) ? line.replace(/\S.*$/, '') : line))
    .join('\n');
}

const blindDirs = new Set<string>();

function blindDir(name: string): string {
  const dir = path.join(os.tmpdir(), `argus-eval-${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  blindDirs.add(dir);
  return dir;
}

/** Removes the blind copies smartbugsCurated() and swcRegistry() wrote, once they have been audited. */
export function removeBlindCopies(): void {
  for (const dir of blindDirs) rmSync(dir, { recursive: true, force: true });
  blindDirs.clear();
}

/** SmartBugs curated, copied under neutral names with labels removed. */
export function smartbugsCurated(): LabelledContract[] {
  const root = path.join(datasetsRoot(), 'smartbugs-curated');
  const index = JSON.parse(readFileSync(path.join(root, 'vulnerabilities.json'), 'utf8')) as Array<{
    path: string;
    vulnerabilities: Array<{ lines: number[]; category: string }>;
  }>;
  const dir = blindDir('curated');
  return index.map((entry, i) => {
    const blindPath = path.join(dir, `contract-${String(i + 1).padStart(3, '0')}.sol`);
    writeFileSync(blindPath, stripLabels(readFileSync(path.join(root, entry.path), 'utf8')));
    return { blindPath, originalPath: entry.path, entries: entry.vulnerabilities.map((v) => ({ category: v.category, lines: v.lines })) };
  });
}

export interface SwcCase {
  blindPath: string;
  originalPath: string;
  /** SWC ids and labelled lines; empty for a fixed twin. */
  issues: Array<{ swc: string; lines: number[] }>;
  /** For fixed twins: the SWC ids their vulnerable twin is labelled with. */
  fixedOf: string[];
}

/** SWC registry test cases (each `.sol` with its `.yaml`), under neutral names. */
export function swcRegistry(): SwcCase[] {
  const root = path.join(datasetsRoot(), 'swc-registry', 'test_cases', 'solidity');
  const dir = blindDir('swc');
  const out: SwcCase[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.sol')) {
        const yamlPath = full.replace(/\.sol$/, '.yaml');
        if (!existsSync(yamlPath)) continue;
        const meta = parseYaml(readFileSync(yamlPath, 'utf8')) as { issues?: Array<{ id: string; count: number; locations?: Array<{ line_numbers?: Record<string, number[]> }> }> };
        const issues: SwcCase['issues'] = [];
        const fixedOf: string[] = [];
        for (const issue of meta.issues ?? []) {
          if (!issue.count) {
            fixedOf.push(issue.id);
            continue;
          }
          const lines = (issue.locations ?? []).flatMap((l) => Object.entries(l.line_numbers ?? {}).filter(([f]) => f === e.name).flatMap(([, ls]) => ls));
          issues.push({ swc: issue.id, lines });
        }
        const blindPath = path.join(dir, `case-${String(out.length + 1).padStart(3, '0')}.sol`);
        writeFileSync(blindPath, readFileSync(full, 'utf8'));
        out.push({ blindPath, originalPath: path.relative(root, full), issues, fixedOf });
      }
    }
  };
  walk(root);
  return out;
}
