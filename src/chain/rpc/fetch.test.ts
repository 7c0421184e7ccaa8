import { describe, expect, it } from 'vitest';
import { createStaleSocketRetryFetch, isStaleSocket } from './fetch.js';

const stale = () => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

describe('createStaleSocketRetryFetch', () => {
  it('sends again when the keep-alive socket was closed under the request', async () => {
    let calls = 0;
    const f = createStaleSocketRetryFetch(3, async () => {
      calls++;
      if (calls < 3) throw stale();
      return new Response('{"ok":true}');
    });
    expect(await (await f('http://127.0.0.1:1/')).json()).toEqual({ ok: true });
    expect(calls).toBe(3);
  });

  it('gives up after the attempts, and never retries other failures or answers', async () => {
    let calls = 0;
    const always = createStaleSocketRetryFetch(2, async () => {
      calls++;
      throw stale();
    });
    await expect(always('http://127.0.0.1:1/')).rejects.toThrow('fetch failed');
    expect(calls).toBe(2);
    calls = 0;
    const refused = createStaleSocketRetryFetch(3, async () => {
      calls++;
      throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    });
    await expect(refused('http://127.0.0.1:1/')).rejects.toThrow();
    expect(calls).toBe(1);
    calls = 0;
    const answer = createStaleSocketRetryFetch(3, async () => {
      calls++;
      return new Response('revert', { status: 500 });
    });
    expect((await answer('http://127.0.0.1:1/')).status).toBe(500);
    expect(calls).toBe(1);
    expect(isStaleSocket(new Error('x'))).toBe(false);
  });
});
