/**
 * A user-supplied URL is never fetched without limits: only http(s), no credentials in the URL, and by
 * default no private, loopback, link-local or otherwise special destination. Literal IPs are checked when
 * the URL is checked; host names are checked on every connection, on the address DNS actually returned
 * (`guardedLookup`), so a name that resolves, or later re-resolves, to 127.0.0.1 is refused too.
 */
import dns from 'node:dns';
import net from 'node:net';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'special';

export interface DestinationPolicy {
  allowLoopback?: boolean;
  /** RFC 1918, CGNAT 100.64/10, IPv6 unique-local fc00::/7. */
  allowPrivate?: boolean;
  /** 169.254/16 (cloud metadata lives here), fe80::/10. */
  allowLinkLocal?: boolean;
}

function list(entries: [string, number, 'ipv4' | 'ipv6'][]): net.BlockList {
  const b = new net.BlockList();
  for (const [a, p, t] of entries) b.addSubnet(a, p, t);
  return b;
}

const LOOPBACK = list([
  ['127.0.0.0', 8, 'ipv4'],
  ['0.0.0.0', 8, 'ipv4'], // 0.0.0.0 reaches the local host on Linux
  ['::1', 128, 'ipv6'],
  ['::', 128, 'ipv6'],
]);
const PRIVATE = list([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
]);
const LINK_LOCAL = list([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
const SPECIAL = list([
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['ff00::', 8, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'], // NAT64: may embed any IPv4, private ones included
  ['2001:db8::', 32, 'ipv6'],
]);

/** Classifies an IP address (IPv4-mapped IPv6 addresses are classified as their IPv4 address). */
export function classifyAddress(address: string): AddressClass {
  const family = net.isIP(address);
  if (family === 0) return 'special';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(address, type)) return 'loopback';
  if (LINK_LOCAL.check(address, type)) return 'link-local';
  if (PRIVATE.check(address, type)) return 'private';
  if (SPECIAL.check(address, type)) return 'special';
  return 'public';
}

function allowed(cls: AddressClass, policy: DestinationPolicy): boolean {
  switch (cls) {
    case 'public':
      return true;
    case 'loopback':
      return policy.allowLoopback === true;
    case 'private':
      return policy.allowPrivate === true;
    case 'link-local':
      return policy.allowLinkLocal === true;
    case 'special':
      return false;
  }
}

export function refuseAddress(address: string, policy: DestinationPolicy, url?: string): ArgusError | null {
  const cls = classifyAddress(address);
  if (allowed(cls, policy)) return null;
  const hint = cls === 'special' ? '' : ` (allow it explicitly with allow${cls === 'loopback' ? 'Loopback' : cls === 'private' ? 'Private' : 'LinkLocal'})`;
  return new ArgusError(ERROR_CODES.UNSAFE_URL, `refused ${cls} destination ${address}${url ? ' for ' + url : ''}${hint}`, { address, class: cls, ...(url ? { url } : {}) });
}

/** Parses and checks a URL; throws `ARGUS_UNSAFE_URL` when it is refused. */
export function checkUrl(raw: string, policy: DestinationPolicy = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ArgusError(ERROR_CODES.UNSAFE_URL, `not a valid URL: ${raw}`, { url: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ArgusError(ERROR_CODES.UNSAFE_URL, `only http and https URLs are allowed, not ${url.protocol}`, { url: raw });
  if (url.username !== '' || url.password !== '') throw new ArgusError(ERROR_CODES.UNSAFE_URL, 'credentials in the URL are not allowed (use the signing secret)', { url: url.origin });
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (net.isIP(host)) {
    const refused = refuseAddress(host, policy, raw);
    if (refused) throw refused;
  } else if (host === 'localhost' || host.endsWith('.localhost')) {
    if (!policy.allowLoopback) throw new ArgusError(ERROR_CODES.UNSAFE_URL, `refused loopback destination ${host} for ${raw} (allow it explicitly with allowLoopback)`, { url: raw, class: 'loopback' });
  }
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A `lookup` for http.request / net.connect that refuses addresses the policy does not allow. */
export function guardedLookup(policy: DestinationPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      for (const a of addresses) {
        const refused = refuseAddress(a.address, policy);
        if (refused) return callback(Object.assign(refused, { errno: undefined }) as unknown as NodeJS.ErrnoException, '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}
