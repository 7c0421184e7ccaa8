/**
 * `npm run eval:guard`: builds the evaluation world on a fresh devnet (eval/guard-world.ts), draws the
 * frozen request set (eval/guard-set.ts) and asks the guard about each request, without forwarding any.
 * Prints, per malicious kind, how many were blocked (development and held-out kinds apart, with the
 * first-contact figure recorded before any tuning), and for ordinary requests how many were blocked and
 * warned, with the rules that fired. Every decision is also kept as a finding in a temporary SQLite store.
 *
 *   node dist/eval/guard.js [--ordinary N] [--per-kind N] [--record-first-contact]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Guard } from '../src/guard/index.js';
import { devnetDex } from '../src/token/simulate/index.js';
import { SqliteStore } from '../src/store/index.js';
import { buildWorld, OFAC_FILE, SCAMSNIFFER_FILE } from './guard-world.js';
import { isHeldOut, maliciousRequests, MALICIOUS_KINDS, ordinaryRequests, type EvalRequest } from './guard-set.js';

const FIRST_CONTACT = path.resolve('docs/figures/guard-first-contact.txt');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)} %` : '-';
}

async function main(): Promise<void> {
  const ordinaryCount = arg('--ordinary', 2_100);
  const perKind = arg('--per-kind', 3);
  const say = (m: string) => process.stderr.write(`${m}\n`);
  const world = await buildWorld({ onProgress: say });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-guard-eval-'));
  const store = new SqliteStore(path.join(dir, 'guard.sqlite'));
  let guard: Guard | undefined;
  try {
    say('drawing the requests');
    const malicious = await maliciousRequests(world, perKind);
    const ordinary = await ordinaryRequests(world, ordinaryCount);
    const policy = {
      freshContractBlocks: 100,
      intelFiles: [SCAMSNIFFER_FILE, OFAC_FILE],
      dex: devnetDex(world.devnet),
      maxEthLoss: 10,
    };
    say('starting the guard');
    guard = await Guard.start({ upstreamUrl: world.devnet.rpcUrl, policy, store, onLog: say });
    const results = new Map<string, { verdict: string; rules: string[]; ms: number }>();
    const all: EvalRequest[] = [...malicious, ...ordinary];
    let i = 0;
    for (const r of all) {
      const d = await guard.decide(r.method, r.params);
      await guard.record(d, `${r.family}:${r.id}`);
      results.set(`${r.family}:${r.id}`, { verdict: d.verdict, rules: [...new Set(d.reasons.map((x) => x.rule))], ms: d.ms });
      if (++i % 200 === 0) say(`${i}/${all.length}`);
    }
    const lines: string[] = [];
    const out = (s: string) => lines.push(s);
    out(`argus guard evaluation: devnet world (seed ${world.seed}, ${world.wallets.length} wallets, head ${world.head}), ${malicious.length} malicious requests in ${MALICIOUS_KINDS.length} kinds, ${ordinary.length} ordinary requests`);
    out('');
    out('malicious, blocked per kind (split: dev = tuned on, held-out = never looked at while tuning)');
    const bySplit = { dev: { blocked: 0, total: 0, kinds: 0, kindsFull: 0 }, 'held-out': { blocked: 0, total: 0, kinds: 0, kindsFull: 0 } };
    for (const kind of MALICIOUS_KINDS) {
      const rs = malicious.filter((r) => r.kind === kind);
      const blocked = rs.filter((r) => results.get(`malicious:${r.id}`)?.verdict === 'block').length;
      const split = isHeldOut(kind) ? 'held-out' : 'dev';
      const s = bySplit[split];
      s.blocked += blocked;
      s.total += rs.length;
      s.kinds += 1;
      if (blocked === rs.length && rs.length > 0) s.kindsFull += 1;
      const missed = rs.filter((r) => results.get(`malicious:${r.id}`)?.verdict !== 'block').map((r) => `${results.get(`malicious:${r.id}`)?.verdict}[${results.get(`malicious:${r.id}`)?.rules.join(',')}]`);
      const rules = [...new Set(rs.flatMap((r) => results.get(`malicious:${r.id}`)?.rules ?? []))];
      out(`  ${kind.padEnd(36)} ${split.padEnd(8)} ${String(blocked).padStart(2)}/${rs.length}  ${rules.join(', ')}${missed.length ? `  missed: ${missed.join(' ')}` : ''}`);
    }
    out('');
    const total = { blocked: bySplit.dev.blocked + bySplit['held-out'].blocked, total: bySplit.dev.total + bySplit['held-out'].total, kindsFull: bySplit.dev.kindsFull + bySplit['held-out'].kindsFull };
    const summary = `all kinds: ${total.blocked}/${total.total} malicious requests blocked (${pct(total.blocked, total.total)}), ${total.kindsFull}/${MALICIOUS_KINDS.length} kinds fully blocked`;
    if (process.argv.includes('--record-first-contact')) writeFileSync(FIRST_CONTACT, `first contact of the first policy set, before any tuning (${new Date().toISOString()}):\n${summary}\n  development kinds: ${bySplit.dev.blocked}/${bySplit.dev.total} (${bySplit.dev.kindsFull}/${bySplit.dev.kinds} kinds fully blocked)\n  held-out kinds: ${bySplit['held-out'].blocked}/${bySplit['held-out'].total} (${bySplit['held-out'].kindsFull}/${bySplit['held-out'].kinds} kinds fully blocked)\n`);
    const first = existsSync(FIRST_CONTACT) ? readFileSync(FIRST_CONTACT, 'utf8').trim().split('\n') : ['(no first-contact record)'];
    out('malicious requests blocked        first contact (recorded)         now');
    const firstLine = (label: string) => first.find((l) => l.includes(label))?.replace(/^.*?: /u, '') ?? '-';
    out(`  development kinds (${bySplit.dev.kinds})         ${firstLine('development kinds').padEnd(32)} ${bySplit.dev.blocked}/${bySplit.dev.total} (${pct(bySplit.dev.blocked, bySplit.dev.total)}), ${bySplit.dev.kindsFull}/${bySplit.dev.kinds} kinds fully`);
    out(`  held-out kinds (${bySplit['held-out'].kinds})            ${firstLine('held-out kinds').padEnd(32)} ${bySplit['held-out'].blocked}/${bySplit['held-out'].total} (${pct(bySplit['held-out'].blocked, bySplit['held-out'].total)}), ${bySplit['held-out'].kindsFull}/${bySplit['held-out'].kinds} kinds fully`);
    out(`  ${summary}`);
    out('');
    const ord = ordinary.map((r) => ({ r, d: results.get(`ordinary:${r.id}`) }));
    const blocked = ord.filter((x) => x.d?.verdict === 'block');
    const warned = ord.filter((x) => x.d?.verdict === 'warn');
    out(`ordinary requests: ${blocked.length}/${ordinary.length} blocked (${pct(blocked.length, ordinary.length)}), ${warned.length} warned (${pct(warned.length, ordinary.length)}), ${ordinary.length - blocked.length - warned.length} allowed`);
    const tally = (xs: typeof ord) => {
      const m = new Map<string, number>();
      for (const x of xs) {
        const k = `${x.r.kind} [${x.d?.rules.join(',')}]`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      return [...m].sort((a, b) => b[1] - a[1]);
    };
    for (const [k, n] of tally(blocked)) out(`  blocked ${String(n).padStart(4)}  ${k}`);
    for (const [k, n] of tally(warned)) out(`  warned  ${String(n).padStart(4)}  ${k}`);
    const kinds = new Map<string, number>();
    for (const r of ordinary) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    out(`  ordinary mix: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const ms = [...results.values()].map((x) => x.ms).sort((a, b) => a - b);
    out('');
    out(`decisions kept as findings in the store: ${(await store.alerts({ limit: 100_000 })).length}; decision time in this run (not a benchmark): median ${ms[Math.floor(ms.length / 2)]} ms`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await guard?.stop();
    await store.close();
    await world.devnet.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
