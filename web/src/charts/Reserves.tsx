/**
 * A pool's reserves around an incident: one step line per token (reserves hold between the blocks that
 * change them), each in its own panel because the two tokens' amounts differ by orders of magnitude.
 * The incident's blocks are marked, so a rug pull reads as the cliff right at the marks.
 */
import { compact, scaleUnits, shortHex } from '../format';
import type { PoolReserves } from '@argus/api';
import { Legend, useWidth } from './common';

const PANEL_H = 110;
const GAP = 14;
const PAD = { top: 10, right: 12, bottom: 24, left: 56 };
const COLOURS = ['#4ea1ff', '#b48cff'];
const MARK = '#ff4d4f';

interface Props {
  data: PoolReserves;
  from: number;
  to: number;
  /** Blocks with an alert of the incident. */
  marks: number[];
}

export function Reserves({ data, from, to, marks }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const plotW = Math.max(10, width - PAD.left - PAD.right);
  const span = Math.max(1, to - from);
  const x = (block: number) => PAD.left + ((Math.min(to, Math.max(from, block)) - from) / span) * plotW;
  const tokens = [
    { name: data.symbol0 ?? shortHex(data.token0), decimals: data.decimals0 ?? 18, values: data.points.map((p) => scaleUnits(p.reserve0, data.decimals0 ?? 18)) },
    { name: data.symbol1 ?? shortHex(data.token1), decimals: data.decimals1 ?? 18, values: data.points.map((p) => scaleUnits(p.reserve1, data.decimals1 ?? 18)) },
  ];
  const height = PAD.top + 2 * PANEL_H + GAP + PAD.bottom;
  const uniqueMarks = [...new Set(marks)].sort((a, b) => a - b);
  const label = `Reserves of pool ${data.pool} from block ${from} to ${to}, ${data.points.length} changes; incident blocks ${uniqueMarks.join(', ')}`;

  return (
    <div ref={ref} className="chart" data-testid="reserves-chart">
      <svg width={width} height={height} role="img" aria-label={label}>
        <title>{label}</title>
        {uniqueMarks.map((b) => (
          <g key={`mark-${b}`}>
            <line x1={x(b)} x2={x(b)} y1={PAD.top} y2={PAD.top + 2 * PANEL_H + GAP} stroke={MARK} strokeDasharray="3 3" strokeWidth={1.5}>
              <title>{`Incident alert at block ${b}`}</title>
            </line>
          </g>
        ))}
        {tokens.map((t, panel) => {
          const top = PAD.top + panel * (PANEL_H + GAP);
          const max = Math.max(...t.values, 0) * 1.08 || 1;
          const y = (v: number) => top + PANEL_H - (v / max) * PANEL_H;
          // Step path: hold each value until the next change, and extend the last one to the range end.
          let d = '';
          data.points.forEach((p, i) => {
            const v = t.values[i] ?? 0;
            d += i === 0 ? `M${x(p.block)},${y(v)}` : `H${x(p.block)}V${y(v)}`;
          });
          if (data.points.length > 0) d += `H${x(to)}`;
          const colour = COLOURS[panel] ?? '#ccc';
          return (
            <g key={panel}>
              <line className="grid" x1={PAD.left} x2={width - PAD.right} y1={top + PANEL_H} y2={top + PANEL_H} />
              <line className="grid" x1={PAD.left} x2={width - PAD.right} y1={y(max / 1.08)} y2={y(max / 1.08)} />
              <text className="axis" x={PAD.left - 6} y={y(max / 1.08) + 4} textAnchor="end">
                {compact(max / 1.08)}
              </text>
              <text className="axis" x={PAD.left - 6} y={top + PANEL_H} textAnchor="end">
                0
              </text>
              <text className="axis" x={PAD.left + 4} y={top + 10} fill={colour}>
                {t.name}
              </text>
              <path d={d} fill="none" stroke={colour} strokeWidth={2} />
              {data.points.map((p, i) => (
                <circle key={p.block} cx={x(p.block)} cy={y(t.values[i] ?? 0)} r={2.5} fill={colour}>
                  <title>{`Block ${p.block}: ${compact(t.values[i] ?? 0)} ${t.name}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
        <text className="axis" x={PAD.left} y={height - 6}>
          block {from}
        </text>
        <text className="axis" x={width - PAD.right} y={height - 6} textAnchor="end">
          {to}
        </text>
      </svg>
      <Legend
        items={[
          { label: `reserve of ${tokens[0]?.name ?? 'token0'}`, colour: COLOURS[0] ?? '' },
          { label: `reserve of ${tokens[1]?.name ?? 'token1'}`, colour: COLOURS[1] ?? '' },
          { label: 'incident blocks', colour: MARK },
        ]}
      />
    </div>
  );
}
