/** Alerts over time: one stacked column per block bucket, most severe on top. */
import { formatInt, SEVERITIES_DESC, SEVERITY_COLOURS } from '../format';
import type { AlertSummary } from '@argus/api';
import { Legend, niceTicks, useWidth } from './common';

const HEIGHT = 236;
const PAD = { top: 8, right: 8, bottom: 22, left: 34 };
// Stacked bottom-up, so the least severe sits on the axis and critical is read first at the top.
const STACK_ORDER = [...SEVERITIES_DESC].reverse();

export function TimeSeries({ buckets }: { buckets: AlertSummary['overTime'] }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const totals = buckets.map((b) => STACK_ORDER.reduce((s, sev) => s + b.counts[sev], 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const max = ticks[ticks.length - 1] ?? 1;
  const plotW = Math.max(10, width - PAD.left - PAD.right);
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = buckets.length > 0 ? plotW / buckets.length : plotW;
  const barW = Math.max(1, slot * 0.78);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const total = totals.reduce((a, b) => a + b, 0);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const label = first && last ? `Alerts over time: ${formatInt(total)} alerts in blocks ${first.fromBlock} to ${last.toBlock}, stacked by severity` : 'Alerts over time: no alerts yet';

  return (
    <div ref={ref} className="chart" data-testid="alerts-over-time-chart">
      <svg width={width} height={HEIGHT} role="img" aria-label={label}>
        <title>{label}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line className="grid" x1={PAD.left} x2={width - PAD.right} y1={y(t)} y2={y(t)} />
            <text className="axis" x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
              {formatInt(t)}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          let acc = 0;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          return (
            <g key={`${b.fromBlock}-${b.toBlock}`}>
              {STACK_ORDER.map((sev) => {
                const n = b.counts[sev];
                if (n === 0) return null;
                const top = y(acc + n);
                const h = y(acc) - top;
                acc += n;
                return (
                  <rect key={sev} x={x} y={top} width={barW} height={Math.max(0.5, h)} fill={SEVERITY_COLOURS[sev]}>
                    <title>{`Blocks ${b.fromBlock}–${b.toBlock}: ${n} ${sev}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
        {first && last ? (
          <>
            <text className="axis" x={PAD.left} y={HEIGHT - 6}>
              block {first.fromBlock}
            </text>
            <text className="axis" x={width - PAD.right} y={HEIGHT - 6} textAnchor="end">
              {last.toBlock}
            </text>
          </>
        ) : (
          <text className="axis" x={width / 2} y={HEIGHT / 2} textAnchor="middle">
            No alerts yet
          </text>
        )}
      </svg>
      <Legend items={SEVERITIES_DESC.map((s) => ({ label: s, colour: SEVERITY_COLOURS[s] }))} />
    </div>
  );
}
