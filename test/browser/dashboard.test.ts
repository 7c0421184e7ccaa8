/**
 * The dashboard in a real browser (Debian's chromium driven by playwright-core) against the real demo:
 * `argus demo` as `npm start` runs it (devnet, attack scenarios, monitor, API, dashboard, audited examples).
 * It opens the dashboard with the printed URL, watches an alert from a devnet attack arrive live and the
 * demo's scoreboard judge the attacks, opens an
 * incident with its reserves chart, runs an audit and a URL check from the pages, and saves a screenshot
 * of each page under test-output/screenshots. Then Ctrl-C: the demo must stop cleanly, its node with it.
 *
 * Needs Debian's chromium (/usr/bin/chromium or `chromium` on the PATH; ARGUS_CHROMIUM=/path picks another).
 * Without it the suite is skipped with a notice, so `npm test` passes on a machine with only Node;
 * ARGUS_REQUIRE_BROWSER=1 (which `.ci/run` sets, after installing chromium) makes a missing browser fail
 * instead. ARGUS_SKIP_BROWSER=1 skips even when chromium is there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FAIL_ABOVE } from '../../src/cli/token-command.js';
import { CLI, processAlive, ROOT, tempDir } from '../cli-helpers.js';
import { BROWSER_SKIPPED, launchChromium, noticeIfSkipped, requireChromium, SHOTS } from './chromium.js';

noticeIfSkipped('the dashboard browser tests');

interface Demo {
  child: ChildProcess;
  url: string;
  key: string;
  base: string;
  stderr: () => string;
  nodePid: number;
}

/** Starts `argus demo` on a free port and waits for the dashboard line. */
async function startDemo(store: string): Promise<Demo> {
  const child = spawn(process.execPath, [CLI, 'demo', '--port', '0', '--store', store], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ARGUS_API_KEYS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stdout!.resume();
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const m = /dashboard: (http:\/\/127\.0\.0\.1:(\d+)\/#key=(\S+))/.exec(err);
    const pid = /node pid (\d+)/.exec(err);
    if (m && pid) return { child, url: m[1]!, base: `http://127.0.0.1:${m[2]}`, key: m[3]!, stderr: () => err, nodePid: Number(pid[1]) };
    if (child.exitCode !== null) throw new Error(`argus demo exited ${child.exitCode}:\n${err}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`argus demo printed no dashboard URL in 90 s:\n${err}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

requireChromium('the dashboard browser tests');

describe.skipIf(BROWSER_SKIPPED)('dashboard in chromium against `argus demo`', () => {
  let demo: Demo;
  let browser: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    demo = await startDemo(path.join(tempDir('argus-demo-'), 'demo.db'));
    browser = await launchChromium({ width: 1400, height: 900 });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    // After a failure: Ctrl-C first, so the demo stops its devnet node; SIGKILL only if it hangs.
    if (demo && demo.child.exitCode === null) {
      demo.child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 5000));
      if (demo.child.exitCode === null) demo.child.kill('SIGKILL');
    }
    if (demo && processAlive(demo.nodePid)) process.kill(demo.nodePid, 'SIGKILL');
  }, 20_000);

  it('opens with the key from the URL, then shows an alert from a devnet attack arriving live', async () => {
    await page.goto(demo.url);
    // The key moved from the URL into the session; the fragment is gone.
    await page.waitForFunction(() => !location.hash.includes('key='));
    await expect.poll(() => page.getAttribute('[data-testid="live-status"]', 'data-state'), { timeout: 20_000 }).toBe('live');
    const before = new Set(await page.$$eval('[data-testid="alert-row"]', (rows) => rows.map((r) => r.getAttribute('data-alert-id'))));
    // The scenario mix keeps attacking: a row the page did not load must arrive through the stream.
    await page.waitForFunction((known) => [...document.querySelectorAll('[data-testid="alert-row"]')].some((r) => !known.includes(r.getAttribute('data-alert-id') ?? '')), [...before] as string[], { timeout: 60_000 });
    // The charts follow the feed: bars per detector and per block bucket appear without a reload.
    await page.waitForSelector('[data-testid="alerts-by-detector-chart"] svg rect', { timeout: 15_000 });
    await page.waitForSelector('[data-testid="alerts-over-time-chart"] svg rect', { timeout: 15_000 });
    // The demo's scoreboard: the attacks run so far, judged against the alerts by the ground truth.
    await page.waitForFunction(() => /^[1-9]\d* \/ [1-9]/.test(document.querySelector('[data-testid="demo-caught"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await page.$$eval('[data-testid="demo-scoreboard"] .verdicts li', (rows) => rows.length)).toBeGreaterThan(0);
    await page.waitForTimeout(1000); // let the new rows' entry animation finish before the picture
    await shot(page, '1-alerts');
  }, 90_000);

  it('opens an alert with the keyboard', async () => {
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="alert-detail"]');
    await shot(page, '2-alert');
  }, 30_000);

  it('opens an incident with its stages, and a rug pull shows its pool reserves', async () => {
    // Wait until the demo has raised an incident about a pool (a rug pull or a price manipulation).
    const deadline = Date.now() + 90_000;
    let id: string | undefined;
    while (!id && Date.now() < deadline) {
      const r = (await (await fetch(`${demo.base}/api/v1/incidents?limit=100`)).json()) as { incidents: { id: string; kinds: string[]; stages: string[] }[] };
      id = r.incidents.find((i) => i.kinds.some((k) => /rug|price-manipulation/.test(k)) && i.stages.includes('exploitation'))?.id;
      if (!id) await new Promise((r) => setTimeout(r, 2000));
    }
    expect(id, 'the demo raised no rug-pull or price-manipulation incident in time').toBeDefined();
    await page.goto(`${demo.base}/#/incidents`);
    await page.waitForSelector('[data-testid="incident-row"]');
    await shot(page, '3-incidents');
    await page.goto(`${demo.base}/#/incidents/${id}`);
    await page.waitForSelector('[data-testid="incident-page"]');
    expect(await page.getAttribute('[data-testid="stage-exploitation"]', 'data-reached')).toBe('true');
    await page.waitForSelector('[data-testid="reserves-chart"] svg', { timeout: 20_000 });
    await shot(page, '4-incident');
  }, 120_000);

  it('audits a contract pasted into the audit page and highlights the flagged lines', async () => {
    await page.goto(`${demo.base}/#/audit`);
    await page.fill('[data-testid="audit-input"]', 'pragma solidity ^0.8.0;\ncontract Vault {\n  mapping(address => uint) public balances;\n  function withdraw() public {\n    uint amount = balances[msg.sender];\n    (bool ok, ) = msg.sender.call{value: amount}("");\n    require(ok);\n    balances[msg.sender] = 0;\n  }\n}\n');
    await page.click('[data-testid="audit-submit"]');
    await page.waitForSelector('[data-testid="audit-report"]');
    await page.waitForSelector('[data-testid="flagged-line"]');
    expect(await page.textContent('[data-testid="audit-report"]')).toMatch(/reentrancy/i);
    await shot(page, '5-audit');
  }, 30_000);

  it('checks a phishing lookalike URL from the check page', async () => {
    await page.goto(`${demo.base}/#/check`);
    await page.fill('[data-testid="url-input"]', 'https://uniswap-airdrop-claim.xyz/connect');
    await page.click('[data-testid="url-submit"]');
    await page.waitForSelector('[data-testid="url-result"]');
    expect(await page.textContent('[data-testid="url-result"]')).toMatch(/phishing|suspicious|malicious/i);
    await shot(page, '6-check');
  }, 30_000);

  it('shows a token report for a scam token the monitor flagged on the demo chain, scored as one', async () => {
    // A honeypot or hidden-mint token an alert names; no fallback to any other token: a clean token's
    // report would prove nothing about scoring a scam.
    type Page = { alerts: { finding: { detector: string; evidence: { token?: unknown } } }[] };
    const REASON: Record<string, RegExp> = { 'monitor/honeypot-sell': /selling fails/i, 'monitor/hidden-mint-dump': /supply can be raised/i };
    let scam: { token: string; detector: string } | undefined;
    const deadline = Date.now() + 120_000;
    while (!scam && Date.now() < deadline) {
      const { alerts } = (await (await fetch(`${demo.base}/api/v1/alerts?limit=500`)).json()) as Page;
      const hit = alerts.find((a) => a.finding.detector in REASON && typeof a.finding.evidence.token === 'string');
      if (hit) scam = { token: hit.finding.evidence.token as string, detector: hit.finding.detector };
      else await new Promise((r) => setTimeout(r, 2000));
    }
    expect(scam, 'no honeypot or hidden-mint alert named a token in 120 s').toBeDefined();
    const { token, detector } = scam!;
    // ?address= starts the check at once.
    await page.goto(`${demo.base}/#/token?address=${token}`);
    await page.waitForSelector('[data-testid="token-report"]', { timeout: 30_000 });
    // The attribute must be there and a whole number (Number(null) would read a missing one as 0).
    const attribute = await page.getAttribute('[data-testid="risk-score"]', 'data-score');
    expect(attribute).toMatch(/^\d{1,3}$/);
    // A scam the monitor caught scores at or above the CLI's failure threshold, for the reason it was caught.
    expect(Number(attribute)).toBeGreaterThanOrEqual(DEFAULT_FAIL_ABOVE);
    expect(Number(attribute)).toBeLessThanOrEqual(100);
    expect(await page.textContent('[data-testid="token-report"] .reasons')).toMatch(REASON[detector]!);
    await shot(page, '7-token');
  }, 180_000);

  it('logged no errors in the page, and Ctrl-C stops the demo and its devnet cleanly', async () => {
    expect(consoleErrors).toEqual([]);
    const exited = new Promise<number | null>((resolve) => demo.child.once('exit', (code) => resolve(code)));
    demo.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(demo.stderr()).toMatch(/SIGINT: \d+ blocks/);
    expect(processAlive(demo.nodePid)).toBe(false);
  }, 60_000);
});
