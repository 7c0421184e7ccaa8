import { readFileSync } from 'node:fs';
import type { Finding } from '../../core/finding.js';
import { modelFile } from '../../core/package-root.js';
import { textOf } from '../../solidity/parse/syntax.js';
import type { ContractModel } from '../../solidity/model/types.js';
import { rangeOf } from '../detectors/detector.js';
import { contributions, margin, sigmoid, type BoostedModel } from './boost.js';
import { FEATURE_COUNT, FEATURE_NAMES, functionFeatures, unitsToScore, type FunctionFeatures } from './features.js';

/**
 * The learned half of `argus audit`: per function, one boosted-tree model per category scores the
 * features of features.ts; a score above the category's threshold (chosen for a stated flag rate on the
 * wild sample, see models/audit-model.md) is a finding `audit/learned-<category>`, unless a rule already
 * reported the same category on that function: then the rule's finding gains confidence instead.
 */

export const LEARNED_CATEGORIES = ['reentrancy', 'timestamp', 'tod', 'arithmetic', 'unhandled-exception', 'unchecked-send', 'tx-origin'] as const;
export type LearnedCategory = (typeof LEARNED_CATEGORIES)[number];

export const CATEGORY_META: Record<LearnedCategory, { title: string; swc: string; dasp: string }> = {
  reentrancy: { title: 'Reentrancy (learned)', swc: 'SWC-107', dasp: 'reentrancy' },
  timestamp: { title: 'Block timestamp dependence (learned)', swc: 'SWC-116', dasp: 'time_manipulation' },
  tod: { title: 'Transaction order dependence (learned)', swc: 'SWC-114', dasp: 'front_running' },
  arithmetic: { title: 'Integer overflow or underflow (learned)', swc: 'SWC-101', dasp: 'arithmetic' },
  'unhandled-exception': { title: 'Unchecked call return value (learned)', swc: 'SWC-104', dasp: 'unchecked_low_level_calls' },
  'unchecked-send': { title: 'Unprotected ether withdrawal (learned)', swc: 'SWC-105', dasp: 'access_control' },
  'tx-origin': { title: 'Authorization through tx.origin (learned)', swc: 'SWC-115', dasp: 'access_control' },
};

export interface CategoryModel {
  model: BoostedModel;
  platt: { a: number; b: number };
  /** Calibrated probability at or above which a model-only finding is reported. */
  threshold: number;
}

export interface AuditModelFile {
  version: 1;
  features: string[];
  seed: string;
  categories: Record<LearnedCategory, CategoryModel>;
  /** The floor of a model-only finding, when it differs from MODEL_ONLY_FLOOR (tests of the finding's form). */
  modelOnlyFloor?: number;
}

export const AUDIT_MODEL_VERSION = 1;

export function probability(cm: CategoryModel, x: ArrayLike<number>): number {
  return sigmoid(cm.platt.a * margin(cm.model, x) + cm.platt.b);
}

export function checkModel(file: AuditModelFile): AuditModelFile {
  if (file.version !== AUDIT_MODEL_VERSION) throw new Error(`audit model version ${String(file.version)} is not ${AUDIT_MODEL_VERSION}; retrain with npm run train:audit`);
  if (file.features.join(',') !== FEATURE_NAMES.join(',')) throw new Error('audit model was trained on other features; retrain with npm run train:audit');
  return file;
}

let cached: AuditModelFile | null | undefined;

/** models/audit-model.json of the package, once per process; null when it has not been trained. */
export function loadAuditModel(file?: string): AuditModelFile | null {
  if (file) return checkModel(JSON.parse(readFileSync(file, 'utf8')) as AuditModelFile);
  if (cached === undefined) {
    const p = modelFile('audit-model.json');
    cached = p ? checkModel(JSON.parse(readFileSync(p, 'utf8')) as AuditModelFile) : null;
  }
  return cached;
}

export interface Scored {
  features: FunctionFeatures;
  scores: Record<LearnedCategory, number>;
}

/** Scores every function of the contracts declared in `ownPaths`. */
export function scoreContracts(model: AuditModelFile, contracts: ContractModel[], ownPaths: Set<string>): Scored[] {
  return unitsToScore(contracts, ownPaths).map(({ fn, contract }) => {
    const features = functionFeatures(fn, contract);
    const scores = {} as Record<LearnedCategory, number>;
    for (const c of LEARNED_CATEGORIES) scores[c] = probability(model.categories[c], features.values);
    return { features, scores };
  });
}

