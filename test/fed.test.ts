/**
 * `argus fed` as separate processes: a coordinator and four nodes, each with its own slice of the real
 * posts, over loopback HTTP. One node is killed mid-run; the run must finish without it and the model
 * file must name it as dropped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from './cli-helpers.js';

const POSTS = path.resolve(ROOT, '..', 'shared', 'datasets', 'crypto-posts', 'posts.jsonl');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function start(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('argus fed (multi-process)', () => {
  it('trains across four node processes and survives one being killed mid-run', async () => {
    const dir = tempDir('argus-fed-');
    const lines = readFileSync(POSTS, 'utf8').split('\n').filter((l) => l.trim());
    const files = ['a', 'b', 'c', 'd'].map((id, i) => {
      const file = path.join(dir, `${id}.jsonl`);
      writeFileSync(file, lines.filter((_, k) => k % 9 === i).slice(0, 80 + 40 * i).join('\n') + '\nnot json\n');
      return { id, file };
    });
    // Node a also personalises the final model on its own validation records (never sent, never trained on).
    const validation = path.join(dir, 'a-validation.jsonl');
    writeFileSync(validation, lines.filter((_, k) => k % 9 === 5).slice(0, 120).join('\n') + '\n');
    const modelFile = path.join(dir, 'model.json');
    const coord = start(['fed', 'coordinator', '--port', '0', '--nodes', '4', '--quorum', '3', '--rounds', '40', '--round-timeout', '3000', '--epsilon', '8', '--out', modelFile]);
    await until(() => /listening on (http:\S+),/.test(coord.out()), 30_000, 'the coordinator');
    const url = /listening on (http:\S+),/.exec(coord.out())![1]!;
    const nodes = files.map(({ id, file }) => start(['fed', 'node', '--coordinator', url, '--data', file, '--id', id, '--json', ...(id === 'a' ? ['--validation', validation] : [])]));
    await until(() => /round (1\d|[2-9]\d)\/40/.test(coord.err()), 90_000, 'round 10');
    nodes[3]!.child.kill('SIGKILL');
    expect(await coord.exit).toBe(0);
    const codes = await Promise.all(nodes.slice(0, 3).map((n) => n.exit));
    expect(codes).toEqual([0, 0, 0]);
    const model = JSON.parse(readFileSync(modelFile, 'utf8')) as { training: { dropped: string[]; rounds: number; nodes: number; dp: { epsilon: number } } };
    expect(model.training.dropped).toEqual(['d']);
    expect(model.training.rounds).toBe(40);
    expect(model.training.dp.epsilon).toBeCloseTo(8, 2);
    expect(coord.out()).toMatch(/dropped: d/);
    const summary = JSON.parse(nodes[0]!.out().trim()) as { records: number; skipped: number; rounds: number; epsilon: number };
    expect(summary).toMatchObject({ records: 80, skipped: 1 });
    expect(summary.rounds).toBe(40);
    const personal = summary as unknown as { threshold: number; fineTuneSteps: number; validationLoss: { global: number; personalised: number } };
    expect(personal.threshold).toBeGreaterThan(0);
    expect(personal.threshold).toBeLessThan(1);
    expect(personal.validationLoss.personalised).toBeLessThanOrEqual(personal.validationLoss.global);
    expect(JSON.parse(nodes[1]!.out().trim())).not.toHaveProperty('threshold');
  }, 180_000);

  it('federates the monitor baseline across three node processes in one histogram round (--model baseline)', async () => {
    const dir = tempDir('argus-fed-baseline-');
    const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'fed-baseline-rows.json'), 'utf8')) as { nodes: number[][][] };
    const files = fixture.nodes.map((rows, i) => {
      const file = path.join(dir, `org${i}.jsonl`);
      writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\nnot a row\n');
      return { id: `org${i}`, file };
    });
    const modelFile = path.join(dir, 'baseline.json');
    const coord = start(['fed', 'coordinator', '--model', 'baseline', '--port', '0', '--nodes', '3', '--out', modelFile]);
    await until(() => /listening on (http:\S+),/.test(coord.out()), 30_000, 'the coordinator');
    const url = /listening on (http:\S+),/.exec(coord.out())![1]!;
    const nodes = files.map(({ id, file }) => start(['fed', 'node', '--model', 'baseline', '--coordinator', url, '--data', file, '--id', id, '--json']));
    expect(await coord.exit).toBe(0);
    expect(await Promise.all(nodes.map((n) => n.exit))).toEqual([0, 0, 0]);
    const model = JSON.parse(readFileSync(modelFile, 'utf8')) as { name: string; spec: { task: string; edges: number[][] }; model: string; training: { rounds: number; records: number } };
    expect(model.name).toBe('argus-fed-baseline');
    expect(model.training).toMatchObject({ rounds: 1, records: fixture.nodes.flat().length });
    // Without DP the released histogram is the exact sum: every feature's bins add up to the rows.
    const counts = new Float64Array(new Uint8Array(Buffer.from(model.model, 'base64')).buffer);
    expect(counts.subarray(0, model.spec.edges[0]!.length + 1).reduce((a, c) => a + c, 0)).toBe(fixture.nodes.flat().length);
    expect(JSON.parse(nodes[0]!.out().trim())).toMatchObject({ records: fixture.nodes[0]!.length, skipped: 1, rounds: 1 });
  }, 120_000);

  it('refuses a model it does not know and a missing data file (exit 2)', async () => {
    const c = start(['fed', 'coordinator', '--model', 'isolation-forest', '--port', '0']);
    expect(await c.exit).toBe(2);
    const n = start(['fed', 'node', '--coordinator', 'http://127.0.0.1:9', '--data', '/nonexistent.jsonl']);
    expect(await n.exit).toBe(2);
    expect(n.err()).toMatch(/cannot read/);
  }, 60_000);
});
