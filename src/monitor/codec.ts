/**
 * JSON for monitor state: `Map`, `Set` and `bigint` survive a round trip (tagged as `{ $map: [...] }`,
 * `{ $set: [...] }`, `{ $big: "123" }`); plain objects, arrays, strings, numbers, booleans and null pass
 * through. Used by `ChainState.snapshot()` and the engine's detector-state snapshots.
 */

export function encodeValue(v: unknown): unknown {
  if (typeof v === 'bigint') return { $big: v.toString() };
  if (v instanceof Map) return { $map: [...v].map(([k, x]) => [encodeValue(k), encodeValue(x)]) };
  if (v instanceof Set) return { $set: [...v].map(encodeValue) };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encodeValue(x)]));
  return v;
}

export function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      if (typeof o.$big === 'string') return BigInt(o.$big);
      if (Array.isArray(o.$map)) return new Map((o.$map as Array<[unknown, unknown]>).map(([k, x]) => [decodeValue(k), decodeValue(x)]));
      if (Array.isArray(o.$set)) return new Set((o.$set as unknown[]).map(decodeValue));
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeValue(x)]));
  }
  return v;
}

export const encodeJson = (v: unknown): string => JSON.stringify(encodeValue(v));
export const decodeJson = (s: string): unknown => decodeValue(JSON.parse(s));
