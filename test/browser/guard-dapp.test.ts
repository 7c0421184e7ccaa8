/**
 * A dapp page in a real browser (Debian's chromium via playwright-core) whose injected EIP-1193 provider
 * points at `argus guard` in front of a devnet: the page's "claim" (an unlimited approval to the site's
 * address) comes back blocked with the guard's reasons, which the page shows; its sign-in goes through.
 * Skipped when chromium is missing, as the dashboard's browser tests are (ARGUS_REQUIRE_BROWSER=1 fails instead).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../../src/chain/devnet/index.js';
import { Guard, startGuardServer, type GuardServer } from '../../src/guard/index.js';
import { ROOT } from '../cli-helpers.js';
import { BROWSER_SKIPPED, launchChromium, noticeIfSkipped, requireChromium } from './chromium.js';

const PAGE = readFileSync(path.join(ROOT, 'test/fixtures/guard-dapp/index.html'), 'utf8');

noticeIfSkipped('the guard dapp browser test');
requireChromium('the guard dapp browser test');

describe.skipIf(BROWSER_SKIPPED)('argus guard in front of a dapp in chromium', () => {
  let devnet: Devnet;
  let guard: Guard;
  let server: GuardServer;
  let site: http.Server;
  let siteUrl: string;
  let otherSite: http.Server;
  let otherUrl: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, accounts: 3 });
    guard = await Guard.start({ upstreamUrl: devnet.rpcUrl, policy: { freshContractBlocks: 5 } });
    const serve = async () => {
      const s = http.createServer((_, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(PAGE);
      });
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
      return { s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/` };
    };
    ({ s: site, url: siteUrl } = await serve());
    ({ s: otherSite, url: otherUrl } = await serve());
    // The dapp's origin is allowed (--allow-origin); the other site's is not.
    server = await startGuardServer(guard, { port: 0, allowedOrigins: [new URL(siteUrl).origin] });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
    await new Promise<void>((r) => (otherSite ? otherSite.close(() => r()) : r()));
    await server?.close();
    await guard?.stop();
    await devnet?.stop();
  });

  it('shows the block message for the drainer approval and lets the sign-in through', async () => {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const q = new URLSearchParams({ rpc: server.url, account: devnet.accounts[1]?.address as string, token: devnet.tokens.DAI?.address as string, spender: '0x5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ff' });
    await page.goto(`${siteUrl}?${q}`);
    await page.click('#claim');
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'ready', undefined, { timeout: 30_000 });
    const status = (await page.textContent('#status')) ?? '';
    expect(status).toContain('Blocked (-32003)');
    expect(status).toMatch(/account without code/u);
    await page.click('#login');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('signed in') ?? false, undefined, { timeout: 30_000 });
  });

  it('refuses a page from an origin it was not given: the browser gets no answer and nothing is decided', async () => {
    const page = await browser.newPage();
    const q = new URLSearchParams({ rpc: server.url, account: devnet.accounts[1]?.address as string, token: devnet.tokens.DAI?.address as string, spender: '0x5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ff' });
    await page.goto(`${otherUrl}?${q}`);
    const before = guard.decisions;
    await page.click('#login');
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'ready', undefined, { timeout: 30_000 });
    expect((await page.textContent('#status')) ?? '').toMatch(/^Blocked \(undefined\): Failed to fetch/u);
    expect(guard.decisions).toBe(before);
    await page.close();
  });
});
