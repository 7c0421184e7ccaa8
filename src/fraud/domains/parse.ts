/**
 * Reads a URL or a bare host into the parts the checks need. Never throws: a bad input comes back with
 * `error` set, so one broken line in a batch of a million does not stop the batch.
 */
import { domainToUnicode } from 'node:url';
import { parse as tldParse } from 'tldts';

export interface ParsedHost {
  input: string;
  /** Lower-case ASCII (punycode) host, without a trailing dot or `www.`-stripping. */
  host: string;
  /** The host with punycode labels decoded, for display and homoglyph checks. */
  unicode: string;
  /** Public suffix + 1, counting private suffixes (`vercel.app`) as suffixes: `foo.vercel.app`. */
  registrable: string | null;
  /** The registrable domain's own label, e.g. `uniswap-claim` for `uniswap-claim.app`. */
  label: string;
  /** Everything left of the registrable domain, e.g. `claim.app` in `claim.app.foo.xyz`; '' when none. */
  subdomain: string;
  /** The public suffix, e.g. `app`, `co.uk`, `vercel.app`. */
  suffix: string;
  /** The shared platform the site sits on (`vercel.app`), when the suffix is a private one. */
  platform: string | null;
  isIp: boolean;
  /** A user name that looks like a host (`https://uniswap.org@evil.xyz`): the browser goes to evil.xyz. */
  userinfo?: string;
}

export type ParseResult = { ok: true; value: ParsedHost } | { ok: false; input: string; error: string };

/** Longest input read: URLs in the wild stay far below; anything longer is not a link to check. */
const MAX_INPUT = 4096;
/** Already a lower-case ASCII host name: the fast path skips the WHATWG URL parser. */
const PLAIN_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function hostOf(raw: string): { host: string; userinfo?: string } | { error: string } {
  if (PLAIN_HOST.test(raw)) return { host: raw.endsWith('.') ? raw.slice(0, -1) : raw };
  let url: URL;
  try {
    // A bare `host/path` or `host:port` becomes a URL by giving it a scheme; the URL parser then applies
    // IDNA (Unicode to punycode, case folding) the way a browser would.
    url = new URL(HAS_SCHEME.test(raw) ? raw : `http://${raw}`);
  } catch {
    return { error: 'not a URL or host name' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `not a web link (${url.protocol})` };
  let host = url.hostname;
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return { error: 'no host name' };
  const user = decodeURIComponent(url.username);
  return user.includes('.') ? { host, userinfo: user.toLowerCase() } : { host };
}

export function parseHost(input: string): ParseResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, input, error: 'empty input' };
  if (raw.length > MAX_INPUT) return { ok: false, input: input.slice(0, 200), error: `longer than ${MAX_INPUT} characters` };
  const h = hostOf(raw);
  if ('error' in h) return { ok: false, input, error: h.error };
  const host = h.host;
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  if (isIp) return { ok: true, value: { input, host, unicode: host, registrable: null, label: host, subdomain: '', suffix: '', platform: null, isIp: true } };
  if (host.length > 253 || host.split('.').some((l) => l === '' || l.length > 63)) return { ok: false, input, error: `'${host}' is not a valid host name` };
  if (!host.includes('.')) return { ok: false, input, error: 'a host name needs a dot (e.g. example.com)' };
  const t = tldParse(host, { allowPrivateDomains: true, extractHostname: false });
  if (!t.domain || !t.publicSuffix) return { ok: false, input, error: `no registrable domain in '${host}'` };
  const unicode = host.includes('xn--') ? domainToUnicode(host) || host : host;
  return {
    ok: true,
    value: {
      input,
      host,
      unicode,
      registrable: t.domain,
      label: t.domainWithoutSuffix ?? '',
      subdomain: t.subdomain ?? '',
      suffix: t.publicSuffix,
      platform: t.isPrivate ? t.publicSuffix : null,
      isIp: false,
      ...(h.userinfo ? { userinfo: h.userinfo } : {}),
    },
  };
}
