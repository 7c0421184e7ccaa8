import { readFileSync, statSync } from 'node:fs';
import { Command } from 'commander';
import pc from 'picocolors';
import { loadConfig } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import { DomainChecker, loadListFile, MAX_LIST_BYTES, normalizeEntry, type DomainList } from '../fraud/domains/index.js';
import type { DomainVerdict } from '../fraud/types.js';

export interface UrlCommandOptions {
  file?: string;
  json?: boolean;
  blocklist?: string[];
  allowlist?: string[];
  /** Domains to allow (yours or your team's), on top of the config file's `fraud.allow`. */
  allow?: string[];
  /** The config file (default argus.config.json in the working directory, when it exists). */
  config?: string;
  bundled: boolean;
  model: boolean;
}

/** `--file` is read whole; a list of links larger than this is not something to check in one call. */
export const MAX_URL_FILE_BYTES = 50 * 1024 * 1024;

function readInputs(file: string): string[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`--file: cannot read ${file}`);
  }
  if (size > MAX_URL_FILE_BYTES) throw new UsageError(`--file: ${file} is ${size} bytes; at most ${MAX_URL_FILE_BYTES} bytes are read`);
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l.length > 0);
}

function loadLists(files: string[] | undefined, kind: 'block' | 'allow', option: string): { block: DomainList[]; allow: DomainList[] } {
  const block: DomainList[] = [];
  const allow: DomainList[] = [];
  for (const f of files ?? []) {
    let size: number;
    try {
      size = statSync(f).size;
    } catch {
      throw new UsageError(`${option}: cannot read ${f}`);
    }
    if (size > MAX_LIST_BYTES) throw new UsageError(`${option}: ${f} is ${size} bytes; lists over ${MAX_LIST_BYTES} bytes are refused`);
    let lists;
    try {
      lists = loadListFile(f, kind);
    } catch (error) {
      throw new UsageError(`${option}: ${f}: ${(error as Error).message}`);
    }
    // A polkadot-js or MetaMask file carries both parts; each goes where it belongs.
    if (lists.block.size > 0) block.push(lists.block);
    if (lists.allow.size > 0) allow.push(lists.allow);
  }
  return { block, allow };
}

const colourOf = (v: DomainVerdict) => (v.verdict === 'malicious' ? pc.red : v.verdict === 'suspicious' ? pc.yellow : v.verdict === 'unknown' ? pc.dim : pc.green);

export function urlText(v: DomainVerdict): string {
  const c = colourOf(v);
  const shown = v.unicode && v.unicode !== v.host ? `${v.unicode} ${pc.dim(`(${v.host})`)}` : (v.host ?? v.input);
  const lines = [`${c(v.verdict.padEnd(10))} ${String(v.score).padStart(3)}  ${shown}${v.imitates ? pc.dim(`  imitates ${v.imitates}`) : ''}`];
  if (v.error) lines.push(pc.dim(`               ${v.error}`));
  for (const r of v.reasons) lines.push(pc.dim(`           ${`+${r.points}`.padStart(4)} ${r.reason}`));
  return lines.join('\n') + '\n';
}

/** Exit codes: 0 nothing malicious, 1 at least one input malicious, 2 bad usage. */
export async function runUrl(inputs: string[], opts: UrlCommandOptions, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const all = [...inputs, ...(opts.file ? readInputs(opts.file) : [])];
  if (all.length === 0) throw new UsageError('give one or more URLs or domains, or --file <list>');
  const config = loadConfig(opts.config);
  const user = loadLists(opts.blocklist, 'block', '--blocklist');
  const allowed = loadLists([...config.fraud.allowlistFiles, ...(opts.allowlist ?? [])], 'allow', '--allowlist');
  // The user's own domains are checked before anything else; one that is not a domain is a usage error,
  // not something to skip quietly (the user expects it to be allowed).
  const allow = [...config.fraud.allow, ...(opts.allow ?? [])];
  for (const d of allow) if (!normalizeEntry(d)) throw new UsageError(`--allow / fraud.allow: '${d}' is not a domain name`);
  const checker = new DomainChecker({
    allow,
    blocklists: [...user.block, ...allowed.block],
    allowlists: [...allowed.allow, ...user.allow],
    bundled: opts.bundled,
    ...(opts.model ? {} : { model: null }),
  });
  let malicious = false;
  // Write in chunks: a million-line --file should not build one giant string.
  let buf: string[] = [];
  for (const input of all) {
    const v = checker.check(input);
    if (v.verdict === 'malicious') malicious = true;
    buf.push(opts.json ? JSON.stringify(v) + '\n' : urlText(v));
    if (buf.length >= 1000) {
      out(buf.join(''));
      buf = [];
    }
  }
  if (buf.length > 0) out(buf.join(''));
  return malicious ? 1 : 0;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function urlCommand(): Command {
  return new Command('url')
    .description('check links and domains for phishing (offline: nothing is fetched from them)')
    .argument('[inputs...]', 'URLs or domain names')
    .option('--file <list>', 'also check the URLs or domains in this file, one a line (# comments)')
    .option('--json', 'one JSON verdict per line')
    .option('--blocklist <file>', 'a blocklist: plain, hosts, ScamSniffer CSV, polkadot-js or MetaMask JSON (repeatable)', collect)
    .option('--allowlist <file>', 'an allowlist; it wins over every blocklist (repeatable)', collect)
    .option('--allow <domain>', 'your or your team\'s own domain (and its subdomains): benign before any other check (repeatable; also fraud.allow in the config file)', collect)
    .option('--config <file>', 'config file (default argus.config.json here, when present): fraud.allow, fraud.allowlistFiles')
    .option('--no-bundled', 'without the bundled polkadot-js deny list and official brand domains')
    .option('--no-model', 'without the learned model (lists and lookalike rules only)')
    .action(async (inputs: string[], opts: UrlCommandOptions) => {
      process.exitCode = await runUrl(inputs, opts);
    });
}
