import { spawn } from 'node:child_process';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, tempDir } from './cli-helpers.js';

const CURATED = path.resolve(ROOT, '../shared/datasets/smartbugs-curated/dataset');

describe('argus audit (built CLI)', () => {
  it('lists its commands', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/audit/);
    expect(r.stdout).toMatch(/detectors/);
  });

  it("describes every command as git does: lower-case first word, no trailing period", () => {
    const commands = [...runCli(['--help']).stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['audit', 'watch', 'token', 'serve', 'demo']));
    for (const command of commands) {
      // `argus <command> --help`: the usage line, a blank line, then the description (wrapped).
      const description = runCli([command, '--help']).stdout.split('\n\n')[1]!.replace(/\s+/g, ' ').trim();
      expect(description, command).toMatch(/^[a-z]/);
      expect(description, command).not.toMatch(/\.$/);
    }
  });

  it('exits 1 when a finding reaches --fail-on, 0 when none does', () => {
    const failing = runCli(['audit', 'examples', '--fail-on', 'high']);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/EtherBank\.sol/);
    expect(runCli(['audit', 'examples', '--fail-on', 'none']).status).toBe(0);
    expect(runCli(['audit', 'examples', '--fail-on', 'critical', '--exclude', ...detectorIds()]).status).toBe(0);
  });

  it('writes SARIF 2.1.0 with SWC and DASP tags on rules and relative URIs with line ranges', () => {
    const r = runCli(['audit', 'examples/EtherBank.sol', '--format', 'sarif', '--fail-on', 'none']);
    expect(r.status).toBe(0);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    const rules = run.tool.driver.rules as Array<{ id: string; properties: { tags: string[] } }>;
    const txOrigin = rules.find((x) => x.id === 'audit/tx-origin')!;
    expect(txOrigin.properties.tags).toEqual(expect.arrayContaining(['SWC-115', 'DASP:access_control']));
    for (const rule of rules) expect(rule.properties.tags.some((t) => t.startsWith('DASP:'))).toBe(true);
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'audit/tx-origin');
    const loc = result.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe('examples/EtherBank.sol');
    expect(loc.region.startLine).toBe(24);
    expect(loc.region.endLine).toBeGreaterThanOrEqual(24);
    expect(rules[result.ruleIndex]!.id).toBe('audit/tx-origin');
  });

  it('writes JSON findings in the shared Finding shape', () => {
    const r = runCli(['audit', 'examples', '--json', '--fail-on', 'none']);
    const report = JSON.parse(r.stdout);
    const f = report.files[0].findings[0];
    expect(Object.keys(f)).toEqual(expect.arrayContaining(['detector', 'title', 'severity', 'confidence', 'tags', 'subject', 'explanation', 'evidence', 'recommendation']));
    expect(f.subject.kind).toBe('source');
  });

  it('draws no progress bar when piped', () => {
    const r = runCli(['audit', 'examples', '--fail-on', 'none']);
    expect(r.stderr).not.toMatch(/files \|/);
  });

  it('gives the same findings on worker threads as in one thread', () => {
    const dir = tempDir();
    const sources = readdirSync(path.join(CURATED, 'reentrancy')).slice(0, 12);
    for (const f of sources) cpSync(path.join(CURATED, 'reentrancy', f), path.join(dir, f));
    const many = JSON.parse(runCli(['audit', dir, '--json', '--fail-on', 'none', '--workers', '2']).stdout);
    const one = JSON.parse(runCli(['audit', dir, '--json', '--fail-on', 'none', '--workers', '1']).stdout);
    expect(many.files).toHaveLength(sources.length);
    expect(many.files.map((f: { findings: unknown[] }) => f.findings)).toEqual(one.files.map((f: { findings: unknown[] }) => f.findings));
  });

  it('rejects an invalid config file with the key named', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'argus.config.json'), JSON.stringify({ audit: { failOn: 'urgent' } }));
    writeFileSync(path.join(dir, 'A.sol'), 'contract A {}');
    const r = runCli(['audit', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/audit\.failOn/);
  });
});

function detectorIds(): string[] {
  const r = runCli(['detectors', '--json']);
  return (JSON.parse(r.stdout) as Array<{ id: string }>).map((d) => d.id);
}

describe('argus url and argus post (built CLI)', () => {
  it('judges a lure link and an official site, one JSON line each, exit 1 for the malicious one', () => {
    const r = runCli(['url', '--json', 'uniswap-claim.app', 'app.uniswap.org']);
    expect(r.status).toBe(1);
    const [lure, real] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; imitates?: string });
    expect(lure).toMatchObject({ verdict: 'malicious', imitates: 'Uniswap' });
    expect(real?.verdict).toBe('benign');
  });

  it("sends a post's links through the domain analysis: a fake exclusive mint is malicious because of its link", () => {
    const r = runCli(['post', '--json', 'Azuki holders: exclusive mint is LIVE for 2 hours only, claim yours at https://azuki-mint.xyz']);
    expect(r.status).toBe(1);
    const verdict = JSON.parse(r.stdout.trim()) as { verdict: string; links: Array<{ registrable: string; verdict: string }> };
    expect(verdict.verdict).toBe('malicious');
    expect(verdict.links).toEqual([expect.objectContaining({ registrable: 'azuki-mint.xyz', verdict: 'malicious' })]);
  });
});

describe('a reader that goes away (built CLI)', () => {
  it('`argus url --file … --json | head -2`: exit 0, no EPIPE, no stack trace', async () => {
    // Far more output than a pipe holds (64 KiB), so the CLI is still writing when the reader closes.
    const file = path.join(tempDir(), 'links.txt');
    writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `https://example-${i}.com/claim`).join('\n'));
    const child = spawn(process.execPath, [CLI, 'url', '--file', file, '--json'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let stdout = '';
    // As `head -2` does: read two lines, then close the pipe.
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.split('\n').length > 2) child.stdout.destroy();
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('close', (c, s) => resolve([c, s])));
    expect(JSON.parse(stdout.split('\n')[0]!)).toMatchObject({ input: 'https://example-0.com/claim' });
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
