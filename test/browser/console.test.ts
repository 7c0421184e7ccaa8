/**
 * The dashboard as an operations console, in Debian's chromium (playwright-core) against the built
 * `argus serve` on a real SQLite store: triage (acknowledge, resolve, assign, a note, filter by status,
 * bulk actions, and all of it still there after a reload), paging older alerts in from the server, the
 * first alert on the first screen of a laptop and a phone, every page on a 390×844 phone without
 * horizontal scroll, the error states (a bad alert id with a way back, a token source that cannot be
 * analysed, an invalid address clearing the old report, the server going away), and a server that needs
 * a key for reads still streaming live alerts to the dashboard (the key in its cookie).
 *
 * The store is filled the way `argus watch` fills it (makeAlert + saveAlert, an incident from the real
 * combiner); alerts added to it while the page is open reach the page through the server's tailing.
 * Needs chromium like test/browser/dashboard.test.ts (ARGUS_REQUIRE_BROWSER=1 makes a missing one fail).
 */
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAlert } from '../../src/core/alert-id.js';
import type { Alert } from '../../src/core/alert.js';
import type { Finding, Severity } from '../../src/core/finding.js';
import { combineFindings, incidentFinding } from '../../src/monitor/incidents/combiner.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../cli-helpers.js';
import { BROWSER_SKIPPED, launchChromium, noticeIfSkipped, requireChromium, serveArgus, SHOTS, stopArgus, type ArgusServer } from './chromium.js';

noticeIfSkipped('the console browser tests');
const KEY = 'console-browser-key';
const CHAIN = 31337;
const ALERTS = 260;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const ATTACKER = '0x00000000000000000000000000000000000a77ac';
const DETECTORS = ['monitor/large-transfer', 'monitor/approval-drain', 'monitor/price-manipulation', 'monitor/baseline-anomaly'];
const SEVERITY_MIX: Severity[] = ['low', 'medium', 'low', 'high', 'info', 'medium', 'critical', 'low'];

function finding(n: number): Finding {
  const severity = SEVERITY_MIX[n % SEVERITY_MIX.length]!;
  return {
    detector: DETECTORS[n % DETECTORS.length]!,
    title: `Alert number ${n}: ${severity} movement through ${addr(0xbeef0000 + n)}`,
    severity,
    confidence: 0.7,
    tags: [],
    subject: { kind: 'address', chainId: CHAIN, address: addr(0xbeef0000 + n) },
    explanation: `Moved 1765782630000000000000000 base units from ${addr(0xbeef0000 + n)} to ${addr(0xcafe0000 + n)} in ${hash(n)}.`,
    evidence: { blockNumber: n, from: addr(0xbeef0000 + n), to: addr(0xcafe0000 + n), transaction: hash(n), value: '1765782630000000000000000' },
  };
}

/** `argus serve` on the test's store with its key, and `extra` flags (`port`: come back on the same port). */
const serve = (store: string, extra: string[] = [], port = '0') => serveArgus({ store, key: KEY, extra, port });

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });

