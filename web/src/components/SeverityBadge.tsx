import type { Severity } from '@argus/api';

/** The severity as a coloured pill; colour is backed by the word, never colour alone. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}
