/** Alerts per detector as horizontal bars, largest first; counts right-aligned after the bars. */
import { detectorName, formatInt } from '../format';
import { useWidth } from './common';

const ROW = 22;
const COUNT_W = 44;
/** Width of one character of the 12 px monospace label font, to truncate labels that would not fit. */
const CHAR_W = 7.3;

export function Bars({ rows, onSelect }: { rows: Array<{ detector: string; count: number }>; onSelect?: (detector: string) => void }) {
  const [ref, width] = useWidth<HTMLDivElement>(400);
  const shown = rows.slice(0, 12);
  const max = Math.max(1, ...shown.map((r) => r.count));
  const labelW = Math.min(190, Math.round(width * 0.45));
  const maxChars = Math.floor((labelW - 8) / CHAR_W);
  const barSpace = Math.max(20, width - labelW - COUNT_W);
  const height = Math.max(ROW, shown.length * ROW);
  const label = `Alerts per detector: ${shown.map((r) => `${detectorName(r.detector)} ${r.count}`).join(', ') || 'none yet'}`;

  return (
    <div ref={ref} className="chart" data-testid="alerts-by-detector-chart">
      <svg width={width} height={height} role="img" aria-label={label}>
        <title>{label}</title>
        {shown.length === 0 ? (
          <text className="axis" x={width / 2} y={ROW - 6} textAnchor="middle">
            No alerts yet
          </text>
        ) : null}
        {shown.map((r, i) => {
          const y = i * ROW;
          const w = Math.max(2, (r.count / max) * barSpace);
          return (
            <g
              key={r.detector}
              className={onSelect ? 'bar clickable' : 'bar'}
              onClick={onSelect ? () => onSelect(r.detector) : undefined}
            >
              <title>{`${r.detector}: ${r.count} alerts`}</title>
              <text className="label" x={labelW - 8} y={y + ROW / 2 + 4} textAnchor="end">
                {truncate(detectorName(r.detector), maxChars)}
              </text>
              <rect x={labelW} y={y + 4} width={w} height={ROW - 8} rx={2} className="bar-fill" />
              <text className="value" x={width - 4} y={y + ROW / 2 + 4} textAnchor="end">
                {formatInt(r.count)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
