/**
 * `argus compliance`: dated sanctions screening, list updates re-screened against stored history, and
 * exposure over the stored transfer graph. Every answer names the lists (and their versions) it rests on;
 * an answer the sources cannot give is `unknown`, and counts as a finding, never as clear.
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import pc from 'picocolors';
import { isAddress, type Hex } from 'viem';
import { makeAlert } from '../core/alert-id.js';
import { UsageError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import {
  bundledSanctionsHistory,
  diffList,
  ExposureAnalyser,
  exposureCsv,
  findingsCsv,
  graphAmountToRaw,
  historyFromSnapshots,
  htmlReport,
  ledgerTransfers,
  readTransferFile,
  rescreenTransfers,
  screeningCsv,
  snapshotFromFile,
  syncLedger,
  toDay,
  toGraphTransfers,
  TransferGraph,
  bundledSnapshots,
  type ExposureReport,
  type RiskLabel,
  type ScreenResult,
  type Snapshot,
  type Transfer,
  type TransferRecord,
} from '../compliance/index.js';
import { IntelStore } from '../fraud/intel/store.js';
import { SqliteStore } from '../store/sqlite.js';
import { parseAddressList } from './address-list.js';

const LISTS_STATE = 'compliance:lists';

interface Common {
  json?: boolean;
  report?: string;
}

function day(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    return toDay(/^\d+$/u.test(value) ? Number(value) : value);
  } catch {
    throw new UsageError(`${option}: '${value}' is not a date (YYYY-MM-DD, an ISO date-time or UNIX seconds)`);
  }
}

/** `FILE@YYYY-MM-DD`: a list file and the day it was taken. */
function listArg(value: string): Snapshot {
  // OFAC's SDN advanced XML carries its own date (DateOfIssue): FILE alone is enough for it.
  const m = /^(.*)@(\d{4}-\d{2}-\d{2})$/u.exec(value) ?? (/\.xml$/iu.test(value) ? ['', value, undefined] : null);
  if (!m) throw new UsageError(`--list: '${value}' must be FILE@YYYY-MM-DD (the day the list was taken), or an SDN advanced XML file`);
  try {
    return snapshotFromFile(m[1] as string, m[2] ?? undefined);
  } catch (error) {
    throw new UsageError(`--list: ${m[1]}: ${(error as Error).message}`);
  }
}

async function savedSnapshots(store: SqliteStore | undefined): Promise<Snapshot[]> {
  if (!store) return [];
  const saved = await store.loadEngineState(LISTS_STATE);
  return saved ? (JSON.parse(saved.json) as Snapshot[]) : [];
}

function openStore(file: string | undefined): SqliteStore | undefined {
  return file ? new SqliteStore(file) : undefined;
}

function writeReport(file: string, title: string, lists: string[], parts: { screening?: ScreenResult[]; exposure?: ExposureReport[]; findings?: Finding[] }, notes: string[] = []): void {
  let text: string;
  if (file.endsWith('.html')) text = htmlReport(title, { generatedAt: new Date().toISOString(), lists, notes }, parts);
  else if (file.endsWith('.csv')) text = parts.screening ? screeningCsv(parts.screening) : parts.exposure?.[0] ? exposureCsv(parts.exposure[0]) : findingsCsv(parts.findings ?? []);
  else text = JSON.stringify({ title, generatedAt: new Date().toISOString(), lists, notes, ...parts }, null, 2) + '\n';
  writeFileSync(file, text);
  process.stderr.write(pc.dim(`argus: report written to ${file}\n`));
}

const statusColour = (s: ScreenResult['status']) => (s === 'listed' ? pc.red : s === 'unknown' ? pc.yellow : s === 'delisted' ? pc.cyan : pc.green);

async function runScreen(addresses: string[], opts: Common & { at?: string; list?: string[]; store?: string }): Promise<number> {
  for (const a of addresses) if (!isAddress(a, { strict: false })) throw new UsageError(`'${a}' is not an address`);
  const at = day(opts.at, '--at') ?? toDay(new Date());
  const store = openStore(opts.store);
  try {
    const history = bundledSanctionsHistory([...(await savedSnapshots(store)), ...(opts.list ?? []).map(listArg)]);
    const results = addresses.map((a) => history.screen(a, at));
    if (opts.report) writeReport(opts.report, 'Sanctions screening', history.versions, { screening: results });
    if (opts.json) process.stdout.write(JSON.stringify({ at, lists: history.versions, results }, null, 2) + '\n');
    else {
      for (const r of results) process.stdout.write(`${r.address}  ${statusColour(r.status)(r.status.padEnd(10))} ${r.reason}\n`);
      process.stdout.write(pc.dim(`screened on ${at} against ${history.versions.join('; ')}\n`));
    }
    // Listed, or undecidable: both need a person. Fail closed.
    return results.some((r) => r.status === 'listed' || r.status === 'unknown') ? 1 : 0;
  } finally {
    await store?.close();
  }
}

