/**
 * `argus fed coordinator`: runs the rounds of federated training over HTTP. It never sees a record: in
 * round 0 it learns the total number of records and positives (to weight the classes), then in each
 * round the sum of the nodes' masked gradient vectors, which it unmasks only as a sum (secure-agg.ts).
 * With DP, each node has already clipped and noised its share, so the sum the coordinator learns is the
 * Gaussian mechanism's output (dp.ts); the accountant's (ε, δ) covers every training round.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { gaussianEpsilon, sigmaForEpsilon, type DpSettings } from './dp.js';
import { addInto, applyMask, decodeFixed, expandMask, fromHex, maskSign } from './secure-agg.js';
import { POST_TASK, ServerAdam, modelLength } from './posts-task.js';
import type { FedTaskSpec } from './task.js';
import { histogramLength } from './baseline-task.js';
import { base64ToU32, f64ToBase64, type JoinMessage, type RevealMessage, type RosterEntry, type Task, type UpdateMessage } from './protocol.js';

export interface CoordinatorOptions {
  port?: number;
  host?: string;
  /** Nodes to wait for before round 0. */
  nodes: number;
  rounds: number;
  /** Fewest nodes a round may finish with; below it the run fails rather than release a small sum. */
  quorum?: number;
  spec?: FedTaskSpec;
  /** Differential privacy target for the whole run; absent = no noise, no clipping. */
  dp?: { epsilon: number; delta: number; clip: number; weighting?: ClassWeighting };
  /** How long a round waits for updates (and then for the survivors' seeds) before dropping the late. */
  roundTimeoutMs?: number;
  joinTimeoutMs?: number;
  /** Every request body, as received (tests check that no record is among them). */
  onReceive?: (node: string, body: Buffer) => void;
  onRound?: (stat: RoundStat) => void;
}

/**
 * How the classes are balanced. 'balanced': positives weighted negatives/positives in the loss (the house
 * trainers' way). 'logit-adjusted': every record weighted 1 and the prior's log-odds, log(negatives /
 * positives), added to the released bias (Menon et al. 2021). Under DP the second is better: the noise
 * is scaled to the largest record weight, so up-weighting the rare class multiplies the noise on every
 * coordinate by that weight, while logit adjustment corrects the threshold after the fact for free.
 */
export type ClassWeighting = 'balanced' | 'logit-adjusted';

export interface RoundStat {
  round: number;
  attempt: number;
  participants: number;
  dropped: string[];
  ms: number;
  /** Bytes each node sent (request bodies) and was sent (task answers) this round. */
  bytesIn: Record<string, number>;
  bytesOut: Record<string, number>;
}

export interface FedResult {
  model: Float64Array;
  spec: FedTaskSpec;
  records: number;
  positives: number;
  rounds: RoundStat[];
  nodes: string[];
  dropped: string[];
  dp?: DpSettings & { epsilon: number; weighting: ClassWeighting };
}

/** Fixed-point resolution of the gradient (2⁻²⁴; a node's share of the mean gradient is within ±1 per entry) and of the counts (integers). */
const GRADIENT_SCALE = 2 ** 24;
const MAX_PARTIES = 64;
const COUNT_SCALE_DP = 16;
const MAX_BODY = 64 * 1024 * 1024;
const ID_RE = /^[A-Za-z0-9_.-]{1,64}$/;

type Phase = 'join' | 'collect' | 'reveal' | 'done' | 'failed';

export class Coordinator {
  private server: Server | undefined;
  private readonly session = randomBytes(16).toString('hex');
  private readonly spec: FedTaskSpec;
  private readonly quorum: number;
  private readonly keys = new Map<string, string>();
  private active: string[] = [];
  private readonly droppedAll: string[] = [];
  private phase: Phase = 'join';
  private round = 0;
  private attempt = 0;
  private roster: RosterEntry[] = [];
  private received = new Map<string, Uint32Array>();
  private reveals = new Map<string, Record<string, string>>();
  private droppedNow: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private roundStarted = 0;
  private bytesIn: Record<string, number> = {};
  private bytesOut: Record<string, number> = {};
  private readonly stats: RoundStat[] = [];
  private adam: ServerAdam | undefined;
  /** Baseline task: the summed (noisy under DP) histogram, released as the model. */
  private histogram: Float64Array | undefined;
  /** Rounds run: the baseline task's histogram needs one (a second would only spend privacy budget on the same sum). */
  private readonly rounds: number;
  /** Releases the accountant composes: the rounds, plus round 0's counts for the gradient tasks. */
  private readonly releases: number;
  private records = 0;
  private positives = 0;
  private readonly dp: DpSettings | undefined;
  private finalTask: Task | undefined;
  private weighting: ClassWeighting = 'balanced';
  private readonly delivered = new Set<string>();
  private onDelivered: (() => void) | undefined;
  private settle!: { resolve: (r: FedResult) => void; reject: (e: Error) => void };
  readonly result: Promise<FedResult>;

