/**
 * `argus url` through the built code. main.ts registers the command separately, so the tests run the built
 * urlCommand() in a child process with main.ts's error handling (usage errors exit 2); once main.ts has
 * the command, `argus url` behaves the same.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './cli-helpers.js';

const MODULE = pathToFileURL(path.join(ROOT, 'dist', 'src', 'cli', 'url-command.js')).href;
const ERRORS = pathToFileURL(path.join(ROOT, 'dist', 'src', 'core', 'errors.js')).href;
const WRAPPER = `
import { CommanderError } from 'commander';
import { urlCommand } from ${JSON.stringify(MODULE)};
import { ArgusError } from ${JSON.stringify(ERRORS)};
try {
  await urlCommand().exitOverride().parseAsync(process.argv.slice(1), { from: 'user' });
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
  else if (error instanceof ArgusError) { process.stderr.write('argus: ' + error.message + '\\n'); process.exitCode = 2; }
  else { process.stderr.write(String(error)); process.exitCode = 3; }
}
`;

function url(args: string[]) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', WRAPPER, '--', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('argus url', () => {
  it('flags a lure, exits 1, and explains why', () => {
    const r = url(['uniswap-claim.app', 'https://app.uniswap.org/swap']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/malicious\s+\d+\s+uniswap-claim\.app\s+imitates Uniswap/);
    expect(r.stdout).toMatch(/benign\s+0\s+app\.uniswap\.org/);
    expect(r.stdout).toMatch(/Uniswap's name/);
  });

  it('exits 0 when nothing is malicious', () => {
    const r = url(['opensea.io', 'wikipedia.org']);
    expect(r.status).toBe(0);
  });

  it('--file --json writes one JSON verdict per line, bad lines included', () => {
    const dir = tempDir();
    const file = path.join(dir, 'links.txt');
    writeFileSync(file, '# links from a Discord raid\nclaim-opensea.io\nopensea.io\n\nnot a url\nxn--uniswp-7nf.org\n');
    const r = url(['--file', file, '--json']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { input: string; verdict: string; error?: string; unicode: string | null });
    expect(lines.map((l) => l.verdict)).toEqual(['malicious', 'benign', 'unknown', 'malicious']);
    expect(lines[2]?.error).toBeTruthy();
    expect(lines[3]?.unicode).toBe('uniswаp.org');
  });

  it('uses the user lists: a blocklist catches, an allowlist wins', () => {
    const dir = tempDir();
    const block = path.join(dir, 'block.txt');
    const allow = path.join(dir, 'allow.txt');
    writeFileSync(block, 'quiet-name.com 2025-03-01\nclaim-opensea.io\n');
    writeFileSync(allow, 'claim-opensea.io\n');
    const r = url(['--json', '--blocklist', block, '--allowlist', allow, 'www.quiet-name.com', 'claim-opensea.io']);
    const [a, b] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; reasons: { code: string }[]; findings: { detector: string }[] });
    expect(a?.verdict).toBe('malicious');
    expect(a?.reasons[0]?.code).toBe('blocklist');
    expect(a?.findings[0]?.detector).toBe('fraud/domain-blocklist');
    expect(b?.verdict).toBe('benign');
  });

  it('reads a ScamSniffer-format blocklist', () => {
    const dir = tempDir();
    const csv = path.join(dir, 'ss.csv');
    writeFileSync(csv, 'domain,first_seen\nquiet-name.com,2024-02-01\n');
    const r = url(['--json', '--blocklist', csv, 'quiet-name.com']);
    expect(JSON.parse(r.stdout) as { reasons: { reason: string }[] }).toMatchObject({ verdict: 'malicious' });
    expect(r.stdout).toContain('first seen 2024-02-01');
  });

  it('exits 2 on bad usage', () => {
    expect(url([]).status).toBe(2);
    expect(url(['--file', '/no/such/file']).status).toBe(2);
    expect(url(['--blocklist', '/no/such/list', 'a.com']).status).toBe(2);
  });
  it('--allow and the config file fraud.allow are checked before anything else', () => {
    const dir = tempDir();
    const config = path.join(dir, 'argus.config.json');
    writeFileSync(config, JSON.stringify({ fraud: { allow: ['claim-opensea.io'] } }));
    const r = url(['--json', '--config', config, '--allow', 'uniswap-claim.app', 'claim-opensea.io', 'https://app.uniswap-claim.app/x', 'opensea-claim.io']);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; reasons: { code: string; reason: string }[] });
    expect(out.map((v) => v.verdict)).toEqual(['benign', 'benign', 'malicious']);
    expect(out[1]?.reasons[0]).toMatchObject({ code: 'allowlist' });
    expect(out[1]?.reasons[0]?.reason).toMatch(/your allowlist/);
    expect(r.status).toBe(1);
  });

  it('refuses an --allow entry that is not a domain, and a bad config file, with exit 2', () => {
    expect(url(['--allow', 'not a domain', 'opensea.io']).status).toBe(2);
    const dir = tempDir();
    const config = path.join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ fraud: { allow: 'opensea.io' } }));
    const r = url(['--config', config, 'opensea.io']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/fraud\.allow/);
  });
});
