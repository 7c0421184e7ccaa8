/** Small display helpers shared by pages and charts. */
import type { Severity } from '@argus/api';

export const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#ff4d4f',
  high: '#ff8c1a',
  medium: '#f5c518',
  low: '#4ea1ff',
  info: '#8b95a5',
};

/** Most severe first: the order of legends, filters and stacks. */
export const SEVERITIES_DESC: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

const HEX_RE = /^0x[0-9a-fA-F]{40}$|^0x[0-9a-fA-F]{64}$/;

/** True for a 20-byte address or a 32-byte hash. */
export function isHexId(value: unknown): value is string {
  return typeof value === 'string' && HEX_RE.test(value);
}

export function isAddress(value: unknown): value is string {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value);
}

/** 0x1234…abcd */
export function shortHex(value: string, keep = 4): string {
  if (value.length <= 2 + keep * 2 + 1) return value;
  return `${value.slice(0, 2 + keep)}…${value.slice(-keep)}`;
}

/** "12 s ago", "3 min ago", "5 h ago", "2 d ago". */
export function age(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

const intFormat = new Intl.NumberFormat('en-US');
export function formatInt(n: number): string {
  return intFormat.format(n);
}

export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)} %`;
}

/** A number with about three significant digits, without exponent noise for ordinary magnitudes. */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a === 0) return '0';
  if (a >= 1e15 || a < 1e-4) return n.toExponential(2);
  if (a >= 1e3) return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 }).format(n);
  return String(Number(n.toPrecision(3)));
}

/** A raw integer amount (decimal string) scaled by `decimals`, as a float good enough to plot. */
export function scaleUnits(raw: string, decimals: number): number {
  try {
    const big = BigInt(raw);
    const unit = 10n ** BigInt(decimals);
    // Split so large values keep their precision before the float conversion.
    return Number(big / unit) + Number(big % unit) / Number(unit);
  } catch {
    return Number(raw);
  }
}

/** The tag values after a prefix: tagValues(['stage:a','kind:b'], 'stage') is ['a']. */
export function tagValues(tags: readonly string[], prefix: string): string[] {
  return tags.filter((t) => t.startsWith(`${prefix}:`)).map((t) => t.slice(prefix.length + 1));
}

/** "monitor/large-transfer" reads better without the namespace in tight rows. */
export function detectorName(detector: string): string {
  const slash = detector.indexOf('/');
  return slash >= 0 ? detector.slice(slash + 1) : detector;
}
