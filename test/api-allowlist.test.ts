/** The team allowlist through the API: seeded from the server's options, extended by POST, checked first. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/server/index.js';

const KEY = 'allowlist-key';
const AUTH = { authorization: `Bearer ${KEY}` };
const V1 = '/api/v1';

describe('URL allowlist API', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createServer({ apiKeys: [KEY], rateLimit: false, allowDomains: ['ourteam.xyz'] });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the team domains (with a key only)', async () => {
    expect((await app.inject({ url: `${V1}/urls/allowlist` })).statusCode).toBe(401);
    const r = await app.inject({ url: `${V1}/urls/allowlist`, headers: AUTH });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ domains: ['ourteam.xyz'] });
  });

  it('adds domains that every later check calls benign first, and says which entries are not domains', async () => {
    const before = await app.inject({ url: `${V1}/urls/check?u=${encodeURIComponent('https://claim-uniswap-rewards.io/x')}` });
    expect(before.json().verdict).toBe('malicious');
    const add = await app.inject({ method: 'POST', url: `${V1}/urls/allowlist`, payload: { domains: ['claim-uniswap-rewards.io', 'not a domain'] }, headers: AUTH });
    expect(add.statusCode).toBe(200);
    expect(add.json()).toMatchObject({ added: ['claim-uniswap-rewards.io'], rejected: ['not a domain'] });
    const after = await app.inject({ url: `${V1}/urls/check?u=${encodeURIComponent('https://app.claim-uniswap-rewards.io/x')}` });
    expect(after.json()).toMatchObject({ verdict: 'benign', reasons: [{ code: 'allowlist' }] });
    expect(after.json().reasons[0].reason).toMatch(/team allowlist/);
  });

  it('refuses to add without a key, or with a bad body', async () => {
    expect((await app.inject({ method: 'POST', url: `${V1}/urls/allowlist`, payload: { domains: ['x.com'] } })).statusCode).toBe(401);
    for (const payload of [{}, { domains: [] }, { domains: 'x.com' }, { domains: ['x.com'], extra: 1 }]) {
      expect((await app.inject({ method: 'POST', url: `${V1}/urls/allowlist`, payload, headers: AUTH })).statusCode).toBe(400);
    }
  });
});
