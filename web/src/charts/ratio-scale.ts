/**
 * One scale for features in different units: each value as a multiple of its own feature's normal maximum
 * (the training 99th percentile), on a log axis shared by every row. Per-row linear scales drew a value of
 * 1 against a normal 0.9 and a value of 10 against a normal 9 as the same full bar; on this scale a value ten
 * times its normal range reaches visibly further than one just past it.
 */
export interface RatioScale {
  /** 0..1 along the axis for a multiple of the normal maximum. */
  at(ratio: number): number;
  /** The multiple of the normal maximum that a value is (Infinity for a value above a normal of zero). */
  ratio(value: number, p99: number): number;
  /** The largest multiple the axis shows. */
  max: number;
}

const MIN_RATIO = 0.01;
/** Where "above a normal of zero" is drawn: past the largest finite multiple. */
const BEYOND = 1.5;

export function ratioScale(rows: ReadonlyArray<{ value: number; p99: number }>): RatioScale {
  const ratio = (value: number, p99: number) => (p99 > 0 ? Math.max(0, value) / p99 : value > 0 ? Infinity : 0);
  const finite = rows.map((r) => ratio(r.value, r.p99)).filter((r) => Number.isFinite(r));
  const max = Math.max(2, ...finite) * (rows.some((r) => !Number.isFinite(ratio(r.value, r.p99))) ? BEYOND : 1.2);
  const lo = Math.log10(MIN_RATIO);
  const span = Math.log10(max) - lo;
  return {
    max,
    ratio,
    at: (r) => (r <= MIN_RATIO ? 0 : !Number.isFinite(r) ? 1 : Math.min(1, (Math.log10(r) - lo) / span)),
  };
}
