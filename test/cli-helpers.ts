import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  millis: number;
}

/** Runs the built CLI as a user would (the test script builds first), with a time limit. */
export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): CliResult {
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, millis: Date.now() - started };
}

const tempDirs = new Set<string>();

/**
 * A new folder in the OS temp folder, removed after the test file (test/setup.ts calls removeTempDirs in
 * an afterAll that runs after the file's own, once its servers and children are stopped).
 */
export function tempDir(prefix = 'argus-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file (each test file runs in a module graph of its own). */
export function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  tempDirs.clear();
}

/** Whether a process (e.g. the devnet node a command started) is still running. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
