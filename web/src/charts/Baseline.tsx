/**
 * Why the learned baseline flagged a transaction: for each feature that departed, this transaction's
 * value against the training distribution (the median as the "typical" tick, the band up to the 99th
 * percentile as "normal"), and the anomaly score against the alert threshold.
 */
import { compact } from '../format';
import { useWidth } from './common';
import { ratioScale } from './ratio-scale';

export interface Departure {
  feature: string;
  value: number;
  p50: number;
  p99: number;
  excess?: number;
}

const ROW = 34;
const LABEL_W = 150;
const PAD_R = 110;
const VALUE = '#ff8c1a';
const BAND = '#2a3a52';
const TYPICAL = '#8b95a5';

export function Baseline({ departures, score, threshold }: { departures: Departure[]; score: number | null; threshold: number | null }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const scale = ratioScale(departures);
  const plotW = Math.max(20, width - LABEL_W - PAD_R);
  const scoreRows = score !== null && threshold !== null ? 1 : 0;
  const height = (departures.length + scoreRows) * ROW + 8;
  const label =
    `Baseline anomaly: ` +
    (scoreRows ? `score ${score?.toFixed(3)} against threshold ${threshold?.toFixed(3)}; ` : '') +
    departures.map((d) => `${d.feature} ${compact(d.value)} (typical ${compact(d.p50)}, 99th percentile ${compact(d.p99)})`).join('; ');

  return (
    <div ref={ref} className="chart" data-testid="baseline-chart">
      <svg width={width} height={height} role="img" aria-label={label}>
        <title>{label}</title>
        {scoreRows && score !== null && threshold !== null ? <ScoreRow score={score} threshold={threshold} width={plotW} /> : null}
        {departures.map((d, i) => {
          const top = (i + scoreRows) * ROW;
          // One shared log axis of multiples of each feature's own normal maximum: the features are in
          // different units (counts, shares, z-scores), and a scale per row drew 1 and 10 as equal bars.
          const x = (v: number) => LABEL_W + scale.at(scale.ratio(v, d.p99)) * plotW;
          const multiple = scale.ratio(d.value, d.p99);
          const mid = top + ROW / 2;
          return (
            <g key={d.feature}>
              <title>{`${d.feature}: this transaction ${compact(d.value)}; typical ${compact(d.p50)}; 99th percentile ${compact(d.p99)}`}</title>
              <text className="label" x={LABEL_W - 8} y={mid + 4} textAnchor="end">
                {d.feature}
              </text>
              <rect x={LABEL_W} y={mid - 9} width={Math.max(1, x(d.p99) - LABEL_W)} height={18} fill={BAND} rx={2} />
              <rect x={LABEL_W} y={mid - 4} width={Math.max(2, x(d.value) - LABEL_W)} height={8} fill={VALUE} rx={2} />
              <line x1={x(d.p50)} x2={x(d.p50)} y1={mid - 11} y2={mid + 11} stroke={TYPICAL} strokeWidth={2} />
              <text className="value" x={LABEL_W + plotW + 8} y={mid + 4}>
                {compact(d.value)}
                {d.p99 > 0 ? ` (${compact(multiple)}×)` : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="swatch" style={{ background: VALUE }} />
          this transaction
        </li>
        <li>
          <span className="swatch" style={{ background: BAND }} />
          normal range (up to the 99th percentile; the axis is log, in multiples of it)
        </li>
        <li>
          <span className="swatch thin" style={{ background: TYPICAL }} />
          typical (median)
        </li>
        <li>
          <span className="swatch thin" style={{ background: '#ff4d4f' }} />
          threshold
        </li>
      </ul>
    </div>
  );
}

function ScoreRow({ score, threshold, width }: { score: number; threshold: number; width: number }) {
  const max = Math.max(1, score, threshold) * 1.05;
  const x = (v: number) => LABEL_W + (v / max) * width;
  const mid = ROW / 2;
  const over = score >= threshold;
  return (
    <g>
      <title>{`Anomaly score ${score.toFixed(3)}; alert threshold ${threshold.toFixed(3)}`}</title>
      <text className="label strong" x={LABEL_W - 8} y={mid + 4} textAnchor="end">
        anomaly score
      </text>
      <rect x={LABEL_W} y={mid - 6} width={width} height={12} fill="#1b2431" rx={3} />
      <rect x={LABEL_W} y={mid - 6} width={Math.max(2, x(score) - LABEL_W)} height={12} fill={over ? '#ff4d4f' : '#4ea1ff'} rx={3} />
      <line x1={x(threshold)} x2={x(threshold)} y1={mid - 12} y2={mid + 12} stroke="#ff4d4f" strokeWidth={2} strokeDasharray="3 2" />
      <text className="value" x={LABEL_W + width + 8} y={mid + 4}>
        {score.toFixed(3)}
      </text>
    </g>
  );
}
