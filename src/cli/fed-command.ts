/**
 * `argus fed`: federated training of the post classifier across organisations that do not pool data.
 *   argus fed coordinator --nodes 3 --rounds 150 [--epsilon 8] [--port 7700] [--out model.json]
 *   argus fed node --coordinator http://127.0.0.1:7700 --data posts.jsonl [--id org-a] [--out model.json]
 *   argus fed coordinator --model domains …; argus fed node --model domains --data domains.csv (host,label lines)
 *   argus fed coordinator --model baseline …; argus fed node --model baseline --data rows.jsonl (monitor baseline feature rows; one histogram round)
 * The coordinator sees only the masked updates and their sum (src/fed). Exit 0 when the run completes.
 */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../core/errors.js';
import { Coordinator } from '../fed/coordinator.js';
import { fedModelFile, readNodeData } from '../fed/model-file.js';
import { runNode } from '../fed/node.js';
import { DOMAIN_TASK } from '../fed/domains-task.js';
import { POST_TASK } from '../fed/posts-task.js';
import { BASELINE_TASK } from '../monitor/baseline/fed-bins.js';

const int = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be an integer ${min}..${max}`);
  return n;
};
const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`${name} must be a positive number`);
  return n;
};

interface CoordinatorFlags {
  port: number;
  host: string;
  nodes: number;
  rounds: number;
  model: string;
  quorum?: number;
  epsilon?: number;
  delta: number;
  clip: number;
  roundTimeout: number;
  out?: string;
  json?: boolean;
}

async function coordinatorAction(o: CoordinatorFlags): Promise<void> {
  const c = new Coordinator({
    spec: o.model === 'domains' ? DOMAIN_TASK : o.model === 'baseline' ? BASELINE_TASK : POST_TASK,
    port: o.port,
    host: o.host,
    nodes: o.nodes,
    rounds: o.rounds,
    roundTimeoutMs: o.roundTimeout,
    ...(o.quorum !== undefined ? { quorum: o.quorum } : {}),
    ...(o.epsilon !== undefined ? { dp: { epsilon: o.epsilon, delta: o.delta, clip: o.clip } } : {}),
    onRound: (s) => {
      if (!o.json && (s.round % 10 === 0 || s.round === o.rounds || s.dropped.length > 0)) {
        process.stderr.write(`${pc.dim(`round ${s.round}/${o.rounds}`)} ${s.participants} nodes${s.dropped.length ? pc.yellow(`, dropped ${s.dropped.join(', ')}`) : ''} ${s.ms} ms\n`);
      }
    },
  });
  const url = await c.listen();
  // The URL goes to stdout first, so a script can start the nodes once it is printed.
  process.stdout.write(o.json ? JSON.stringify({ listening: url }) + '\n' : `coordinator listening on ${url}, waiting for ${o.nodes} nodes\n`);
  try {
    const r = await c.result;
    await c.drained();
    const file = fedModelFile(r);
    if (o.out) writeFileSync(o.out, JSON.stringify(file) + '\n');
    const perRound = r.rounds.filter((s) => s.round > 0);
    const ms = perRound.reduce((a, s) => a + s.ms, 0) / Math.max(1, perRound.length);
    const summary = { ...file.training, model: o.out ?? null, msPerRound: Math.round(ms) };
    if (o.json) process.stdout.write(JSON.stringify(summary) + '\n');
    else {
      process.stdout.write(`trained over ${r.nodes.length} nodes (${r.records} records), ${perRound.length} rounds, ${Math.round(ms)} ms a round${r.dropped.length ? `; dropped: ${r.dropped.join(', ')}` : ''}\n`);
      process.stdout.write(r.dp ? `differential privacy: (ε = ${r.dp.epsilon.toFixed(2)}, δ = ${r.dp.delta}) per record, σ = ${r.dp.sigma.toFixed(2)}, ${r.spec.task === 'baseline' ? 'sensitivity √features (a row adds 1 to one bin per feature)' : `clip ${r.dp.clip}`}\n` : 'no differential privacy (the sum of updates is exact)\n');
      if (o.out) process.stdout.write(`model written to ${o.out}\n`);
    }
  } finally {
    await c.close();
  }
}

async function nodeAction(o: { coordinator: string; data: string; model: 'posts' | 'domains' | 'baseline'; id?: string; out?: string; json?: boolean; validation?: string }): Promise<void> {
  let url: URL;
  try {
    url = new URL(o.coordinator);
  } catch {
    throw new UsageError(`--coordinator: ${o.coordinator} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--coordinator must be http(s)');
  if (o.id !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(o.id)) throw new UsageError('--id: 1-64 of A-Z a-z 0-9 _ . -');
  const { records, bad } = readNodeData(o.data, o.model);
  if (bad > 0 && !o.json) process.stderr.write(pc.yellow(`${bad} lines of ${o.data} are not ${o.model === 'domains' ? 'labelled domains' : o.model === 'baseline' ? 'feature rows' : 'posts'}; skipped\n`));
  if (o.validation && o.model === 'baseline') throw new UsageError('--validation: personalisation is for the labelled models (posts, domains)');
  // Held back from training: the node fine-tunes the final model on its records, early-stopped on these, and picks its threshold on them (no extra privacy budget: nothing is sent).
  const validation = o.validation ? readNodeData(o.validation, o.model).records : undefined;
  const r = await runNode({ coordinator: url.toString(), records, ...(o.id ? { id: o.id } : {}), ...(validation ? { validation } : {}) });
  const personal = r.personal ? { personalModel: Buffer.from(r.personal.model.buffer).toString('base64'), threshold: r.personal.threshold, fineTuneSteps: r.personal.steps } : {};
  if (o.out) writeFileSync(o.out, JSON.stringify({ spec: r.spec, model: Buffer.from(r.model.buffer).toString('base64'), epsilon: r.epsilon ?? null, delta: r.delta ?? null, ...personal }) + '\n');
  const summary = { id: r.id, records: records.length, skipped: bad, rounds: r.rounds, epsilon: r.epsilon ?? null, delta: r.delta ?? null, model: o.out ?? null, ...(r.personal ? { threshold: r.personal.threshold, fineTuneSteps: r.personal.steps, validationLoss: { global: r.personal.globalLoss, personalised: r.personal.loss } } : {}) };
  process.stdout.write(o.json ? JSON.stringify(summary) + '\n' : `node ${r.id}: ${records.length} records stayed here; ${r.rounds} rounds${r.epsilon !== undefined ? `, (ε = ${r.epsilon.toFixed(2)}, δ = ${r.delta})` : ''}${r.personal ? `; personalised: ${r.personal.steps} local steps, threshold ${r.personal.threshold.toFixed(3)} (validation log-loss ${r.personal.globalLoss.toFixed(3)} → ${r.personal.loss.toFixed(3)})` : ''}${o.out ? `; model in ${o.out}` : ''}\n`);
}

