/**
 * Who a local HTTP service answers: the `Host` names it is reachable by (DNS rebinding: a page on
 * evil.example that re-points its name at 127.0.0.1 reaches the service with `Host: evil.example`), and,
 * for browsers, the `Origin`s whose pages may call it (any page may POST to 127.0.0.1; CORS only decides
 * whether the page reads the answer, and a guard or a server acting on the request has already acted).
 * Shared by `argus serve` and `argus guard`.
 */
import { networkInterfaces } from 'node:os';

export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

/** The host name of a `Host` header or a configured name, without port or brackets, lower case. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colons = h.split(':').length - 1;
  return colons === 1 ? h.slice(0, h.indexOf(':')) : h; // one colon: name:port; more: a bare IPv6 address
}

/**
 * The host names a service answers to: the loopback names, the address it listens on, every address of
 * this machine when it listens on all of them, and the names the user gave. Anything else in a `Host`
 * header is a DNS-rebinding page or a misdirected request.
 */
export function allowedHostsFor(host: string, extra: readonly string[]): string[] {
  const names = new Set([...LOOPBACK_HOSTS, hostnameOf(host), ...extra.map(hostnameOf)]);
  if (host === '0.0.0.0' || host === '::' || host === '[::]') {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(i.address.toLowerCase());
  }
  return [...names];
}

/** A check of `Host` headers against `names` (by host name, any port); a request without one fails. */
export function hostChecker(names: readonly string[]): { names: string[]; allows(host: string | undefined): boolean } {
  const set = new Set(names.map(hostnameOf));
  return { names: [...set], allows: (host) => host !== undefined && set.has(hostnameOf(host)) };
}

/** An origin as browsers send it: scheme://host[:port], lower case, no path; `null` stays `null`. */
export function normalOrigin(origin: string): string {
  const o = origin.trim().toLowerCase();
  if (o === 'null') return o;
  try {
    const u = new URL(o);
    return `${u.protocol}//${u.host}`;
  } catch {
    return o.replace(/\/+$/u, '');
  }
}

/**
 * Whether a request may be served given its `Origin`: no Origin (a script, a wallet's backend, curl: not
 * a browser page), the service's own origin (same-origin, by `Host`), or one of `allowed`. Everything
 * else, `Origin: null` included (sandboxed frames, local files), is refused unless listed.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  const o = normalOrigin(origin);
  if (host !== undefined && (o === `http://${host.toLowerCase()}` || o === `https://${host.toLowerCase()}`)) return true;
  return allowed.some((a) => normalOrigin(a) === o);
}
