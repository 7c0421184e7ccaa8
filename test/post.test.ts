import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { postCommand, type PostResult } from '../src/cli/post-command.js';
import type { DomainVerdict } from '../src/fraud/types.js';
import { tempDir } from './cli-helpers.js';

const LURE = 'Exclusive Azuki mint is LIVE for holders only 🚨 Limited supply, claim yours now: https://azuki-mint.xyz/claim';
const NORMAL = 'Thanks to everyone who joined the community call today. The recording is on our blog.';
const LAZARUS = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96';

/** Runs `argus post ...` in-process and captures what it writes. */
async function run(args: string[], deps = {}): Promise<{ out: string; code: number | undefined; error?: Error }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.exitCode = undefined;
  let error: Error | undefined;
  try {
    await postCommand(deps).exitOverride().configureOutput({ writeErr: () => undefined }).parseAsync(args, { from: 'user' });
  } catch (e) {
    error = e as Error;
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
  const code = process.exitCode as number | undefined;
  process.exitCode = undefined;
  return { out, code, ...(error ? { error } : {}) };
}

const lines = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as PostResult);

afterEach(() => vi.restoreAllMocks());

describe('argus post', () => {
  it('judges one post from the command line, with the injected domain analysis', async () => {
    const checkUrl = (url: string): DomainVerdict => ({ input: url, host: 'azuki-mint.xyz', unicode: 'azuki-mint.xyz', registrable: 'azuki-mint.xyz', verdict: 'malicious', score: 90, reasons: [{ points: 90, code: 'blocklist', reason: 'on a phishing list' }], findings: [] });
    const r = await run([LURE, '--json'], { checkUrl });
    const [v] = lines(r.out);
    expect(v?.verdict).toBe('malicious');
    expect(v?.links[0]).toMatchObject({ registrable: 'azuki-mint.xyz', verdict: 'malicious' });
    expect(r.code).toBe(1);
  });

  it('prints a readable verdict and exits 0 for a normal post', async () => {
    const r = await run([NORMAL]);
    expect(r.out).toMatch(/^benign \d+\/100/u);
    expect(r.code).toBe(0);
  });

  it('runs a batch: one result per line, a bad line does not stop it, intel and history apply', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'posts.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: 'a', text: NORMAL, author: 'proj', createdAt: '2023-01-27T16:00:00Z' }),
        '{not json',
        JSON.stringify({ id: 'b', text: LURE, author: 'proj', createdAt: '2023-01-27T04:10:00Z' }),
        JSON.stringify({ id: 'c', text: `donations: ${LAZARUS}` }),
        JSON.stringify({ id: 'd', text: 42 }),
      ].join('\n'),
    );
    const history = path.join(dir, 'history.jsonl');
    writeFileSync(
      history,
      ['10', '12', '15', '18', '20', '23']
        .map((d, i) => JSON.stringify({ text: `Community update ${i}: https://www.azuki.com/news`, createdAt: `2023-01-${d}T16:${10 + i}:00Z` }))
        .join('\n'),
    );
    const intel = path.join(dir, 'community.txt');
    writeFileSync(intel, `${LAZARUS} known bad\n`);
    const r = await run(['--file', file, '--history', history, '--intel', intel, '--json']);
    const out = lines(r.out);
    expect(out.map((x) => x.id ?? x.line)).toEqual(['a', 2, 'b', 'c', 5]);
    expect(out[0]?.verdict).toBe('benign');
    expect(out[1]?.error).toMatch(/JSON/u);
    expect(out[2]?.verdict).toBe('malicious');
    expect(out[2]?.reasons.map((x) => x.code)).toContain('compromised-account');
    expect(out[3]?.addresses[0]?.listed).toBe('OFAC SDN');
    expect(out[4]?.error).toMatch(/text/u);
    expect(r.code).toBe(1);
  });

  it('single post with --author, --at and --history: the hijacked-account pattern', async () => {
    const dir = tempDir();
    const history = path.join(dir, 'history.jsonl');
    writeFileSync(
      history,
      ['10', '12', '15', '18', '20', '23'].map((d) => JSON.stringify({ text: 'Art preview: https://www.azuki.com/gallery', createdAt: `2023-01-${d}T17:00:00Z` })).join('\n') + '\n{broken\n',
    );
    const r = await run(['Exclusive mint for holders, limited: https://azuki-mint.xyz', '--author', 'Azuki', '--at', '2023-01-27T04:10:00Z', '--history', history, '--json']);
    const [v] = lines(r.out);
    expect(v?.reasons.map((x) => x.code)).toEqual(expect.arrayContaining(['compromised-account', 'new-link-domain', 'unusual-hour']));
    expect(v?.findings.find((f) => f.detector === 'fraud/post-compromised-account')?.subject).toEqual({ kind: 'post', author: 'Azuki' });
    expect(r.code).toBe(1);
    expect((await run(['hi', '--at', 'yesterday'])).error?.message).toMatch(/--at/u);
  });

  it('refuses bad usage', async () => {
    expect((await run([])).error?.message).toMatch(/give a post text/u);
    expect((await run(['hi', '--file', 'x.jsonl'])).error?.message).toMatch(/not both/u);
    expect((await run(['--file', '/nonexistent/posts.jsonl'])).error?.message).toMatch(/cannot read/u);
    expect((await run(['hi', '--intel', '/nonexistent/list.txt'])).error?.message).toMatch(/--intel/u);
  });
});