export function fedCommand(): Command {
  const fed = new Command('fed').description('federated training of the post classifier or the phishing-domain model: secure aggregation and differential privacy, no record leaves a node');
  fed
    .command('coordinator')
    .description('run the rounds: wait for the nodes, aggregate their masked updates, step the shared model')
    .addOption(new Option('--model <name>', 'the model to train (baseline: the monitor baseline as HBOS histograms, one round)').choices(['posts', 'domains', 'baseline']).default('posts'))
    .option('--nodes <n>', 'nodes to wait for', int('--nodes', 2, 64), 3)
    .option('--rounds <n>', 'training rounds', int('--rounds', 1, 100_000), 150)
    .option('--quorum <n>', 'fewest nodes a round may finish with (default: nodes − 1, at least 2)', int('--quorum', 2, 64))
    .option('--epsilon <ε>', 'differential privacy for the whole run, per record (omit for none)', positive('--epsilon'))
    .option('--delta <δ>', 'δ of the DP guarantee', positive('--delta'), 1e-5)
    .option('--clip <C>', 'per-record gradient clipping norm under DP', positive('--clip'), 1)
    .option('--port <port>', 'port (0 = any free one)', int('--port', 0, 65535), 7700)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--round-timeout <ms>', 'how long a round waits before dropping late nodes', int('--round-timeout', 100, 86_400_000), 60_000)
    .option('--out <file>', 'write the trained model here')
    .option('--json', 'JSON output')
    .exitOverride()
    .showHelpAfterError()
    .action((o: CoordinatorFlags) => coordinatorAction(o));
  fed
    .command('node')
    .description('train on local posts (JSON lines with "text" and "labels"); only masked updates leave')
    .requiredOption('--coordinator <url>', 'the coordinator, e.g. http://127.0.0.1:7700')
    .requiredOption('--data <file>', 'this node’s records: posts as JSON lines, or domains as "host,label" lines (--model domains)')
    .addOption(new Option('--model <name>', 'the kind of records in --data (the coordinator decides the model)').choices(['posts', 'domains', 'baseline']).default('posts'))
    .option('--id <name>', 'this node’s name in the run (default: random)')
    .option('--out <file>', 'write the final shared model here')
    .option('--validation <file>', 'this node’s validation records (same format as --data, not trained on): personalise the final model on them (local fine-tuning, own threshold)')
    .option('--json', 'JSON output')
    .exitOverride()
    .showHelpAfterError()
    .action((o: { coordinator: string; data: string; model: 'posts' | 'domains' | 'baseline'; id?: string; out?: string; json?: boolean; validation?: string }) => nodeAction(o));
  return fed;
}
