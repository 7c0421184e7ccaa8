/**
 * Readable evidence and the overview's numbers, in Debian's chromium against the built `argus serve`:
 * amounts in units with their symbol and USD (prices given with --price), the raw base units kept below;
 * a feature vector with its features' names; known labels next to addresses (the server's --label and the
 * evidence's own tokens) with copy buttons; the value at risk of the open incidents, saying what it could
 * not price; and the alerts-over-time chart on a time axis with a range picker kept in the URL.
 * Needs chromium like the other browser tests (ARGUS_REQUIRE_BROWSER=1 makes a missing one fail).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAlert } from '../../src/core/alert-id.js';
import type { Alert } from '../../src/core/alert.js';
import type { Finding } from '../../src/core/finding.js';
import { combineFindings, incidentFinding } from '../../src/monitor/incidents/combiner.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../cli-helpers.js';
import { BROWSER_SKIPPED, launchChromium, noticeIfSkipped, requireChromium, serveArgus, SHOTS, stopArgus, type ArgusServer } from './chromium.js';

noticeIfSkipped('the evidence browser tests');
const KEY = 'evidence-browser-key';
const CHAIN = 31337;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const ATTACKER = '0x00000000000000000000000000000000000a77ac';
const VICTIM = '0x0000000000000000000000000000000000000b0b';
const DAI = '0x00000000000000000000000000000000000000da';
const SCAM = '0x0000000000000000000000000000000000005ca3';
const POOL = '0x00000000000000000000000000000000000000b1';
const ETH_UNIT = { token: 'ETH', symbol: 'ETH', decimals: 18 };

requireChromium('the evidence browser tests');

describe.skipIf(BROWSER_SKIPPED)('readable evidence, value at risk and the time axis, in chromium against argus serve', () => {
  let server: ArgusServer | undefined;
  let store: SqliteStore;
  let browser: BrowserContext;
  let page: Page;
  let transfer: Alert;
  let baseline: Alert;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const file = path.join(tempDir('argus-evidence-'), 'argus.db');
    store = new SqliteStore(file);
    transfer = makeAlert(
      {
        detector: 'monitor/large-transfer',
        title: 'Large transfer out of a holder',
        severity: 'high',
        confidence: 0.8,
        tags: [],
        subject: { kind: 'address', chainId: CHAIN, address: VICTIM },
        explanation: `${VICTIM} sent 1,765,782.63 DAI (${DAI}) to ${ATTACKER} through ${POOL}.`,
        evidence: { blockNumber: 5, token: DAI, from: VICTIM, to: ATTACKER, pool: POOL, value: '1765782630000000000000000', balanceBefore: '25000000000000000000', units: { value: { token: DAI, symbol: 'DAI', decimals: 18 }, balanceBefore: { token: DAI, symbol: 'DAI', decimals: 18 } } },
      },
      { chainId: CHAIN, blockNumber: 5, blockHash: hash(5), createdAt: new Date(Date.now() - 3 * 86_400_000) },
    );
    await store.saveAlert(transfer);
    baseline = makeAlert(
      {
        detector: 'monitor/baseline-anomaly',
        title: "Transaction unlike its sender's history (learned baseline)",
        severity: 'low',
        confidence: 0.5,
        tags: ['stage:exploitation', 'kind:anomaly'],
        subject: { kind: 'transaction', chainId: CHAIN, hash: hash(6), blockNumber: 6 },
        explanation: 'anomaly',
        evidence: { blockNumber: 6, from: VICTIM, score: 0.72, threshold: 0.7, departures: [], features: [2.32, 0, 0, 1, 0, 0, 10, 0], featureNames: ['historyLength', 'ethValueZ', 'tokenAmountZ', 'balanceShareMoved', 'newRecipient', 'foreignOutflows', 'poolReserveChange', 'contractCreation'] },
      },
      { chainId: CHAIN, blockNumber: 6, blockHash: hash(6) },
    );
    await store.saveAlert(baseline);
    // An open incident: 10 ETH and 1,000 DAI at stake (priced), 5,000 SCAM (no price).
    const raised: Finding[] = [
      { detector: 'monitor/attack-contract-deploy', title: 'deploy', severity: 'medium', confidence: 0.8, tags: ['stage:preparation', 'kind:exploit'], subject: { kind: 'address', chainId: CHAIN, address: ATTACKER, role: 'deployer' }, explanation: 'deploy', evidence: { blockNumber: 10, asset: 'ETH', targetBalance: String(10n * 10n ** 18n), units: { targetBalance: ETH_UNIT } } },
      { detector: 'monitor/exploit-contract', title: 'exploit', severity: 'high', confidence: 0.8, tags: ['stage:exploitation', 'kind:exploit'], subject: { kind: 'transaction', chainId: CHAIN, hash: hash(12), blockNumber: 12 }, explanation: 'exploit', evidence: { blockNumber: 12, attacker: ATTACKER, victim: VICTIM, value: String(1000n * 10n ** 18n), amount: '5000', units: { value: { token: DAI, symbol: 'DAI', decimals: 18 }, amount: { token: SCAM, symbol: 'SCAM', decimals: 0 } } } },
    ];
    for (let i = 0; i < raised.length; i++) {
      const f = raised[i]!;
      const block = Number(f.evidence.blockNumber);
      await store.saveAlert(makeAlert(f, { chainId: CHAIN, blockNumber: block, blockHash: hash(block) }));
      for (const incident of combineFindings(raised.slice(0, i + 1))) {
        if (incident.findings.length === 2) await store.saveAlert(makeAlert(incidentFinding(incident, CHAIN), { chainId: CHAIN, blockNumber: block, blockHash: hash(block) }));
      }
    }
    server = await serveArgus({ store: file, key: KEY, extra: ['--price', 'ETH=3000', '--price', `${DAI}=1`, '--label', `${CHAIN}:${POOL}=DAI/WETH pool`, '--explorer', `${CHAIN}=https://explorer.example`] });
    browser = await launchChromium({ width: 1440, height: 900 });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.base}/#key=${KEY}`);
    await page.waitForFunction(() => !location.hash.includes('key='));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopArgus(server);
    await store?.close();
  }, 30_000);

  it('shows amounts in units with USD, the base units below; known labels and copy buttons by addresses', async () => {
    await page.goto(`${server!.base}/#/alerts/${transfer.id}`);
    await page.waitForSelector('[data-testid="amount"]');
    const amounts = await page.$$eval('[data-testid="amount"]', (els) => els.map((e) => e.textContent ?? ''));
    expect(amounts.some((t) => t.includes('1,765,782.63 DAI') && t.includes('$1,765,783') && t.includes('1765782630000000000000000 base units'))).toBe(true);
    expect(amounts.some((t) => t.includes('25 DAI'))).toBe(true);
    // The evidence's token by its symbol, the pool by the server's label; in the explanation too.
    const labels = await page.$$eval('[data-testid="address-label"]', (els) => els.map((e) => e.textContent));
    expect(labels).toContain('DAI token');
    expect(labels).toContain('DAI/WETH pool');
    const prose = await page.$$eval('[data-testid="explanation"] [data-testid="address-label"]', (els) => els.map((e) => e.textContent));
    expect(prose).toEqual(expect.arrayContaining(['DAI token', 'DAI/WETH pool']));
    expect(await page.$$eval('[data-testid="explanation"] button.copy', (els) => els.length)).toBe(4);
    expect(await page.textContent('[data-testid="explanation"]')).not.toContain(POOL);
    await page.screenshot({ path: path.join(SHOTS, 'evidence-units.png') });
  }, 60_000);

  it('labels a feature vector with its features', async () => {
    await page.goto(`${server!.base}/#/alerts/${baseline.id}`);
    await page.waitForSelector('[data-testid="feature-table"]');
    const rows = await page.$$eval('[data-testid="feature-table"] tr', (els) => els.map((e) => [e.querySelector('th')?.textContent, e.querySelector('td')?.textContent]));
    expect(rows).toContainEqual(['poolReserveChange', '10']);
    expect(rows).toContainEqual(['balanceShareMoved', '1']);
    expect(rows).toHaveLength(8);
  }, 60_000);

  it('leads the overview with the value at risk in USD and ETH, and names what it could not price', async () => {
    await page.goto(`${server!.base}/#/`);
    await page.waitForSelector('[data-testid="var-usd"]');
    await expect.poll(() => page.textContent('[data-testid="var-usd"]')).toBe('$31,000');
    expect(await page.textContent('[data-testid="var-eth"]')).toMatch(/10 ETH · 1 open incident/);
    expect(await page.textContent('[data-testid="var-unpriced"]')).toMatch(/5K SCAM \(no price\)/);
  }, 60_000);

  it('draws alerts over time on a time axis, and its range picker goes into the URL and survives a reload', async () => {
    await page.goto(`${server!.base}/#/`);
    await page.waitForSelector('[data-testid="time-tick"]');
    const label = await page.getAttribute('[data-testid="alerts-over-time-chart"] svg', 'aria-label');
    expect(label).toMatch(/^Alerts over time: 5 alerts raised from/);
    await page.click('[data-testid="range-24h"]');
    await page.waitForFunction(() => location.hash.includes('range=24h'));
    // The transfer was raised three days ago: outside the last 24 hours.
    await expect.poll(() => page.getAttribute('[data-testid="alerts-over-time-chart"] svg', 'aria-label')).toMatch(/^Alerts over time: 4 alerts raised/);
    await page.reload();
    await page.waitForSelector('[data-testid="range-24h"][aria-pressed="true"]');
    await expect.poll(() => page.getAttribute('[data-testid="alerts-over-time-chart"] svg', 'aria-label')).toMatch(/^Alerts over time: 4 alerts/);
    await page.click('[data-testid="range-all"]');
    await page.waitForFunction(() => !location.hash.includes('range='));
    await page.screenshot({ path: path.join(SHOTS, 'evidence-overview.png') });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
