/**
 * `npm run readme:figures`: the README's figure blocks come from the commands' own output, so they cannot
 * drift from it. Each block of README.md between
 *
 *   <!-- figures:eval:audit -->
 *   <!-- /figures -->
 *
 * is replaced with the saved output of that command (docs/figures/<name>.txt: the command, the date and
 * commit it ran at, then its stdout), abridged only by dropping whole lines of per-item detail (the block
 * says how many).
 *
 *   node dist/eval/readme-figures.js                 re-write the blocks from the saved outputs
 *   node dist/eval/readme-figures.js --run [names]   run the commands first (all, or the names given; one
 *                                                     at a time: the machine is shared), save, re-write
 *
 * Whether a figure is in-sample, development or held out is said by the command's output itself and by the
 * README's prose around the block; this script only copies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './posts-data.js';

interface Block {
  /** The npm script, which is also the block's name in README.md. */
  script: string;
  /** What it runs once built (the npm script without its build step). */
  run: string[];
  /** Whole lines of per-item detail left out of the README (the saved file keeps them). */
  drop?: RegExp[];
}

const PER_FLAG_ROW = /^ {2}[a-z_]+ +(?:\s*[\d.]+%|\s+-){2}\s+[\d ]+\/[\d ]+\/[\d ]+\/[\d ]+\s/u;

const BLOCKS: Block[] = [
  { script: 'eval:audit', run: ['dist/eval/audit.js'], drop: [/^ {2}SWC-\d{3} /u] },
  { script: 'bench:audit', run: ['dist/bench/audit.js'], drop: [/^ {2}audit\//u] },
  { script: 'eval:audit-model', run: ['dist/eval/audit-model.js', '--families'], drop: [/^ {4}[a-z-]+\/\S+ +\d+\/\d+$/u] },
  { script: 'eval:monitor', run: ['dist/eval/monitor.js'] },
  { script: 'eval:monitor-exploits', run: ['dist/eval/monitor-exploits.js', '--details'], drop: [/^ {2}FP /u] },
  { script: 'eval:monitor-background', run: ['dist/eval/monitor-exploits.js', '--background-only', '--details'], drop: [/^ {2}(?:FP|shard) /u] },
  { script: 'bench:stream', run: ['dist/bench/stream.js'] },
  { script: 'bench:monitor', run: ['dist/bench/monitor.js'] },
  { script: 'bench:api', run: ['dist/bench/api.js'] },
  { script: 'bench:scale', run: ['dist/bench/scale.js'] },
  { script: 'bench:scale-memory', run: ['dist/bench/scale.js', '--memory-only', '--memory-tx', '1000000'] },
  {
    script: 'eval:token',
    run: ['dist/eval/token.js'],
    drop: [PER_FLAG_ROW, /^ +bytecode: prec recall/u, /^ {2}(?:agree|DIFFER) /u, /^Bytecode \/ source agreement$/u, /^(?:real tokens: )?compile \d+ ms/u],
  },
  { script: 'eval:rug', run: ['dist/eval/rug.js'] },
  { script: 'bench:token', run: ['dist/bench/token.js'] },
  { script: 'eval:fraud-domains', run: ['dist/eval/fraud-domains.js'], drop: [/^ {2}(?:fold \d\/\d done|rows: |highest out-of-fold )/u, /^training the model on the past only/u, /^ {2}\S+ \((?:suspicious|malicious) \d+\): /u] },
  { script: 'eval:fraud-chain-hosts', run: ['dist/eval/chain-hosts-fp.js'] },
  { script: 'eval:fraud-posts', run: ['dist/eval/fraud-posts.js'] },
  { script: 'bench:fraud', run: ['dist/eval/domain-speed.js', 'models/domain-model.json'] },
  { script: 'eval:guard', run: ['dist/eval/guard.js'], drop: [/^ {2}[a-z0-9-]+ +(dev|held-out) +\d+\/\d+ /u] },
  { script: 'eval:guardian', run: ['dist/eval/guardian.js'] },
  { script: 'bench:guard', run: ['dist/bench/guard.js'] },
  { script: 'eval:compliance', run: ['dist/eval/compliance.js'] },
  { script: 'bench:compliance', run: ['dist/bench/compliance.js'] },
  { script: 'eval:fed', run: ['dist/eval/fed.js'] },
  { script: 'eval:fed-baseline', run: ['dist/eval/fed.js', '--task', 'baseline'] },
  { script: 'eval:privacy', run: ['dist/eval/privacy.js'] },
  { script: 'bench:privacy', run: ['dist/bench/privacy.js'] },
  { script: 'eval:governance', run: ['dist/eval/governance.js'] },
  { script: 'bench:governance', run: ['dist/bench/governance.js'] },
];

const README = path.join(ROOT, 'README.md');
const SAVED = path.join(ROOT, 'docs', 'figures');
const savedFile = (b: Block) => path.join(SAVED, `${b.script.replace(':', '-')}.txt`);

function runAndSave(b: Block, commit: string): void {
  process.stderr.write(`running npm run ${b.script} …\n`);
  const started = Date.now();
  const out = execFileSync(process.execPath, b.run, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  const header = `# npm run ${b.script} on ${new Date().toISOString().slice(0, 10)} at commit ${commit} (${((Date.now() - started) / 1000).toFixed(0)} s)`;
  writeFileSync(savedFile(b), `${header}\n${out.trimEnd()}\n`);
}

function blockText(b: Block): string {
  const [header = '', ...lines] = readFileSync(savedFile(b), 'utf8').trimEnd().split('\n');
  const m = /^# npm run \S+ on (\S+) at commit (\S+)/u.exec(header);
  if (!m) throw new Error(`${savedFile(b)}: no header line`);
  const kept = lines.filter((l) => !(b.drop ?? []).some((re) => re.test(l)));
  const dropped = lines.length - kept.length;
  const note = dropped ? `; ${dropped} lines of per-item detail left out here, all in docs/figures/${path.basename(savedFile(b))}` : '';
  return [`Printed by \`npm run ${b.script}\` on ${m[1]} (commit ${m[2]})${note}:`, '', '```', `$ npm run ${b.script}`, ...kept, '```'].join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !BLOCKS.some((b) => b.script === n));
  if (unknown.length) throw new Error(`unknown: ${unknown.join(', ')}; known: ${BLOCKS.map((b) => b.script).join(', ')}`);
  if (args.includes('--run')) {
    mkdirSync(SAVED, { recursive: true });
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!README.md', ':!docs/figures'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    for (const b of BLOCKS.filter((x) => names.length === 0 || names.includes(x.script))) runAndSave(b, dirty ? `${commit}+changes` : commit);
  }
  let readme = readFileSync(README, 'utf8');
  for (const b of BLOCKS) {
    const open = `<!-- figures:${b.script} -->`;
    const at = readme.indexOf(open);
    if (at < 0) continue;
    const end = readme.indexOf('<!-- /figures -->', at);
    if (end < 0) throw new Error(`README.md: ${open} is not closed by <!-- /figures -->`);
    if (!existsSync(savedFile(b))) {
      // A block whose command has not been saved yet keeps what the README says (and says so here).
      process.stderr.write(`${savedFile(b)} is missing: the README block of ${b.script} is left as it is (run with --run ${b.script})\n`);
      continue;
    }
    readme = `${readme.slice(0, at + open.length)}\n${blockText(b)}\n${readme.slice(end)}`;
  }
  writeFileSync(README, readme);
}

main();