/** True when the page is no wider than the viewport (nothing to scroll sideways). */
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);
/** The offending elements when there is side scroll: what sticks out past the viewport's right edge. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' && e.children.length === 0)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${(e as HTMLElement).className} is ${e.scrollWidth} px wide in ${e.clientWidth}`),
  );

requireChromium('the console browser tests');

describe.skipIf(BROWSER_SKIPPED)('the dashboard as an operations console, in chromium against argus serve', () => {
  let server: ArgusServer | undefined;
  let storeFile = '';
  let store: SqliteStore;
  let browser: BrowserContext;
  let page: Page;
  const alerts: Alert[] = [];
  let incidentId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    storeFile = path.join(tempDir('argus-console-'), 'argus.db');
    store = new SqliteStore(storeFile);
    for (let n = 1; n <= ALERTS; n++) {
      const a = makeAlert(finding(n), { chainId: CHAIN, blockNumber: n, blockHash: hash(n), createdAt: new Date(Date.now() - (ALERTS - n) * 1000) });
      await store.saveAlert(a);
      alerts.push(a);
    }
    const raised: Finding[] = [
      { detector: 'monitor/attack-contract-deploy', title: 'Attack contract deployed', severity: 'medium', confidence: 0.8, tags: ['stage:preparation', 'kind:exploit'], subject: { kind: 'address', chainId: CHAIN, address: ATTACKER, role: 'deployer' }, explanation: 'deploy', evidence: { blockNumber: 300 } },
      { detector: 'monitor/exploit-contract', title: 'Exploit through the attack contract', severity: 'high', confidence: 0.8, tags: ['stage:exploitation', 'kind:exploit'], subject: { kind: 'transaction', chainId: CHAIN, hash: hash(301), blockNumber: 301 }, explanation: 'exploit', evidence: { blockNumber: 301, attacker: ATTACKER } },
    ];
    for (const f of raised) await store.saveAlert(makeAlert(f, { chainId: CHAIN, blockNumber: Number(f.evidence.blockNumber), blockHash: hash(Number(f.evidence.blockNumber)) }));
    const incident = combineFindings(raised).find((i) => i.findings.length === 2)!;
    incidentId = incident.id;
    await store.saveAlert(makeAlert(incidentFinding(incident, CHAIN), { chainId: CHAIN, blockNumber: 301, blockHash: hash(301) }));
    server = await serve(storeFile, ['--explorer', `${CHAIN}=https://explorer.example`, '--allow-loopback-webhook']);
    browser = await launchChromium({ width: 1440, height: 900 });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopArgus(server);
    await store?.close();
  }, 30_000);

  it('leads with what needs attention; the first alert is on the first screen of a 1440×900 laptop', async () => {
    await page.goto(`${server!.base}/#key=${KEY}`);
    await page.waitForFunction(() => !location.hash.includes('key='));
    await page.waitForSelector('[data-testid="alert-row"]');
    await page.waitForSelector('[data-testid="now-panel"]');
    const top = await page.$eval('[data-testid="alert-row"]', (e) => e.getBoundingClientRect().top);
    expect(top).toBeLessThan(900 - 40);
    await expect.poll(() => page.textContent('[data-testid="open-incidents-critical"]')).toMatch(/^\s*1\b/); // the incident is critical
    await shot(page, 'console-1-feed-1440');
  }, 60_000);

  it('counts from the server and pages older alerts in until every stored one is shown', async () => {
    const total = ALERTS + 3;
    await expect.poll(() => page.getAttribute('[data-testid="alert-count"]', 'data-total')).toBe(String(total));
    expect(await page.$$eval('[data-testid="alert-row"]', (r) => r.length)).toBe(100);
    for (const shown of [200, total]) {
      await page.click('[data-testid="load-older"]');
      await expect.poll(() => page.$$eval('[data-testid="alert-row"]', (r) => r.length)).toBe(shown);
    }
    await page.waitForSelector('[data-testid="feed-end"]');
    // The oldest stored alert is there, exactly once.
    expect(await page.$$eval(`[data-alert-id="${alerts[0]!.id}"]`, (r) => r.length)).toBe(1);
    // A search runs on the server over every stored alert, and goes into the URL.
    await page.fill('[data-testid="alert-search"]', `BEEF0003 ${alerts[2]!.finding.severity}`);
    await page.waitForFunction(() => location.hash.includes('q='));
    await expect.poll(() => page.$$eval('[data-testid="alert-row"]', (r) => r.map((e) => e.getAttribute('data-alert-id')))).toEqual([alerts[2]!.id]);
    await page.goto(`${server!.base}/#/`);
  }, 60_000);

  it('acknowledges, assigns, notes and resolves an alert; reloaded, it is all still there', async () => {
    const target = alerts[ALERTS - 1]!; // the newest member alert: on the first page
    await page.goto(`${server!.base}/#/alerts/${target.id}`);
    await page.waitForSelector('[data-testid="triage-panel"][data-status="open"]');
    await page.fill('[data-testid="operator-name"]', 'ana');
    await page.click('[data-testid="triage-acknowledge"]');
    await page.waitForSelector('[data-testid="triage-panel"][data-status="acknowledged"]');
    await page.fill('[data-testid="triage-assignee"]', 'ana');
    await page.click('[data-testid="triage-assign"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="triage-history"]')?.textContent?.includes('assigned to ana'));
    await page.fill('[data-testid="triage-note"]', 'Our own router; the pool is fine.');
    await page.click('[data-testid="triage-add-note"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="triage-history"]')?.textContent?.includes('Our own router'));
    await page.click('[data-testid="triage-resolve"]');
    await page.waitForSelector('[data-testid="triage-panel"][data-status="resolved"]');
    await shot(page, 'console-2-triage');

    // Every address and hash has a copy button and, with an explorer for the chain, a link to it.
    const links = await page.$$eval('[data-testid="alert-detail"] [data-testid="explorer-link"]', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain(`https://explorer.example/tx/${target.blockHash}`.replace('/tx/', '/block/'));
    expect(links.some((l) => l?.startsWith('https://explorer.example/address/0x'))).toBe(true);
    await page.reload();
    await page.waitForSelector('[data-testid="triage-panel"][data-status="resolved"]');
    const history = await page.textContent('[data-testid="triage-history"]');
    expect(history).toMatch(/ana \(key:[0-9a-f]{16}\)/);
    expect(history).toMatch(/Our own router/);
    expect(history).toMatch(/assigned to ana/);
    expect(history).toMatch(/acknowledged → resolved/);
  }, 60_000);

  it('filters by status, and bulk-acknowledges the selected alerts, which a reload keeps', async () => {
    const resolved = alerts[ALERTS - 1]!.id;
    await page.goto(`${server!.base}/#/`);
    await page.click('[data-testid="status-tab-resolved"]');
    await page.waitForFunction(() => location.hash.includes('status=resolved'));
    await expect.poll(() => page.$$eval('[data-testid="alert-row"]', (r) => r.map((e) => e.getAttribute('data-alert-id')))).toEqual([resolved]);
    await page.click('[data-testid="status-tab-open"]');
    await page.waitForFunction(() => location.hash.includes('status=open'));
    await page.waitForSelector('[data-testid="alert-row"]');
    expect(await page.$$eval(`[data-alert-id="${resolved}"]`, (r) => r.length)).toBe(0);

    const rows = await page.$$('[data-testid="alert-row"] [data-testid="alert-select"]');
    await rows[0]!.click();
    await rows[1]!.click();
    const picked = await page.$$eval('[data-testid="alert-row"]', (r) => r.slice(0, 2).map((e) => e.getAttribute('data-alert-id')));
    await page.click('[data-testid="bulk-acknowledge"]');
    // Open shows them no more; the Acknowledged tab counts them.
    await expect.poll(() => page.$$eval('[data-testid="alert-row"][data-status="acknowledged"]', (r) => r.length)).toBe(2);
    await expect.poll(() => page.textContent('[data-testid="status-tab-acknowledged"]')).toMatch(/2/);
    await page.goto(`${server!.base}/#/?status=acknowledged`);
    await page.reload();
    await expect.poll(() => page.$$eval('[data-testid="alert-row"]', (r) => r.map((e) => e.getAttribute('data-alert-id')).sort())).toEqual([...picked].sort());
    await shot(page, 'console-3-acknowledged');
  }, 60_000);

  it('shows a live alert written to the store while the page is open, and counts it unread in the tab title when the tab is hidden', async () => {
    await page.goto(`${server!.base}/#/`);
    await page.waitForSelector('[data-testid="alert-row"]');
    await expect.poll(() => page.getAttribute('[data-testid="live-status"]', 'data-state'), { timeout: 20_000 }).toBe('live');
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    });
    const fresh = makeAlert({ ...finding(9001), title: 'A fresh critical alert', severity: 'critical' }, { chainId: CHAIN, blockNumber: 9001, blockHash: hash(9001) });
    await store.saveAlert(fresh);
    await page.waitForSelector(`[data-alert-id="${fresh.id}"]`, { timeout: 20_000 });
    await expect.poll(() => page.title()).toMatch(/^\(1\) /);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => page.title()).not.toMatch(/^\(/);
  }, 60_000);

  it('has no horizontal scroll on any page of a 390×844 phone, and the first alert is on its first screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const pages: Array<[string, string]> = [
      ['/', '[data-testid="alert-row"]'],
      [`/alerts/${alerts[ALERTS - 2]!.id}`, '[data-testid="alert-detail"]'],
      ['/incidents', '[data-testid="incident-row"]'],
      [`/incidents/${incidentId}`, '[data-testid="incident-page"]'],
      ['/audit', '[data-testid="audit-input"]'],
      ['/token', '[data-testid="token-input"]'],
      ['/check', '[data-testid="url-input"]'],
      ['/notifications', '[data-testid="webhook-url"]'],
      ['/alerts/not-an-alert-id', '[data-testid="not-found"]'],
    ];
    for (const [route, ready] of pages) {
      await page.goto(`${server!.base}/#${route}`);
      await page.waitForSelector(ready);
      await page.waitForTimeout(300);
      expect(await noSideScroll(page), `${route} scrolls sideways: ${(await overflowing(page)).join('; ')}`).toBe(true);
      if (route === '/') {
        const top = await page.$eval('[data-testid="alert-row"]', (e) => e.getBoundingClientRect().top);
        expect(top).toBeLessThan(844 - 40);
        await shot(page, 'console-4-phone-feed');
      }
    }
    // The incident's kill chain: every stage label whole, not cut ("Prepar").
    await page.goto(`${server!.base}/#/incidents/${incidentId}`);
    await page.waitForSelector('[data-testid="incident-page"]');
    const cut = await page.$$eval('[data-testid^="stage-"]', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.getAttribute('data-testid')));
    expect(cut).toEqual([]);
    await shot(page, 'console-5-phone-incident');
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 90_000);

  it('adds a webhook from the notifications page, refuses a private destination there, and lists its deliveries', async () => {
    await page.goto(`${server!.base}/#/notifications`);
    await page.fill('[data-testid="webhook-url"]', 'http://10.1.2.3/hook');
    await page.click('[data-testid="webhook-create"]');
    await page.waitForSelector('[data-testid="webhook-error"]');
    expect(await page.textContent('[data-testid="webhook-error"]')).toMatch(/private/);
    await page.fill('[data-testid="webhook-url"]', 'https://hooks.example.com/argus');
    await page.selectOption('[data-testid="webhook-severity"]', 'critical');
    await page.click('[data-testid="webhook-create"]');
    await page.waitForSelector('[data-testid="webhook-secret"]');
    await page.waitForSelector('[data-testid="webhook-row"]');
    expect(await page.textContent('[data-testid="webhook-list"]')).toMatch(/critical and above/);
  }, 30_000);

  it('routes to Slack and Telegram formats chosen on the notifications page, and "Send test" reaches a local receiver', async () => {
    const got: { path: string; body: string; signature: string | undefined }[] = [];
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-argus-signature'] as string | undefined });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    try {
      // The key, read when the page loads (this test may run alone).
      await page.goto(`${server!.base}/#key=${KEY}`);
      await page.reload();
      await page.waitForFunction(() => !location.hash.includes('key='));
      await page.goto(`${server!.base}/#/notifications`);
      await page.selectOption('[data-testid="webhook-format"]', 'telegram');
      await page.fill('[data-testid="webhook-url"]', `${base}/telegram`);
      // Telegram needs its chat id: the button waits for it.
      expect(await page.isDisabled('[data-testid="webhook-create"]')).toBe(true);
      await page.fill('[data-testid="webhook-target"]', '-100777');
      await page.selectOption('[data-testid="webhook-severity"]', 'high');
      await page.click('[data-testid="webhook-create"]');
      await page.waitForSelector(`[data-testid="webhook-row"]:has-text("${base}/telegram")`);
      await page.selectOption('[data-testid="webhook-format"]', 'slack');
      expect(await page.$('[data-testid="webhook-target"]')).toBeNull();
      await page.fill('[data-testid="webhook-url"]', `${base}/slack`);
      await page.click('[data-testid="webhook-create"]');
      const slackRow = `[data-testid="webhook-row"]:has-text("${base}/slack")`;
      await page.waitForSelector(slackRow);
      expect(await page.textContent(`${slackRow} [data-testid="webhook-row-format"]`)).toBe('Slack');
      expect(await page.textContent(`[data-testid="webhook-row"]:has-text("${base}/telegram") [data-testid="webhook-row-format"]`)).toBe('Telegram');

      await page.click(`${slackRow} [data-testid="webhook-test"]`);
      await page.waitForSelector(`${slackRow} [data-testid="webhook-test-result"]:has-text("delivered")`);
      expect(await page.textContent(`${slackRow} [data-testid="webhook-test-result"]`)).toBe('delivered (HTTP 200)');
      const telegramRow = `[data-testid="webhook-row"]:has-text("${base}/telegram")`;
      await page.click(`${telegramRow} [data-testid="webhook-test"]`);
      await page.waitForSelector(`${telegramRow} [data-testid="webhook-test-result"]:has-text("delivered")`);
      const slack = JSON.parse(got.find((g) => g.path === '/slack')!.body);
      expect(slack.text).toContain('Argus test notification');
      const telegram = JSON.parse(got.find((g) => g.path === '/telegram')!.body);
      expect(telegram).toMatchObject({ chat_id: '-100777', parse_mode: 'HTML' });
      expect(got.every((g) => /^sha256=[0-9a-f]{64}$/.test(g.signature ?? ''))).toBe(true);
      await shot(page, 'console-notifications-formats');

      // A receiver that is gone: the row says so instead of pretending.
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await page.click(`${slackRow} [data-testid="webhook-test"]`);
      await page.waitForSelector(`${slackRow} [data-testid="webhook-test-result"]:has-text("not delivered")`);
    } finally {
      if (receiver.listening) {
        receiver.closeAllConnections();
        receiver.close();
      }
    }
  }, 60_000);

  it('explains a bad alert id and an unknown one, with a way back to the alerts', async () => {
    await page.goto(`${server!.base}/#/alerts/not-an-alert-id`);
    await page.waitForSelector('[data-testid="not-found"][data-status="400"]');
    expect(await page.textContent('[data-testid="not-found"] h1')).toMatch(/not a valid id/);
    await page.goto(`${server!.base}/#/alerts/${'0'.repeat(32)}`);
    await page.waitForSelector('[data-testid="not-found"][data-status="404"]');
    await page.click('[data-testid="back-link"]');
    await page.waitForSelector('[data-testid="alert-row"]');
  }, 30_000);

  it('fails closed on token source it cannot analyse, and an invalid address clears the old report', async () => {
    await page.goto(`${server!.base}/#/token`);
    await page.click('text=From Solidity source');
    await page.fill('[data-testid="token-source"]', 'pragma solidity ^0.8.0;\ncontract T { function transfer( public {');
    await page.click('[data-testid="token-submit"]');
    await page.waitForSelector('[data-testid="token-error"]');
    expect(await page.getAttribute('[data-testid="token-error"]', 'data-code')).toBe('ARGUS_PARSE');
    expect(await page.textContent('[data-testid="token-error"]')).toMatch(/could not be analysed/i);
    expect(await page.$('[data-testid="risk-score"]')).toBeNull();
    expect(await page.textContent('main')).not.toMatch(/low risk/i);

    // A report from source that parses, then an address typed over it: the report goes.
    await page.fill(
      '[data-testid="token-source"]',
      'pragma solidity ^0.8.0;\ncontract T { mapping(address => uint256) public balanceOf; uint256 public totalSupply = 1000;\n function transfer(address to, uint256 v) external returns (bool) { balanceOf[msg.sender] -= v; balanceOf[to] += v; return true; } }',
    );
    await page.click('[data-testid="token-submit"]');
    await page.waitForSelector('[data-testid="token-report"], [data-testid="token-error"]', { timeout: 60_000 });
    await page.click('text=By address');
    await page.fill('[data-testid="token-input"]', '0x1234');
    await page.waitForSelector('[data-testid="token-address-invalid"]');
    expect(await page.$('[data-testid="token-report"]')).toBeNull();
    expect(await page.$('[data-testid="token-error"]')).toBeNull();
  }, 90_000);

  it('shows that the server is down across the page, then recovers by itself', async () => {
    await page.goto(`${server!.base}/#/`);
    await page.waitForSelector('[data-testid="alert-row"]');
    await expect.poll(() => page.getAttribute('[data-testid="live-status"]', 'data-state'), { timeout: 20_000 }).toBe('live');
    const port = new URL(server!.base).port;
    await stopArgus(server);
    await page.waitForSelector('[data-testid="server-down"]', { timeout: 20_000 });
    await shot(page, 'console-6-server-down');
    expect(await page.textContent('[data-testid="server-down"]')).toMatch(/not answering/);
    // Back on the same port: the page notices by itself, the banner goes and the stream is live again.
    server = await serve(storeFile, [], port);
    await page.waitForSelector('[data-testid="server-down"]', { state: 'detached', timeout: 30_000 });
    await expect.poll(() => page.getAttribute('[data-testid="live-status"]', 'data-state'), { timeout: 30_000 }).toBe('live');
  }, 60_000);

  it('streams live alerts to the dashboard from a server that needs a key for reads (the key in its cookie)', async () => {
    await stopArgus(server);
    server = await serve(storeFile, ['--require-key-for-reads']);
    const fresh = await browser.newPage();
    fresh.on('pageerror', (e) => pageErrors.push(e.message));
    await fresh.goto(`${server.base}/#key=${KEY}`);
    await fresh.waitForSelector('[data-testid="alert-row"]');
    await expect.poll(() => fresh.getAttribute('[data-testid="live-status"]', 'data-state'), { timeout: 20_000 }).toBe('live');
    const fresh2 = makeAlert({ ...finding(9002), title: 'Arrived through a keyed stream' }, { chainId: CHAIN, blockNumber: 9002, blockHash: hash(9002) });
    await store.saveAlert(fresh2);
    await fresh.waitForSelector(`[data-alert-id="${fresh2.id}"]`, { timeout: 20_000 });
    // Without the key the same server refuses the reads.
    expect((await fetch(`${server.base}/api/v1/alerts`)).status).toBe(401);
    await fresh.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
