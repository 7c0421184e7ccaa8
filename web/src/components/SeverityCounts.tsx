import { SEVERITIES_DESC } from '../format';
import type { SeverityCounts as Counts } from '@argus/api';

/** "2 critical · 5 high · …" as chips, most severe first; zero counts are dimmed, not hidden. */
export function SeverityCounts({ counts }: { counts: Partial<Counts> }) {
  return (
    <ul className="sev-counts" aria-label="Findings by severity">
      {SEVERITIES_DESC.map((s) => {
        const n = counts[s] ?? 0;
        return (
          <li key={s} className={n ? `sev-count sev-${s}` : 'sev-count zero'}>
            <span className="num">{n}</span> {s}
          </li>
        );
      })}
    </ul>
  );
}
