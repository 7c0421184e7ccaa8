/**
 * A finding's evidence as a key/value table. Addresses and hashes are shortened (full value on hover
 * and copy); big integers are shown exactly as the API gives them (decimal strings in raw units), since
 * rounding them would hide the very amounts an analyst wants to compare.
 */
import { compact, isHexId } from '../format';
import { Hex } from './Hex';

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (isHexId(value)) return <Hex value={value} />;
  if (typeof value === 'number') return <span className="num">{Number.isInteger(value) ? value : compact(value)}</span>;
  if (typeof value === 'boolean') return <span>{value ? 'yes' : 'no'}</span>;
  if (typeof value === 'string') return <span className={/^\d+$/.test(value) ? 'num mono' : undefined}>{value}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    return (
      <ul className="plain">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') return <EvidenceTable evidence={value as Record<string, unknown>} nested />;
  return <span>{String(value)}</span>;
}

export function EvidenceTable({ evidence, nested = false, omit = [] }: { evidence: Record<string, unknown>; nested?: boolean; omit?: string[] }) {
  const entries = Object.entries(evidence).filter(([k]) => !omit.includes(k));
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <table className={nested ? 'kv nested' : 'kv'}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              <Value value={v} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
