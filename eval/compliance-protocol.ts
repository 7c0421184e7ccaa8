/**
 * eval:compliance, part 4: protocol risk on devnet protocols with known settings (eval/protocol-world.ts).
 * Every expected setting of every protocol is compared with what `assessProtocol` reports; the score is
 * printed beside it. Every third protocol is held out (never looked at while fixing the checks), and the
 * figures are printed for the development part, the held-out part and all.
 */
import pc from 'picocolors';
import { assessProtocol, protocolSettings } from '../src/protocol/index.js';
import { rpc } from '../src/chain/rpc/json-rpc.js';
import { buildProtocolWorld } from './protocol-world.js';

export async function evalProtocolRisk(log: (line: string) => void = console.log): Promise<{ right: number; total: number }> {
  const world = await buildProtocolWorld();
  try {
    const head = BigInt(await rpc<string>(world.url, 'eth_blockNumber', []));
    const recentBlocks = Number(head - world.setupBlock);
    const parts = { development: { right: 0, total: 0 }, 'held-out': { right: 0, total: 0 } };
    const wrong: string[] = [];
    for (const [i, c] of world.cases.entries()) {
      const part = i % 3 === 2 ? 'held-out' : 'development';
      const report = await assessProtocol(world.url, c.address, { recentBlocks });
      const got = protocolSettings(report);
      let ok = 0;
      for (const [k, v] of Object.entries(c.expect)) {
        parts[part].total++;
        if (got[k] === v) ok++;
        else wrong.push(`${c.name}: ${k} expected '${v}', reported '${got[k] ?? '(absent)'}'`);
      }
      parts[part].right += ok;
      log(`  ${ok === Object.keys(c.expect).length ? pc.green('✓') : pc.red('✗')} ${c.name.padEnd(64)} ${`${ok}/${Object.keys(c.expect).length}`.padStart(5)}  risk ${report.score.level} ${report.score.points}/100${part === 'held-out' ? pc.dim('  (held-out)') : ''}`);
    }
    const all = { right: parts.development.right + parts['held-out'].right, total: parts.development.total + parts['held-out'].total };
    for (const [name, p] of [...Object.entries(parts), ['all', all] as const]) log(`  settings reported right, ${String(name).padEnd(12)} ${p.right}/${p.total} (${((100 * p.right) / Math.max(1, p.total)).toFixed(1)}%)`);
    for (const w of wrong.slice(0, 20)) log(pc.red(`  wrong: ${w}`));
    return all;
  } finally {
    await world.devnet.stop();
  }
}
