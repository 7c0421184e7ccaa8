import { describe, expect, it } from 'vitest';
import { hostChecker, normalOrigin, originAllowed } from './http-hosts.js';

describe('who a local HTTP service answers', () => {
  it('checks Host headers by name, whatever the port, and refuses a missing one', () => {
    const hosts = hostChecker(['127.0.0.1', 'localhost', '::1', 'Guard.Internal']);
    expect(hosts.allows('127.0.0.1:8546')).toBe(true);
    expect(hosts.allows('[::1]:8546')).toBe(true);
    expect(hosts.allows('guard.internal')).toBe(true);
    expect(hosts.allows('evil.example:8546')).toBe(false);
    expect(hosts.allows(undefined)).toBe(false);
  });

  it('serves non-browser clients and same-origin pages; other origins only when listed', () => {
    expect(originAllowed(undefined, '127.0.0.1:8546', [])).toBe(true);
    expect(originAllowed('http://127.0.0.1:8546', '127.0.0.1:8546', [])).toBe(true);
    expect(originAllowed('http://127.0.0.1:3000', '127.0.0.1:8546', [])).toBe(false);
    expect(originAllowed('https://evil.example', '127.0.0.1:8546', ['https://app.example'])).toBe(false);
    expect(originAllowed('https://APP.example', '127.0.0.1:8546', ['https://app.example/'])).toBe(true);
    expect(originAllowed('null', '127.0.0.1:8546', [])).toBe(false);
    expect(originAllowed('null', '127.0.0.1:8546', ['null'])).toBe(true);
    expect(normalOrigin('https://app.example:443/')).toBe('https://app.example');
  });
});
