/**
 * What the browser tests share: where Debian's chromium is, whether a suite runs, how the browser starts,
 * and `argus serve` as a child process. One place, so that every suite finds the browser, skips and fails
 * the same way.
 *
 * Chromium: ARGUS_CHROMIUM if set (even to a missing path), else `chromium` on the PATH, else
 * /usr/bin/chromium. Without it a suite is skipped with a notice, so `npm test` passes on a machine with
 * only Node; ARGUS_REQUIRE_BROWSER=1 (which `.ci/run` sets, after installing chromium) makes a missing
 * browser fail instead. ARGUS_SKIP_BROWSER=1 skips even when chromium is there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from '../cli-helpers.js';

function chromiumPath(): string {
  if (process.env.ARGUS_CHROMIUM) return process.env.ARGUS_CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'chromium'))) return path.join(dir, 'chromium');
  }
  return '/usr/bin/chromium';
}

export const CHROMIUM = chromiumPath();
export const CHROMIUM_FOUND = existsSync(CHROMIUM);
export const BROWSER_REQUIRED = process.env.ARGUS_REQUIRE_BROWSER === '1';
/** Why the browser suites are skipped, or undefined when they run. */
export const BROWSER_SKIP_WHY = BROWSER_REQUIRED ? undefined : process.env.ARGUS_SKIP_BROWSER === '1' ? 'ARGUS_SKIP_BROWSER=1' : CHROMIUM_FOUND ? undefined : `no chromium at ${CHROMIUM}`;
/** Skip a browser suite: told to, or no browser and not required (required and missing fails in `requireChromium`). */
export const BROWSER_SKIPPED = BROWSER_SKIP_WHY !== undefined || !CHROMIUM_FOUND;
export const SHOTS = path.join(ROOT, 'test-output', 'screenshots');

/** One notice for a suite that does not run, naming it; nothing when it runs. */
export function noticeIfSkipped(suite: string): void {
  if (BROWSER_SKIP_WHY === undefined) return;
  console.warn(
    `notice: ${suite}: SKIPPED (${BROWSER_SKIP_WHY}). To run them install Debian's chromium (apt-get install chromium) ` +
      'or point ARGUS_CHROMIUM at a chromium binary; ARGUS_REQUIRE_BROWSER=1 (set by .ci/run) makes a missing browser fail the suite.',
  );
}

/** Required but missing: one failing test says why (the suite itself is skipped rather than failing in its setup). */
export function requireChromium(suite: string): void {
  describe.runIf(BROWSER_REQUIRED)(`${suite} required (ARGUS_REQUIRE_BROWSER=1)`, () => {
    it('finds chromium', () => {
      expect(CHROMIUM_FOUND, `no chromium at ${CHROMIUM}: apt-get install chromium, or set ARGUS_CHROMIUM=/path/to/chromium`).toBe(true);
    });
  });
}

/** Headless chromium with a fresh profile (launchPersistentContext is how playwright takes a user data dir). */
export function launchChromium(viewport?: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(tempDir('argus-chromium-'), {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    ...(viewport ? { viewport } : {}),
  });
}

export interface ArgusServer {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`, as the server printed it. */
  base: string;
  stderr: () => string;
}

/** The built `argus serve` on a store, with one API key; waits for its "listening on" line (30 s at most). */
export async function serveArgus(o: { store: string; key: string; extra?: string[]; port?: string; rpcUrl?: string }): Promise<ArgusServer> {
  const child = spawn(process.execPath, [CLI, 'serve', '--store', o.store, '--port', o.port ?? '0', '--rate-limit', '0', ...(o.extra ?? [])], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ARGUS_API_KEYS: o.key, ARGUS_RPC_URL: o.rpcUrl ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stdout!.resume();
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(err);
    if (m) return { child, base: m[1]!, stderr: () => err };
    if (child.exitCode !== null) throw new Error(`argus serve exited ${child.exitCode}:\n${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`argus serve did not start in 30 s:\n${err}`);
}

/** Ctrl-C, then SIGKILL if it has not exited within 5 s. */
export async function stopArgus(server: ArgusServer | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGINT');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}