async function runUpdate(opts: Common & { list: string; store?: string; chain: string; transfers?: string; own?: string; dryRun?: boolean }): Promise<number> {
  const next = listArg(opts.list);
  const store = openStore(opts.store);
  try {
    const saved = await savedSnapshots(store);
    const previous = [...bundledSnapshots(), ...saved];
    const history = historyFromSnapshots(previous);
    const change = diffList(history, previous, next);
    const chainId = Number(opts.chain);
    let records: TransferRecord[] = [];
    if (store) records = await ledgerTransfers(store, chainId);
    if (opts.transfers) records = records.concat(fileRecords(opts.transfers, chainId));
    const own = new Set(parseAddressList(opts.own, '--own').map((a) => a.toLowerCase()));
    const updated = historyFromSnapshots([...previous, next]);
    const findings = rescreenTransfers(change, records, { own, listedOn: (a) => updated.listingsOf(a)[0]?.listed.on ?? updated.listingsOf(a)[0]?.listed.by });
    if (store && !opts.dryRun) {
      await store.saveEngineState(LISTS_STATE, { blockNumber: 0n, json: JSON.stringify([...saved, next]) });
      const head = records.at(-1);
      for (const f of findings) {
        await store.saveAlert(makeAlert(f, { chainId, blockNumber: BigInt(head?.block ?? 0), blockHash: '0x' as Hex }));
      }
    }
    if (opts.report) writeReport(opts.report, `Sanctions list update: ${next.source} (${next.date})`, updated.versions, { findings });
    if (opts.json) process.stdout.write(JSON.stringify({ change, findings, transfersScreened: records.length }, null, 2) + '\n');
    else {
      process.stdout.write(`${pc.bold(next.source)} of ${next.date}: ${pc.red(`${change.added.length} newly listed`)}, ${pc.cyan(`${change.removed.length} removed`)}; ${records.length} stored transfers re-screened\n`);
      for (const a of change.added.slice(0, 20)) process.stdout.write(`  + ${a.address} ${a.name ?? ''}\n`);
      for (const a of change.removed.slice(0, 20)) process.stdout.write(`  - ${a.address} ${a.name ?? ''}\n`);
      for (const f of findings) process.stdout.write(`${(f.severity === 'critical' ? pc.red : pc.yellow)(f.severity.toUpperCase())} ${f.explanation}\n`);
      if (!store) process.stdout.write(pc.dim('no --store: the new list was not saved and no alert was stored\n'));
    }
    return findings.length > 0 ? 1 : 0;
  } finally {
    await store?.close();
  }
}

function fileRecords(file: string, chainId: number): TransferRecord[] {
  // A transfers file holds whole units already in the graph's unit: keep every digit as 18-decimal raw amounts.
  const { transfers, errors } = readFileOrThrow(file);
  for (const e of errors.slice(0, 10)) process.stderr.write(pc.yellow(`argus: --transfers: ${e} (skipped)\n`));
  return transfers.map((t, i) => ({ chainId, block: 0, time: t.time, tx: t.tx ?? `line-${i + 2}`, index: i, from: t.from, to: t.to, asset: 'ETH', raw: graphAmountToRaw(t.amount).toString() }));
}

function readFileOrThrow(file: string): { transfers: Transfer[]; errors: string[] } {
  try {
    return readTransferFile(file);
  } catch (error) {
    throw new UsageError(`--transfers: ${(error as Error).message}`);
  }
}

function parsePrices(values: string[] | undefined): Map<string, number> {
  const prices = new Map<string, number>([['ETH', 1]]);
  for (const v of values ?? []) {
    const m = /^(0x[0-9a-fA-F]{40}|ETH)=(\d+(?:\.\d+)?(?:e-?\d+)?)$/u.exec(v);
    if (!m) throw new UsageError(`--price: '${v}' must be TOKEN=PRICE (a token address and its price in ETH)`);
    prices.set(m[1] === 'ETH' ? 'ETH' : (m[1] as string).toLowerCase(), Number(m[2]));
  }
  return prices;
}

