/**
 * Alerts over time: one stacked column per span of time (when the alerts were raised), most severe on top,
 * with dated ticks along the x-axis.
 */
import { formatInt, SEVERITIES_DESC, SEVERITY_COLOURS } from '../format';
import type { AlertSummary } from '@argus/api';
import { Legend, niceTicks, useWidth } from './common';

const HEIGHT = 236;
const PAD = { top: 8, right: 8, bottom: 22, left: 34 };
// Stacked bottom-up, so the least severe sits on the axis and critical is read first at the top.
const STACK_ORDER = [...SEVERITIES_DESC].reverse();

export function TimeSeries({ buckets }: { buckets: AlertSummary['overTimeByTime'] }) {
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
  const startMs = first ? Date.parse(first.from) : 0;
  const endMs = last ? Date.parse(last.to) : 0;
  const spanMs = Math.max(1, endMs - startMs);
  const label = first && last ? `Alerts over time: ${formatInt(total)} alerts raised from ${when(first.from, spanMs)} to ${when(last.to, spanMs)}, stacked by severity` : 'Alerts over time: no alerts in this range';
  // About one dated tick per 110 px, at the bucket edges.
  const tickEvery = Math.max(1, Math.ceil(buckets.length / Math.max(1, Math.floor(plotW / 110))));

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
            <g key={b.from}>
              {STACK_ORDER.map((sev) => {
                const n = b.counts[sev];
                if (n === 0) return null;
                const top = y(acc + n);
                const h = y(acc) - top;
                acc += n;
                return (
                  <rect key={sev} x={x} y={top} width={barW} height={Math.max(0.5, h)} fill={SEVERITY_COLOURS[sev]}>
                    <title>{`${when(b.from, spanMs)} – ${when(b.to, spanMs)}: ${n} ${sev}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
        {first && last && total > 0 ? (
          buckets.map((b, i) =>
            i % tickEvery === 0 ? (
              <text key={`t-${b.from}`} className="axis" x={PAD.left + i * slot} y={HEIGHT - 6} textAnchor={i === 0 ? 'start' : 'middle'} data-testid="time-tick">
                {tick(b.from, spanMs)}
              </text>
            ) : null,
          )
        ) : (
          <text className="axis" x={width / 2} y={HEIGHT / 2} textAnchor="middle">
            No alerts in this range
          </text>
        )}
      </svg>
      <Legend items={SEVERITIES_DESC.map((s) => ({ label: s, colour: SEVERITY_COLOURS[s] }))} />
    </div>
  );
}

/** A tick label fit to the span shown: times of day within two days, dates beyond. */
function tick(iso: string, spanMs: number): string {
  const d = new Date(iso);
  if (spanMs <= 2 * 86_400_000) return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', ...(spanMs < 600_000 ? { second: '2-digit' } : {}) });
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

/** A full time for titles. */
function when(iso: string, spanMs: number): string {
  const d = new Date(iso);
  return spanMs <= 2 * 86_400_000 ? d.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' }) : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}
