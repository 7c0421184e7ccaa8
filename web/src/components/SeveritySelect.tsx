import { SEVERITIES_DESC } from '../format';
import type { Severity } from '@argus/api';

/** A "Severity: all | critical | …" filter, as the alert feed and the incident list use it. */
export function SeveritySelect({ value, onChange, testId }: { value: Severity | ''; onChange: (value: Severity | '') => void; testId?: string }) {
  return (
    <label className="field inline">
      <span>Severity</span>
      <select value={value} onChange={(e) => onChange(e.target.value as Severity | '')} {...(testId ? { 'data-testid': testId } : {})}>
        <option value="">all</option>
        {SEVERITIES_DESC.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}