/** Risky sources: sanctioned at `at`, Tornado Cash pools as mixers (delisted, still mixers), user label files. */
function riskLabels(at: string, labelFiles: string[], snapshots: Snapshot[]): Map<string, RiskLabel> {
  const history = bundledSanctionsHistory(snapshots);
  const labels = new Map<string, RiskLabel>();
  for (const l of history.listings()) {
    if (/TORNADO CASH/iu.test(l.name ?? '')) labels.set(l.address, { category: 'mixer', label: 'Tornado Cash (mixer)' });
    else if (history.screen(l.address, at).status === 'listed') labels.set(l.address, { category: 'sanctioned', label: `OFAC SDN: ${l.name ?? 'listed'}` });
  }
  for (const file of labelFiles) {
    const store = IntelStore.create(false);
    try {
      store.loadFile(file);
    } catch (error) {
      throw new UsageError(`--labels: ${file}: ${(error as Error).message}`);
    }
    // The label (or the file's name) says the category: mixer, hack/exploit/stolen, else scam.
    const fileCategory = categoryOf(file);
    for (const [address, hits] of store.all()) {
      const hit = hits[0];
      if (!hit) continue;
      labels.set(address, { category: categoryOf(hit.label ?? '') ?? fileCategory ?? 'scam', label: `${hit.list}${hit.label ? `: ${hit.label}` : ''}` });
    }
  }
  return labels;
}

function categoryOf(text: string): RiskLabel['category'] | undefined {
  if (/mix|tornado|blender|sinbad/iu.test(text)) return 'mixer';
  if (/hack|exploit|stolen|theft|drain/iu.test(text)) return 'hacked-funds';
  if (/sanction|ofac|sdn/iu.test(text)) return 'sanctioned';
  if (/scam|phish|fraud|rug/iu.test(text)) return 'scam';
  return undefined;
}

async function runExposure(address: string, opts: Common & { store?: string; chain: string; transfers?: string; hops: string; direction: string; price?: string[]; labels?: string[]; at?: string }): Promise<number> {
  if (!isAddress(address, { strict: false })) throw new UsageError(`'${address}' is not an address`);
  const hops = Number(opts.hops);
  if (!/^\d+$/u.test(opts.hops) || hops < 1 || hops > 8) throw new UsageError('--hops must be a whole number from 1 to 8');
  if (opts.direction !== 'incoming' && opts.direction !== 'outgoing') throw new UsageError("--direction must be 'incoming' or 'outgoing'");
  if (!opts.store && !opts.transfers) throw new UsageError('exposure needs stored transfers (--store, filled by `argus compliance sync`) or a --transfers file');
  const at = day(opts.at, '--at') ?? toDay(new Date());
  const store = openStore(opts.store);
  try {
    const snapshots = await savedSnapshots(store);
    const graph = new TransferGraph();
    let unvalued = new Map<string, number>();
    if (store) {
      const converted = toGraphTransfers(await ledgerTransfers(store, Number(opts.chain)), { prices: parsePrices(opts.price) });
      for (const t of converted.transfers) graph.add(t);
      unvalued = converted.unvalued;
    }
    if (opts.transfers) for (const t of readFileOrThrow(opts.transfers).transfers) graph.add(t);
    const labels = riskLabels(at, opts.labels ?? [], snapshots);
    const report = new ExposureAnalyser(graph, labels).exposure(address, { hops, direction: opts.direction });
    const notes = [
      `Method: haircut (proportional), causal; ${hops} hops; ${graph.size} transfers between ${graph.addresses} addresses; amounts in ETH.`,
      ...(unvalued.size ? [`Left out: transfers of ${unvalued.size} token(s) with no --price (${[...unvalued.values()].reduce((a, b) => a + b, 0)} transfers).`] : []),
    ];
    const lists = bundledSanctionsHistory(snapshots).versions;
    if (opts.report) writeReport(opts.report, `Exposure of ${report.address}`, lists, { exposure: [report] }, notes);
    if (opts.json) process.stdout.write(JSON.stringify({ ...report, notes, lists }, null, 2) + '\n');
    else {
      process.stdout.write(`${pc.bold(report.address)} ${report.direction} exposure, ${hops} hops: ${(report.share * 100).toFixed(2)}% of ${report.total.toFixed(4)} ETH from risky sources\n`);
      for (const s of report.sources.slice(0, 20)) process.stdout.write(`  ${pc.red(s.amount.toFixed(4).padStart(12))} ${s.category.padEnd(12)} ${s.label}  ${pc.dim(s.path.addresses.join(' > '))}\n`);
      for (const n of notes) process.stdout.write(pc.dim(n) + '\n');
    }
    return report.sources.length > 0 ? 1 : 0;
  } finally {
    await store?.close();
  }
}

