/**
 * The proposal page (`#/proposals/<governor>/<id>`) in Debian's chromium (playwright-core) against the
 * built `argus serve`, whose ARGUS_RPC_URL is a devnet with a real proposal on it: the session-3 flash-loan
 * vote capture (eval/governance-scenarios.ts: a governor that weighs votes when cast and commits at once on
 * a supermajority, its voting token in a lending pool). The server simulates the proposal on a fork when
 * the page asks; the page must show the verdict, the reasons in words, the calls and the borrowed-power
 * section, fit a phone without side scroll, and say so clearly for a governor that does not exist.
 * Needs chromium like test/browser/console.test.ts (ARGUS_REQUIRE_BROWSER=1 makes a missing one fail).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { CLI, ROOT, tempDir } from '../cli-helpers.js';
import { proposeScenario, startGovLab, type GovLab } from '../../eval/governance-run.js';
import { SCENARIOS_3 } from '../../eval/governance-scenarios.js';

function chromiumPath(): string {
  if (process.env.ARGUS_CHROMIUM) return process.env.ARGUS_CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'chromium'))) return path.join(dir, 'chromium');
  }
  return '/usr/bin/chromium';
}
const CHROMIUM = chromiumPath();
const FOUND = existsSync(CHROMIUM);
const REQUIRE = process.env.ARGUS_REQUIRE_BROWSER === '1';
const SKIP = !REQUIRE && (process.env.ARGUS_SKIP_BROWSER === '1' || !FOUND);
if (SKIP) console.warn(`notice: the proposal page browser test is SKIPPED (no chromium at ${CHROMIUM}, or ARGUS_SKIP_BROWSER=1)`);
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const KEY = 'proposal-browser-key';

interface Server {
  child: ChildProcess;
  base: string;
}

async function serve(store: string, rpcUrl: string): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', '--store', store, '--port', '0', '--rate-limit', '0'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ARGUS_API_KEYS: KEY, ARGUS_RPC_URL: rpcUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stdout!.resume();
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(err);
    if (m) return { child, base: m[1]! };
    if (child.exitCode !== null) throw new Error(`argus serve exited ${child.exitCode}:\n${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`argus serve did not start in 30 s:\n${err}`);
}

async function stop(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGINT');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

describe.runIf(REQUIRE)('the proposal page browser test is required (ARGUS_REQUIRE_BROWSER=1)', () => {
  it('finds chromium', () => {
    expect(FOUND, `no chromium at ${CHROMIUM}: apt-get install chromium, or set ARGUS_CHROMIUM`).toBe(true);
  });
});

describe.skipIf(SKIP || !FOUND)("a DAO proposal's report page, in chromium against argus serve and a devnet", () => {
  let lab: GovLab;
  let server: Server | undefined;
  let browser: BrowserContext;
  let page: Page;
  let governor: Address;
  let id = 0n;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    lab = await startGovLab('oz');
    const capture = SCENARIOS_3.find((s) => s.reason === 'flash-loan-vote');
    if (!capture) throw new Error('no flash-loan scenario');
    ({ id, governor } = await proposeScenario(lab, capture));
    server = await serve(path.join(tempDir('argus-proposal-page-'), 'argus.db'), lab.ctx.url);
    browser = await chromium.launchPersistentContext(tempDir('argus-chromium-'), {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1440, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stop(server);
    await lab?.stop();
  }, 60_000);

  it('shows the simulated verdict, the reasons in words, the calls and the borrowed power', async () => {
    await page.goto(`${server!.base}/#key=${KEY}`);
    await page.waitForFunction(() => !location.hash.includes('key='));
    await page.goto(`${server!.base}/#/proposals/${governor}/${id}`);
    // First the page says it is simulating, then the report arrives from the server's fork.
    await page.waitForSelector('[data-testid="proposal-report"]', { timeout: 180_000 });
    expect((await page.textContent('[data-testid="proposal-verdict"]'))?.trim()).toBe('CRITICAL');
    const findings = (await page.textContent('[data-testid="proposal-findings"]')) ?? '';
    expect(findings).toMatch(/critical\s*borrowed voting power passes and executes the proposal before its vote ends/);
    expect(findings).toMatch(/weighs votes when they are cast/);
    expect(findings).toMatch(/treasury outflow of 300 ETH/);
    expect(await page.textContent('[data-testid="proposal-capture"]')).toMatch(/1 flash-loan source\(s\) lend 800000000000000000000000 .* executed the proposal at block \d+, before its vote ends/);
    expect(await page.textContent('[data-testid="proposal-report"]')).toContain('BIP-18: donation to a relief fund');
    await page.screenshot({ path: path.join(SHOTS, 'proposal-1-report-1440.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('fits a 390 px phone without side scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.waitForSelector('[data-testid="proposal-report"]', { timeout: 180_000 });
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);
    await page.screenshot({ path: path.join(SHOTS, 'proposal-2-report-390.png'), fullPage: false });
    expect(fits).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 240_000);

  it('says clearly when the governor is not one', async () => {
    await page.goto(`${server!.base}/#/proposals/0x000000000000000000000000000000000000dEaD/1`);
    await page.waitForSelector('[role="alert"]', { timeout: 60_000 });
    expect(await page.textContent('[role="alert"]')).toMatch(/no code|not a governor/i);
    expect(await page.$('[data-testid="proposal-verdict"]')).toBeNull();
  }, 120_000);
});
