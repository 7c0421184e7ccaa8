/**
 * The HTTP side of errors and keys: `HttpError` is an `ArgusError` that also carries its status code, and
 * every error body has one shape, `{ error: { code, message, details? } }`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ArgusError, type ErrorCode } from '../core/errors.js';

export type { ErrorBody } from './api-types.js';

export class HttpError extends ArgusError {
  constructor(
    readonly statusCode: number,
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
    this.name = 'HttpError';
  }
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** The key a request presents (`Authorization: Bearer <key>` or `X-API-Key`), or undefined. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const x = request.headers['x-api-key'];
  return typeof x === 'string' && x.length > 0 ? x : undefined;
}

/** The cookie the dashboard keeps its key in, for the requests that cannot carry a header (EventSource). */
export const KEY_COOKIE = 'argus_key';

/**
 * The key a read presents: a header as for any request, else (GET only, so a cross-site form can never
 * write with it) the `argus_key` cookie or a `key` query parameter.
 */
export function presentedReadKey(request: FastifyRequest): string | undefined {
  const header = presentedKey(request);
  if (header !== undefined || request.method !== 'GET') return header;
  const cookies = request.headers.cookie;
  if (typeof cookies === 'string') {
    for (const part of cookies.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === KEY_COOKIE) {
        try {
          const v = decodeURIComponent(part.slice(eq + 1).trim());
          if (v) return v;
        } catch {
          // a malformed cookie is no key
        }
      }
    }
  }
  const q = request.url.indexOf('?');
  if (q >= 0) {
    const v = new URLSearchParams(request.url.slice(q + 1)).get('key');
    if (v) return v;
  }
  return undefined;
}

/** A checker for the configured keys: compares digests in constant time, and every key, whatever matches. */
export function keyChecker(keys: readonly string[]): (key: string | undefined) => boolean {
  const digests = keys.map(sha256);
  return (key) => {
    if (key === undefined) return false;
    const d = sha256(key);
    let ok = false;
    for (const k of digests) ok = timingSafeEqual(d, k) || ok; // no early exit: same time for every key
    return ok;
  };
}

/** A JSON-schema string of decimal digits (query strings are never coerced, so numbers come as text). */
export const uintString = (description: string, digits = 15) => ({ type: 'string', pattern: `^[0-9]{1,${digits}}$`, description });