async function runSync(opts: { rpc: string; store: string; chain?: string; from?: string; to?: string }): Promise<number> {
  if (!/^(https?|wss?):\/\//u.test(opts.rpc)) throw new UsageError(`--rpc: '${opts.rpc}' is not an http(s):// or ws(s):// URL`);
  const block = (v: string | undefined, o: string) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/u.test(v)) throw new UsageError(`${o} must be a block number`);
    return BigInt(v);
  };
  const { createRpcClient } = await import('../chain/rpc/client.js');
  const chainId = opts.chain ? Number(opts.chain) : await createRpcClient(opts.rpc, { profile: 'read' }).getChainId();
  const store = new SqliteStore(opts.store);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const fromBlock = block(opts.from, '--from');
    const toBlock = block(opts.to, '--to');
    const r = await syncLedger({ rpcUrl: opts.rpc, chainId, store, ...(fromBlock !== undefined ? { fromBlock } : {}), ...(toBlock !== undefined ? { toBlock } : {}), signal: stop.signal });
    process.stderr.write(pc.dim(`argus: ${r.blocks} blocks, ${r.transfers} transfers stored for chain ${chainId} in ${opts.store}${r.traced ? ' (internal ether from traces included)' : '; the node serves no traces: ether paid by contracts is missing'}\n`));
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await store.close();
  }
}

export function complianceCommand(): Command {
  const cmd = new Command('compliance').description('sanctions with history, list updates re-screened against stored transfers, and exposure to sanctioned, hacked, mixer and scam funds');
  cmd
    .command('screen')
    .description('was each address listed on a day (default today)? Exit 1 when one is listed or cannot be decided')
    .argument('<addresses...>')
    .option('--at <date>', 'the day to screen for (YYYY-MM-DD, ISO date-time or UNIX seconds)')
    .option('--list <file@date...>', 'more list files, each with the day it was taken (0xB10C JSON, ultrasoundmoney or OFAC CSV; OFAC SDN advanced XML dates itself)')
    .option('--store <file>', 'the store holding list versions added by `compliance update`')
    .option('--report <file>', 'also write a report: .html, .csv or .json')
    .option('--json', 'JSON output')
    .action(async (addresses: string[], opts) => {
      process.exitCode = await runScreen(addresses, opts);
    });
  cmd
    .command('update')
    .description('take a new version of a sanctions list: what changed, and stored transfers with newly listed addresses (alerts with amounts and dates)')
    .requiredOption('--list <file@date>', 'the new list and the day it was taken')
    .option('--store <file>', 'the store: its list versions and its transfers (`compliance sync`); the new version and the alerts are saved there')
    .option('--chain <id>', 'chain id of the stored transfers', '1')
    .option('--transfers <file>', 'also re-screen a transfers file (CSV or JSON lines: from, to, amount, time)')
    .option('--own <list>', 'your addresses (commas or a file): only transfers with them are reported')
    .option('--dry-run', 'do not save the list or the alerts')
    .option('--report <file>', 'also write a report: .html, .csv or .json')
    .option('--json', 'JSON output')
    .action(async (opts) => {
      process.exitCode = await runUpdate(opts);
    });
  cmd
    .command('exposure')
    .description('direct and indirect exposure of an address to sanctioned, hacked-funds, mixer and scam sources (haircut method)')
    .argument('<address>')
    .option('--store <file>', 'the store holding transfers (`compliance sync`)')
    .option('--chain <id>', 'chain id of the stored transfers', '1')
    .option('--transfers <file>', 'a transfers file (CSV or JSON lines: from, to, amount in ETH, time)')
    .option('--hops <n>', 'transfers a path may have (1: direct only)', '2')
    .option('--direction <d>', 'incoming (source of funds) or outgoing (destination of funds)', 'incoming')
    .option('--price <token=eth...>', 'price of a token in ETH, to value its transfers (tokens without a price are left out and counted)')
    .option('--labels <file...>', 'more risky addresses: CSV/JSON/text lists; the label or file name says mixer, hack, scam or sanction')
    .option('--at <date>', 'sanctioned as of this day (default today)')
    .option('--report <file>', 'also write a report: .html, .csv or .json')
    .option('--json', 'JSON output')
    .action(async (address: string, opts) => {
      process.exitCode = await runExposure(address, opts);
    });
  cmd
    .command('sync')
    .description('store the value transfers of a chain (ETH and ERC-20), block by block, for update and exposure')
    .requiredOption('--rpc <url>', 'JSON-RPC endpoint')
    .requiredOption('--store <file>', 'SQLite store to fill')
    .option('--chain <id>', 'chain id (default: asked of the node)')
    .option('--from <block>', 'first block (default: the head, or where the last sync stopped)')
    .option('--to <block>', 'last block (default: follow until stopped)')
    .action(async (opts) => {
      process.exitCode = await runSync(opts);
    });
  return cmd;
}
