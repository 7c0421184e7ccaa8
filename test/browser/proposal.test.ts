/**
 * The proposal page (`#/proposals/<governor>/<id>`) in Debian's chromium (playwright-core) against the
 * built `argus serve`, whose ARGUS_RPC_URL is a devnet with a real proposal on it: the session-3 flash-loan
 * vote capture (eval/governance-scenarios.ts: a governor that weighs votes when cast and commits at once on
 * a supermajority, its voting token in a lending pool). The server simulates the proposal on a fork when
 * the page asks; the page must show the verdict, the reasons in words, the calls and the borrowed-power
 * section, fit a phone without side scroll, and say so clearly for a governor that does not exist.
 * Needs chromium like test/browser/console.test.ts (ARGUS_REQUIRE_BROWSER=1 makes a missing one fail).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import { tempDir } from '../cli-helpers.js';
import { BROWSER_SKIPPED, launchChromium, noticeIfSkipped, requireChromium, serveArgus, SHOTS, stopArgus, type ArgusServer } from './chromium.js';
import { proposeScenario, startGovLab, type GovLab } from '../../eval/governance-run.js';
import { SCENARIOS_3 } from '../../eval/governance-scenarios.js';

noticeIfSkipped('the proposal page browser test');
const KEY = 'proposal-browser-key';

requireChromium('the proposal page browser test');

describe.skipIf(BROWSER_SKIPPED)("a DAO proposal's report page, in chromium against argus serve and a devnet", () => {
  let lab: GovLab;
  let server: ArgusServer | undefined;
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
    server = await serveArgus({ store: path.join(tempDir('argus-proposal-page-'), 'argus.db'), key: KEY, rpcUrl: lab.ctx.url });
    browser = await launchChromium({ width: 1440, height: 900 });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stopArgus(server);
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