/** The features that pushed a score up most, with the statement that set each. */
export function explain(cm: CategoryModel, f: FunctionFeatures, top = 3): Array<{ feature: string; weight: number; line: number | null; code: string | null }> {
  const contrib = contributions(cm.model, f.values, FEATURE_COUNT);
  return contrib
    .map((w, i) => ({ i, w }))
    .filter((c) => c.w > 0 && f.values[c.i] !== 0)
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, top)
    .map(({ i, w }) => {
      const name = FEATURE_NAMES[i]!;
      const node = f.evidence.get(name) ?? null;
      const src = f.fn.contract.unit.text;
      return { feature: name, weight: Math.round(w * 100) / 100, line: node ? node.startLine : null, code: node ? textOf(src, node).split('\n')[0]!.trim().slice(0, 120) : null };
    });
}

const startOf = (f: Finding) => (f.subject.kind === 'source' ? f.subject.startLine : 0);
const overlaps = (f: Finding, start: number, end: number, file: string) => f.subject.kind === 'source' && f.subject.file === file && f.subject.startLine <= end && f.subject.endLine >= start;

/**
 * Merges the model's view into the rules' findings: a rule finding of a category on a function the
 * model also scores above its threshold gains confidence (1 - (1-rule)(1-model)); a function the model
 * flags where no rule of that category reported gets a learned finding with the calibrated probability.
 */
/**
 * A finding of the model alone needs at least this probability, whatever the category's threshold: where
 * the wild sample never reaches the stated flag rate the threshold falls to 0.1, and at that level the
 * model flagged fixed twins of the SWC registry (a 0.28 reentrancy on simple_dao_fixed). Agreement with a
 * rule still counts from the category's threshold.
 */
export const MODEL_ONLY_FLOOR = 0.3;

export function combineWithRules(model: AuditModelFile, scored: Scored[], rules: Finding[]): Finding[] {
  const out: Finding[] = [];
  // Rule findings by start line, so that a file with thousands of functions is not scanned per function.
  const sorted = rules.filter((r) => r.subject.kind === 'source').sort((a, b) => startOf(a) - startOf(b));
  const long = sorted.filter((r) => r.subject.kind === 'source' && r.subject.endLine - r.subject.startLine > 40);
  const near = (start: number, end: number): Finding[] => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (startOf(sorted[mid]!) < start) lo = mid + 1;
      else hi = mid;
    }
    const found: Finding[] = [];
    for (let i = lo; i < sorted.length && startOf(sorted[i]!) <= end; i++) found.push(sorted[i]!);
    for (const r of long) if (!found.includes(r)) found.push(r);
    return found;
  };
  for (const s of scored) {
    const { fn } = s.features;
    const unit = fn.contract.unit;
    const node = fn.node;
    for (const c of LEARNED_CATEGORIES) {
      const cm = model.categories[c];
      const p = s.scores[c];
      if (p < cm.threshold) continue;
      const meta = CATEGORY_META[c];
      const agreeing = near(node.startLine, node.endLine).filter((r) => r.tags.includes(`DASP:${meta.dasp}`) && (meta.dasp !== 'access_control' || r.tags.includes(meta.swc)) && overlaps(r, node.startLine, node.endLine, unit.path));
      const why = explain(cm, s.features);
      if (agreeing.length > 0) {
        for (const r of agreeing) {
          r.confidence = Math.round((1 - (1 - r.confidence) * (1 - p)) * 100) / 100;
          r.evidence = { ...r.evidence, learnedAgrees: { category: c, probability: Math.round(p * 100) / 100 } };
        }
        continue;
      }
      if (p < (model.modelOnlyFloor ?? MODEL_ONLY_FLOOR)) continue;
      const subject = rangeOf(unit, node);
      subject.contract = fn.contract.name;
      subject.function = fn.name;
      const drivers = why.map((w) => (w.line ? `${w.feature} (line ${w.line}: ${w.code})` : w.feature)).join('; ');
      out.push({
        detector: `audit/learned-${c}`,
        title: meta.title,
        severity: 'medium',
        confidence: Math.round(p * 100) / 100,
        tags: [meta.swc, `DASP:${meta.dasp}`, 'learned'],
        subject,
        explanation: `The learned model scores ${fn.kind === 'modifier' ? 'modifier' : 'function'} ${fn.name || fn.kind} at ${(p * 100).toFixed(0)}% for ${c} (threshold ${(cm.threshold * 100).toFixed(0)}%); no rule reported it. Driven by: ${drivers || 'the combination of its features'}.`,
        evidence: { code: textOf(unit.text, node).split('\n')[0]!.trim().slice(0, 200), probability: Math.round(p * 1000) / 1000, drivers: why },
        recommendation: 'A model finding is a lead, not a proof: read the statements named above and check whether the bug class applies.',
      });
    }
  }
  return out;
}
