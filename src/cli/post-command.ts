/**
 * `argus post`: is this social-media post a scam or phishing lure? One post from the command line, or a
 * JSON-lines batch with --file; --history gives the account's recent posts for the hijacked-account checks,
 * --intel adds address lists (e.g. ScamSniffer's drainer list, which is GPL and so not bundled).
 * Exit 1 when any post is malicious, 2 on bad usage.
 */
import { readFileSync, statSync } from 'node:fs';
import { Command } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../core/errors.js';
import { IntelStore } from '../fraud/intel/store.js';
import { checkPost, type PostInput } from '../fraud/posts/analyze.js';
import type { HistoryPost } from '../fraud/posts/behaviour.js';
import type { DomainVerdict, PostVerdict } from '../fraud/types.js';

export interface PostCommandOptions {
  file?: string;
  history?: string;
  intel: string[];
  author?: string;
  at?: string;
  json?: boolean;
}

export interface PostCommandDeps {
  /** The domain analysis; main.ts wires it. Without it links are reported with verdict `unknown`. */
  checkUrl?: (url: string) => DomainVerdict;
}

/** A batch of posts is text; beyond this it is a dump, not a batch (split it). */
export const MAX_POSTS_FILE = 32 * 1024 * 1024;
/** One post per line; a line longer than this is not a post. */
const MAX_LINE = 100_000;

export type PostResult = PostVerdict & { line?: number; error?: string };

function readBounded(file: string, flag: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`${flag}: cannot read ${file}`);
  }
  if (size > MAX_POSTS_FILE) throw new UsageError(`${flag}: ${file} is ${size} bytes; at most ${MAX_POSTS_FILE}`);
  return readFileSync(file, 'utf8');
}

const optString = (v: unknown, name: string): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`${name} must be a string`);
  return v;
};

/** One JSON line into a post; throws with a message a user can fix. */
export function parsePostLine(line: string): PostInput {
  if (line.length > MAX_LINE) throw new Error(`line is ${line.length} characters; a post is at most ${MAX_LINE}`);
  const o = JSON.parse(line) as unknown;
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('not a JSON object');
  const r = o as Record<string, unknown>;
  if (typeof r.text !== 'string') throw new Error('"text" must be a string');
  const urls = r.urls === undefined || r.urls === null ? undefined : r.urls;
  if (urls !== undefined && (!Array.isArray(urls) || urls.some((u) => typeof u !== 'string'))) throw new Error('"urls" must be an array of strings');
  const id = r.id === undefined || r.id === null ? undefined : String(r.id);
  const author = optString(r.author, '"author"');
  const createdAt = optString(r.createdAt, '"createdAt"');
  if (createdAt !== undefined && !Number.isFinite(Date.parse(createdAt))) throw new Error(`"createdAt" ${createdAt} is not a date`);
  return { text: r.text, ...(id !== undefined ? { id } : {}), ...(author ? { author } : {}), ...(createdAt ? { createdAt } : {}), ...(urls ? { urls: urls as string[] } : {}) };
}

function loadHistory(file: string): HistoryPost[] {
  const history: HistoryPost[] = [];
  readBounded(file, '--history')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        history.push(parsePostLine(line));
      } catch (error) {
        process.stderr.write(`argus post: --history ${file}:${i + 1} skipped: ${(error as Error).message}\n`);
      }
    });
  return history;
}

function loadIntel(files: string[]): IntelStore {
  const store = IntelStore.create();
  for (const f of files) {
    try {
      store.loadFile(f);
    } catch (error) {
      throw new UsageError(`--intel: ${f}: ${(error as Error).message}`);
    }
  }
  return store;
}

const colour = (v: string) => (v === 'malicious' ? pc.red : v === 'suspicious' ? pc.yellow : v === 'benign' ? pc.green : pc.dim);

export function postText(r: PostResult): string {
  const c = colour(r.verdict);
  const head = `${r.id !== undefined ? `${r.id} ` : r.line !== undefined ? `line ${r.line} ` : ''}${pc.bold(c(r.verdict))} ${r.score}/100`;
  if (r.error) return `${head} ${pc.red(r.error)}\n`;
  const lines = [head];
  for (const reason of r.reasons) lines.push(`  ${c(`+${reason.points}`.padStart(4))} ${reason.reason}`);
  for (const l of r.links) lines.push(pc.dim(`  link ${l.input}: ${l.verdict}${l.verdict !== 'unknown' ? ` ${l.score}/100` : ''}`));
  for (const a of r.addresses) lines.push(pc.dim(`  address ${a.address}: ${a.listed ?? 'on no list'}`));
  return lines.join('\n') + '\n';
}

export async function runPost(textParts: string[], opts: PostCommandOptions, deps: PostCommandDeps = {}): Promise<number> {
  const text = textParts.join(' ').trim();
  if (text && opts.file) throw new UsageError('give a post text or --file, not both');
  if (!text && !opts.file) throw new UsageError('give a post text, or --file posts.jsonl');
  if (opts.at !== undefined && !Number.isFinite(Date.parse(opts.at))) throw new UsageError(`--at: '${opts.at}' is not a date`);
  const intel = loadIntel(opts.intel);
  const history = opts.history ? loadHistory(opts.history) : undefined;
  const options = { intel, ...(history ? { history } : {}), ...(deps.checkUrl ? { checkUrl: deps.checkUrl } : {}) };

  const results: PostResult[] = [];
  const emit = (r: PostResult) => {
    results.push(r);
    process.stdout.write(opts.json ? JSON.stringify(r) + '\n' : postText(r));
  };
  if (text) {
    emit(checkPost({ text, ...(opts.author ? { author: opts.author } : {}), ...(opts.at ? { createdAt: opts.at } : {}) }, options));
  } else {
    const lines = readBounded(opts.file as string, '--file').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        emit({ line: i + 1, ...checkPost(parsePostLine(line), options) });
      } catch (error) {
        // One bad line is reported in place and the batch goes on.
        emit({ line: i + 1, verdict: 'unknown', score: 0, reasons: [], links: [], addresses: [], findings: [], error: (error as Error).message });
      }
    });
  }
  return results.some((r) => r.verdict === 'malicious') ? 1 : 0;
}

export function postCommand(deps: PostCommandDeps = {}): Command {
  return new Command('post')
    .description('check whether a social-media post is a scam or phishing lure (text classifier, links, addresses, account behaviour)')
    .argument('[text...]', 'the post text')
    .option('--file <jsonl>', 'a batch: one JSON post per line, {text, id?, author?, createdAt?, urls?}')
    .option('--history <jsonl>', "the account's recent posts, one JSON per line {text, createdAt?, urls?}, for hijacked-account checks")
    .option('--intel <file>', 'an address list (plain, CSV or JSON) to check addresses against; repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--author <name>', 'who posted the text (single post)')
    .option('--at <iso-date>', 'when the text was posted (single post; for the posting-hour and burst checks)')
    .option('--json', 'one JSON result per line')
    .action(async (textParts: string[], opts: PostCommandOptions) => {
      process.exitCode = await runPost(textParts, opts, deps);
    });
}
