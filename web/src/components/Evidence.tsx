/**
 * A finding's evidence as a key/value table, readable: an amount the monitor recorded the unit of
 * (`evidence.units`, or a `…Wei` field) is shown in whole units with its symbol and, where the server knows
 * a price, in US dollars, with the exact base units under it; a feature vector is shown with its features'
 * names; addresses carry their known label (the evidence's token symbols, the server's router, pool and
 * WETH labels), a copy button and an explorer link.
 */
import { useStore } from '../store';
import { explorerInfo } from '../explorer';
import { compact, isHexId } from '../format';
import { ETH_UNIT, formatAmount, formatUsd, unitsOf, usdOf, type AmountUnit } from '../money';
import { Hex } from './Hex';

/** Labels the evidence itself gives: its tokens by symbol, and what its keys call an address. */
function evidenceTags(evidence: Record<string, unknown>, units: Record<string, AmountUnit>): Map<string, string> {
  const tags = new Map<string, string>();
  for (const [key, v] of Object.entries(evidence)) {
    if (typeof v !== 'string' || v.length !== 42) continue;
    if (/pool$/i.test(key)) tags.set(v.toLowerCase(), 'pool');
  }
  for (const u of Object.values(units)) if (u.token !== 'ETH' && u.symbol) tags.set(u.token.toLowerCase(), u.wrapsEth ? `${u.symbol} (wraps ETH)` : `${u.symbol} token`);
  return tags;
}

export function Amount({ raw, unit }: { raw: string; unit: AmountUnit }) {
  useStore(explorerInfo); // prices arrive with the server's info
  const usd = usdOf(raw, unit);
  return (
    <span className="amount" data-testid="amount">
      <span className="num">{formatAmount(raw, unit)}</span>
      {usd !== null ? (
        <span className="usd muted" data-testid="amount-usd">
          ≈ {formatUsd(usd)}
        </span>
      ) : null}
      <span className="raw muted mono" title="base units, as recorded">
        {raw} base units
      </span>
    </span>
  );
}

function Value({ value, unit, tags, chainId }: { value: unknown; unit?: AmountUnit | undefined; tags: Map<string, string>; chainId?: number | undefined }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (unit && typeof value === 'string' && /^\d+$/.test(value)) return <Amount raw={value} unit={unit} />;
  if (isHexId(value)) return <Hex value={value} tag={tags.get(value.toLowerCase()) ?? null} {...(chainId !== undefined ? { chainId } : {})} />;
  if (typeof value === 'number') return <span className="num">{Number.isInteger(value) ? value : compact(value)}</span>;
  if (typeof value === 'boolean') return <span>{value ? 'yes' : 'no'}</span>;
  if (typeof value === 'string') return <span className={/^\d+$/.test(value) ? 'num mono' : undefined}>{value}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    return (
      <ul className="plain">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} tags={tags} chainId={chainId} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') return <Rows evidence={value as Record<string, unknown>} nested tags={tags} chainId={chainId} />;
  return <span>{String(value)}</span>;
}

/** A feature vector with its names: one row per feature. */
function Features({ names, values }: { names: string[]; values: unknown[] }) {
  return (
    <table className="kv nested" data-testid="feature-table">
      <tbody>
        {values.map((v, i) => (
          <tr key={i}>
            <th scope="row">{names[i] ?? `feature ${i + 1}`}</th>
            <td className="num">{typeof v === 'number' ? (Number.isInteger(v) ? v : compact(v)) : String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Rows({ evidence, nested, omit = [], tags, chainId }: { evidence: Record<string, unknown>; nested: boolean; omit?: string[]; tags: Map<string, string>; chainId?: number | undefined }) {
  const units = unitsOf(evidence);
  const names = Array.isArray(evidence.featureNames) ? evidence.featureNames.map(String) : null;
  // `units` and `featureNames` describe other fields: they are shown through them, not as rows.
  const entries = Object.entries(evidence).filter(([k]) => !omit.includes(k) && k !== 'units' && !(k === 'featureNames' && names));
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <table className={nested ? 'kv nested' : 'kv'}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              {k === 'features' && names && Array.isArray(v) ? (
                <Features names={names} values={v} />
              ) : (
                <Value value={v} unit={units[k] ?? (k.endsWith('Wei') ? ETH_UNIT : undefined)} tags={tags} chainId={chainId} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EvidenceTable({ evidence, nested = false, omit = [], chainId }: { evidence: Record<string, unknown>; nested?: boolean; omit?: string[]; chainId?: number }) {
  const tags = evidenceTags(evidence, unitsOf(evidence));
  return <Rows evidence={evidence} nested={nested} omit={omit} tags={tags} chainId={chainId} />;
}

/**
 * An explanation with its addresses and hashes as `Hex` (short, labelled, copyable, linked) instead of
 * 42- and 66-character strings.
 */
export function Prose({ text, chainId, evidence }: { text: string; chainId?: number; evidence?: Record<string, unknown> }) {
  const tags = evidence ? evidenceTags(evidence, unitsOf(evidence)) : new Map<string, string>();
  const parts = text.split(/(0x[0-9a-fA-F]{64}|0x[0-9a-fA-F]{40})(?![0-9a-fA-F])/);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? <Hex key={i} value={p} tag={tags.get(p.toLowerCase()) ?? null} {...(chainId !== undefined ? { chainId } : {})} /> : <span key={i}>{p}</span>,
      )}
    </>
  );
}