  constructor(private readonly o: CoordinatorOptions) {
    if (!Number.isInteger(o.nodes) || o.nodes < 2 || o.nodes > MAX_PARTIES) throw new ArgusError(ERROR_CODES.USAGE, `--nodes must be 2..${MAX_PARTIES}: with one node there is no one to hide among`);
    if (!Number.isInteger(o.rounds) || o.rounds < 1) throw new ArgusError(ERROR_CODES.USAGE, '--rounds must be a positive integer');
    this.spec = o.spec ?? POST_TASK;
    const baseline = this.spec.task === 'baseline';
    this.rounds = baseline ? 1 : o.rounds;
    this.releases = baseline ? 1 : o.rounds + 1;
    // The baseline task has no labels and needs no counts round: it starts at its histogram round.
    if (baseline) this.round = 1;
    this.quorum = o.quorum ?? Math.max(2, o.nodes - 1);
    if (this.quorum < 2 || this.quorum > o.nodes) throw new ArgusError(ERROR_CODES.USAGE, `--quorum must be 2..${o.nodes}`);
    if (o.dp) {
      const { epsilon, delta, clip } = o.dp;
      if (!(epsilon > 0) || !(delta > 0 && delta < 1) || !(clip > 0)) throw new ArgusError(ERROR_CODES.USAGE, 'DP needs ε > 0, 0 < δ < 1 and a clipping norm > 0');
      // One release more than the rounds: round 0's record and positive counts are noised too (they weight the classes).
      this.dp = { clip, delta, sigma: sigmaForEpsilon(epsilon, this.releases, delta), quorum: this.quorum };
      this.weighting = o.dp.weighting ?? 'logit-adjusted';
    }
    if (this.spec.task !== 'baseline') this.adam = new ServerAdam(this.spec);
    this.result = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.result.catch(() => undefined); // a caller that only closes should not see an unhandled rejection
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Nodes poll on kept-alive sockets; a short server-side timeout races their next request.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.o.port ?? 0, this.o.host ?? '127.0.0.1', resolve);
    });
    const a = this.server.address() as AddressInfo;
    this.arm(this.o.joinTimeoutMs ?? 600_000, () => this.fail(`only ${this.keys.size} of ${this.o.nodes} nodes joined in time`));
    return `http://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;
  }

  /** Resolves once every remaining node has fetched the final model (or after `ms`), so closing does not cut them off. */
  async drained(ms = 10_000): Promise<void> {
    if (this.delivered.size >= this.active.length) return;
    await new Promise<void>((resolve) => {
      this.onDelivered = resolve;
      setTimeout(resolve, ms).unref();
    });
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.phase !== 'done' && this.phase !== 'failed') this.fail('coordinator closed');
    const closed = new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections(); // kept-alive polling sockets would hold close() open
    await closed;
  }

  private arm(ms: number, then: () => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(then, ms);
    this.timer.unref();
  }

  private fail(message: string): void {
    if (this.phase === 'done' || this.phase === 'failed') return;
    this.phase = 'failed';
    if (this.timer) clearTimeout(this.timer);
    this.finalTask = { kind: 'excluded', reason: message };
    this.settle.reject(new ArgusError(ERROR_CODES.UNAVAILABLE, `federated run failed: ${message}`, { round: this.round }));
  }

  private startRound(): void {
    this.attempt++;
    this.roster = this.active.map((id) => ({ id, publicKey: this.keys.get(id) as string }));
    this.received = new Map();
    this.reveals = new Map();
    this.droppedNow = [];
    this.phase = 'collect';
    if (this.attempt === 1) {
      this.roundStarted = Date.now();
      this.bytesIn = {};
      this.bytesOut = {};
    }
    this.arm(this.o.roundTimeoutMs ?? 60_000, () => this.collectTimedOut());
  }

  private collectTimedOut(): void {
    const missing = this.active.filter((id) => !this.received.has(id));
    if (this.received.size < this.quorum) return this.fail(`round ${this.round}: ${this.received.size} updates, quorum is ${this.quorum}`);
    this.dropNodes(missing);
    this.droppedNow = missing;
    this.phase = 'reveal';
    this.arm(this.o.roundTimeoutMs ?? 60_000, () => this.revealTimedOut());
  }

  private revealTimedOut(): void {
    // A survivor that does not reveal leaves masks that cannot be removed: redo the round without it.
    const silent = [...this.received.keys()].filter((id) => !this.reveals.has(id));
    this.dropNodes(silent);
    if (this.active.length < this.quorum) return this.fail(`round ${this.round}: ${this.active.length} nodes left, quorum is ${this.quorum}`);
    this.startRound();
  }

  private dropNodes(ids: string[]): void {
    this.active = this.active.filter((id) => !ids.includes(id));
    this.droppedAll.push(...ids);
  }

  private finishRound(): void {
    const length = this.vectorLength();
    const sum = new Uint32Array(length);
    for (const v of this.received.values()) addInto(sum, v);
    for (const [survivor, seeds] of this.reveals) {
      for (const gone of this.droppedNow) applyMask(sum, expandMask(fromHex(seeds[gone] as string), length), maskSign(survivor, gone) === 1 ? -1 : 1);
    }
    if (this.round === 0) {
      const [records, positives] = Array.from(decodeFixed(sum, this.countScale()), Math.round) as [number, number];
      this.records = records;
      this.positives = positives;
      if (positives <= 0 || positives >= records) return this.fail(`the nodes hold ${records} records of which ${positives} positive: both classes are needed`);
    } else if (this.spec.task === 'baseline') {
      this.histogram = decodeFixed(sum, this.countScale());
      // Every row falls in one bin of the first feature: its bins add up to the (noisy) number of rows.
      this.records = Math.max(0, Math.round(this.histogram.subarray(0, (this.spec.edges[0] as number[]).length + 1).reduce((a, c) => a + c, 0)));
    } else {
      (this.adam as ServerAdam).step(decodeFixed(sum, GRADIENT_SCALE));
    }
    const stat: RoundStat = { round: this.round, attempt: this.attempt, participants: this.received.size, dropped: this.droppedNow, ms: Date.now() - this.roundStarted, bytesIn: this.bytesIn, bytesOut: this.bytesOut };
    this.stats.push(stat);
    this.o.onRound?.(stat);
    if (this.round === this.rounds) return this.complete();
    this.round++;
    this.attempt = 0;
    this.startRound();
  }

  private complete(): void {
    this.phase = 'done';
    if (this.timer) clearTimeout(this.timer);
    const dp = this.dp ? { ...this.dp, weighting: this.weighting, epsilon: gaussianEpsilon(this.dp.sigma, this.releases, this.dp.delta).epsilon } : undefined;
    const model = this.histogram ?? (this.adam as ServerAdam).released();
    if (this.adam && this.weighting === 'logit-adjusted') model[model.length - 1] = (model[model.length - 1] as number) + Math.log((this.records - this.positives) / this.positives);
    this.finalTask = { kind: 'done', model: f64ToBase64(model), spec: this.spec, ...(dp ? { epsilon: dp.epsilon, delta: dp.delta } : {}) };
    this.settle.resolve({ model, spec: this.spec, records: this.records, positives: this.positives, rounds: this.stats, nodes: [...this.keys.keys()], dropped: this.droppedAll, ...(dp ? { dp } : {}) });
  }

  private vectorLength(): number {
    if (this.spec.task === 'baseline') return histogramLength(this.spec);
    return this.round === 0 ? 2 : modelLength(this.spec);
  }

  /** Counts are integers; under DP they carry noise, kept at a finer resolution so that rounding at each node adds little. */
  private countScale(): number {
    return this.dp ? COUNT_SCALE_DP : 1;
  }

  private taskFor(node: string): Task {
    if (this.finalTask) {
      if (!this.keys.has(node) || this.droppedAll.includes(node)) return { kind: 'excluded', reason: 'dropped from the run' };
      this.delivered.add(node);
      if (this.delivered.size >= this.active.length) this.onDelivered?.();
      return this.finalTask;
    }
    if (!this.keys.has(node)) return { kind: 'excluded', reason: 'not a member of this run' };
    if (this.phase === 'join') return { kind: 'wait' };
    if (!this.active.includes(node)) return { kind: 'excluded', reason: 'dropped from the run after missing a deadline' };
    if (this.phase === 'collect' && !this.received.has(node)) {
      const balanced = this.weighting === 'balanced';
      const positiveWeight = this.positives > 0 ? (balanced ? (this.records - this.positives) / this.positives : 1) : undefined;
      return {
        kind: 'update',
        session: this.session,
        round: this.round,
        attempt: this.attempt,
        roster: this.roster,
        what: this.spec.task === 'baseline' ? 'histogram' : this.round === 0 ? 'counts' : 'gradient',
        spec: this.spec,
        scale: this.round === 0 || this.spec.task === 'baseline' ? this.countScale() : GRADIENT_SCALE,
        maxParties: MAX_PARTIES,
        ...(this.adam && this.round > 0 ? { model: f64ToBase64(this.adam.model), positiveWeight, totalWeight: balanced ? 2 * (this.records - this.positives) : this.records } : {}),
        ...(this.dp ? { dp: this.dp } : {}),
      };
    }
    if (this.phase === 'reveal' && this.received.has(node) && !this.reveals.has(node)) {
      return { kind: 'reveal', session: this.session, round: this.round, attempt: this.attempt, roster: this.roster, dropped: this.droppedNow };
    }
    return { kind: 'wait' };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://coordinator');
    try {
      if (req.method === 'GET' && url.pathname === '/task') {
        const node = url.searchParams.get('node') ?? '';
        const body = JSON.stringify(this.taskFor(node));
        if (this.keys.has(node)) this.bytesOut[node] = (this.bytesOut[node] ?? 0) + Buffer.byteLength(body);
        return send(res, 200, body);
      }
      if (req.method !== 'POST') return send(res, 404, JSON.stringify({ error: 'not found' }));
      const raw = await readBody(req);
      const msg = JSON.parse(raw.toString('utf8')) as { node?: unknown };
      const node = typeof msg.node === 'string' ? msg.node : '';
      if (!ID_RE.test(node)) return send(res, 400, JSON.stringify({ error: 'node id: 1-64 of A-Z a-z 0-9 _ . -' }));
      this.o.onReceive?.(node, raw);
      if (this.keys.has(node)) this.bytesIn[node] = (this.bytesIn[node] ?? 0) + raw.length;
      if (url.pathname === '/join') return send(res, ...this.join(msg as JoinMessage));
      if (url.pathname === '/update') return send(res, ...this.update(msg as UpdateMessage));
      if (url.pathname === '/reveal') return send(res, ...this.reveal(msg as RevealMessage));
      return send(res, 404, JSON.stringify({ error: 'not found' }));
    } catch (error) {
      return send(res, 400, JSON.stringify({ error: (error as Error).message }));
    }
  }

  private join(m: JoinMessage): [number, string] {
    if (this.phase !== 'join') return [409, JSON.stringify({ error: 'the run has started' })];
    if (this.keys.has(m.node)) return [409, JSON.stringify({ error: `node id ${m.node} is taken` })];
    if (typeof m.publicKey !== 'string' || !/^[0-9a-f]{64}$/.test(m.publicKey)) return [400, JSON.stringify({ error: 'publicKey: 32 bytes of hex' })];
    if ([...this.keys.values()].includes(m.publicKey)) return [409, JSON.stringify({ error: 'public key already used' })];
    this.keys.set(m.node, m.publicKey);
    if (this.keys.size === this.o.nodes) {
      this.active = [...this.keys.keys()].sort();
      this.startRound();
    }
    return [200, JSON.stringify({ ok: true, session: this.session })];
  }

  private update(m: UpdateMessage): [number, string] {
    if (this.phase !== 'collect' || m.round !== this.round || m.attempt !== this.attempt) return [409, JSON.stringify({ error: 'not the current round' })];
    if (!this.active.includes(m.node)) return [410, JSON.stringify({ error: 'not in this round' })];
    const v = base64ToU32(m.vector);
    const length = this.vectorLength();
    if (v.length !== length) return [400, JSON.stringify({ error: `vector has ${v.length} entries, expected ${length}` })];
    this.received.set(m.node, v);
    if (this.received.size === this.active.length) this.finishRound();
    return [200, JSON.stringify({ ok: true })];
  }

  private reveal(m: RevealMessage): [number, string] {
    if (this.phase !== 'reveal' || m.round !== this.round || m.attempt !== this.attempt) return [409, JSON.stringify({ error: 'not the current round' })];
    if (!this.received.has(m.node)) return [410, JSON.stringify({ error: 'not a survivor of this round' })];
    for (const gone of this.droppedNow) if (!/^[0-9a-f]{64}$/.test(m.seeds?.[gone] ?? '')) return [400, JSON.stringify({ error: `no seed for ${gone}` })];
    this.reveals.set(m.node, m.seeds);
    if (this.reveals.size === this.received.size) this.finishRound();
    return [200, JSON.stringify({ ok: true })];
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error(`body over ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
