import { fitPlatt, margin, sigmoid, trainBoosted, type BoostOptions } from '../src/audit/learned/boost.js';
import { FEATURE_NAMES } from '../src/audit/learned/features.js';
import { AUDIT_MODEL_VERSION, LEARNED_CATEGORIES, type AuditModelFile, type CategoryModel, type LearnedCategory } from '../src/audit/learned/model.js';
import type { Row } from './learned-data.js';

/**
 * Training of the learned audit model, shared by `train:audit` and `eval:audit-model` (which retrains it
 * without a family, or without the curated-like sources, with the same procedure).
 */

export const BOOST: BoostOptions = { rounds: 80, rate: 0.2, depth: 2, lambda: 1, minHessian: 1 };
/** Share of clean wild files on which each category may report a model-only finding. */
export const TARGET_FLAG_RATE = 0.02;
/**
 * A sanity floor only: the threshold is the wild flag rate's. (The first run floored it at 0.5, which is
 * not what the issue asks — a threshold chosen for a stated flag rate — and cost arithmetic most of its
 * recall; that first-contact output is kept in docs/figures/eval-audit-model-first-contact.txt.)
 */
export const MIN_THRESHOLD = 0.1;

export interface TrainingData {
  /** Rows the trees are fitted on. */
  fit: Row[];
  /** Rows held apart from fitting, for Platt scaling. */
  calibrate: Row[];
  /** Clean wild files' rows, grouped by file: they set the threshold. */
  wild: Row[][];
}

export function fitCategory(data: TrainingData, cls: LearnedCategory, options: BoostOptions = BOOST): CategoryModel {
  const y = data.fit.map((r) => (r.label === cls ? 1 : 0));
  const pos = y.reduce((s: number, v) => s + v, 0);
  const positiveWeight = pos > 0 ? Math.min(10, (y.length - pos) / pos) : 1;
  const model = trainBoosted(
    data.fit.map((r) => r.x),
    y,
    { ...options, positiveWeight },
  );
  const cy = data.calibrate.map((r) => (r.label === cls ? 1 : 0));
  const platt = cy.some((v) => v) ? fitPlatt(data.calibrate.map((r) => margin(model, r.x)), cy) : { a: 1, b: 0 };
  const prob = (x: number[]) => sigmoid(platt.a * margin(model, x) + platt.b);
  const maxes = data.wild.map((rows) => rows.reduce((m, r) => Math.max(m, prob(r.x)), 0)).sort((a, b) => b - a);
  const k = Math.floor(TARGET_FLAG_RATE * maxes.length);
  const atRate = maxes.length > k ? maxes[k]! + 1e-4 : 0;
  // Capped below 1: a category whose wild scores saturate keeps reporting its surest cases (the flag rate printed says what that costs).
  const threshold = Math.min(0.999, Math.ceil(Math.max(MIN_THRESHOLD, atRate) * 1000) / 1000);
  return { model, platt, threshold };
}

export function trainModel(data: TrainingData, seed: string): AuditModelFile {
  const categories = {} as Record<LearnedCategory, CategoryModel>;
  for (const c of LEARNED_CATEGORIES) categories[c] = fitCategory(data, c);
  return { version: AUDIT_MODEL_VERSION, features: [...FEATURE_NAMES], seed, categories };
}

/** Splits training rows: every fifth file is held apart for calibration. */
export function splitForCalibration(rows: Row[]): { fit: Row[]; calibrate: Row[] } {
  return { fit: rows.filter((r) => r.file % 5 !== 0), calibrate: rows.filter((r) => r.file % 5 === 0) };
}

/** Groups rows by file, in file order. */
export function byFile(rows: Row[]): Row[][] {
  const m = new Map<number, Row[]>();
  for (const r of rows) {
    let a = m.get(r.file);
    if (!a) m.set(r.file, (a = []));
    a.push(r);
  }
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}
