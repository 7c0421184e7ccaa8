/**
 * `argus compliance` end to end on a real devnet: ETH and DAI move between wallets (a peel chain from one
 * address, payments to and from another), the built CLI stores the chain's transfers through the block
 * stream into SQLite (`sync`), a new list version names the two addresses (`update`), and the alerts say
 * which transfers predate the listing, with amounts; exposure through the peel chain is attributed to its
 * source with the right amount; dated screening answers with dates.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, erc20Abi, http, parseEther, parseUnits, type Address, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { ledgerTransfers } from '../src/compliance/index.js';
import { runCli, tempDir } from './cli-helpers.js';

describe('argus compliance on a devnet', () => {
  let devnet: Devnet;
  let client: PublicClient;
  const dir = tempDir('argus-compliance-');
  const store = path.join(dir, 'store.db');
  const fresh = () => privateKeyToAccount(generatePrivateKey());
  const source = fresh();
  const hops = [fresh(), fresh(), fresh()];
  const cashOut = fresh();
  const counterparty = fresh();
  const me = fresh();

  async function send(from: PrivateKeyAccount | Address, to: Address, value: bigint): Promise<void> {
    const wallet = createWalletClient({ chain: devnet.chain, transport: http(devnet.rpcUrl), account: typeof from === 'string' ? from : from });
    const hash = await wallet.sendTransaction({ to, value, account: from as PrivateKeyAccount, chain: devnet.chain });
    await client.waitForTransactionReceipt({ hash });
  }

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0 });
    client = createPublicClient({ chain: devnet.chain, transport: http(devnet.rpcUrl), pollingInterval: 50 }) as PublicClient;
    const funder = privateKeyToAccount(devnet.accounts[1]!.privateKey);
    for (const a of [source, counterparty, me]) await send(funder, a.address, parseEther('10'));
    // The intermediaries get only gas money, which dilutes the chain a little (see the expected amount).
    for (const a of hops) await send(funder, a.address, parseEther('0.01'));
    // A peel chain: source → hop0 (5 ETH) → hop1 (4) → hop2 (3) → cash-out (2), peeling 1 ETH at each hop.
    await send(source, hops[0]!.address, parseEther('5'));
    await send(hops[0]!, hops[1]!.address, parseEther('4'));
    await send(hops[1]!, hops[2]!.address, parseEther('3'));
    await send(hops[2]!, cashOut.address, parseEther('2'));
    // The counterparty pays me ETH and DAI, and I pay it back some ETH.
    await send(counterparty, me.address, parseEther('1.5'));
    const dai = devnet.tokens.DAI!.address;
    const deployer = createWalletClient({ chain: devnet.chain, transport: http(devnet.rpcUrl), account: privateKeyToAccount(devnet.accounts[0]!.privateKey) });
    const balance = await client.readContract({ address: dai, abi: erc20Abi, functionName: 'balanceOf', args: [deployer.account.address] });
    expect(balance).toBeGreaterThan(parseUnits('1000', 18));
    await client.waitForTransactionReceipt({ hash: await deployer.writeContract({ address: dai, abi: erc20Abi, functionName: 'transfer', args: [counterparty.address, parseUnits('1000', 18)] }) });
    const cp = createWalletClient({ chain: devnet.chain, transport: http(devnet.rpcUrl), account: counterparty });
    await client.waitForTransactionReceipt({ hash: await cp.writeContract({ address: dai, abi: erc20Abi, functionName: 'transfer', args: [me.address, parseUnits('250', 18)] }) });
    await send(me, counterparty.address, parseEther('0.25'));
    // WETH pays ether out by an inner call on withdraw: only a trace shows that payment.
    const weth = devnet.contracts.weth9;
    const wethAbi = [{ type: 'function', name: 'deposit', inputs: [], outputs: [], stateMutability: 'payable' }, { type: 'function', name: 'withdraw', inputs: [{ name: 'wad', type: 'uint256' }], outputs: [], stateMutability: 'nonpayable' }] as const;
    const mine = createWalletClient({ chain: devnet.chain, transport: http(devnet.rpcUrl), account: me });
    await client.waitForTransactionReceipt({ hash: await mine.writeContract({ address: weth, abi: wethAbi, functionName: 'deposit', value: parseEther('1') }) });
    await client.waitForTransactionReceipt({ hash: await mine.writeContract({ address: weth, abi: wethAbi, functionName: 'withdraw', args: [parseEther('0.5')] }) });
  }, 120_000);

  afterAll(async () => {
    await devnet?.stop();
  });

  it('stores the chain’s transfers, re-screens them on a new list, and measures exposure', async () => {
    const head = await client.getBlockNumber();
    const sync = runCli(['compliance', 'sync', '--rpc', devnet.rpcUrl, '--store', store, '--from', '0', '--to', String(head)], { timeoutMs: 120_000 });
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stderr).toMatch(/transfers stored for chain 31337/);
    expect(sync.stderr).toMatch(/internal ether from traces included/);
    const ledger = new SqliteStore(store);
    try {
      const records = await ledgerTransfers(ledger, 31337);
      const payout = records.find((r) => r.from === devnet.contracts.weth9.toLowerCase() && r.to === me.address.toLowerCase());
      expect(payout).toMatchObject({ asset: 'ETH', raw: parseEther('0.5').toString() });
      expect(payout!.index).toBeLessThan(-1);
    } finally {
      await ledger.close();
    }

    // A later version of the list names the source of the peel chain and the counterparty.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const list = path.join(dir, 'new-list.csv');
    writeFileSync(list, `address,name\n${source.address},"PEEL SOURCE"\n${counterparty.address},"COUNTERPARTY LTD"\n`);
    const update = runCli(['compliance', 'update', '--list', `${list}@${tomorrow}`, '--store', store, '--chain', '31337', '--own', me.address, '--json'], { timeoutMs: 60_000 });
    expect(update.status, update.stderr).toBe(1);
    const out = JSON.parse(update.stdout) as { change: { added: Array<{ address: string }> }; findings: Array<{ severity: string; evidence: Record<string, unknown>; subject: { address: string } }> };
    expect(out.change.added.map((a) => a.address).sort()).toEqual([source.address, counterparty.address].map((a) => a.toLowerCase()).sort());
    // Only transfers with my wallet are reported: received from and sent to the counterparty, both before the listing.
    const received = out.findings.find((f) => f.evidence.direction === 'received-from');
    const sent = out.findings.find((f) => f.evidence.direction === 'sent-to');
    expect(out.findings).toHaveLength(2);
    expect(received?.severity).toBe('high');
    expect(received?.subject.address).toBe(me.address.toLowerCase());
    expect((received?.evidence.beforeListing as Record<string, string>).ETH).toBe(parseEther('1.5').toString());
    expect((received?.evidence.beforeListing as Record<string, string>)[devnet.tokens.DAI!.address.toLowerCase()]).toBe(parseUnits('250', 18).toString());
    expect(received?.evidence.afterListing).toEqual({});
    expect((sent?.evidence.beforeListing as Record<string, string>).ETH).toBe(parseEther('0.25').toString());
    // The alerts are stored for the dashboard, and the new list version is kept.
    const db = new SqliteStore(store);
    try {
      const page = await db.alertPageJson({ limit: 10 });
      expect(JSON.stringify(page)).toContain('compliance/newly-listed-counterparty');
    } finally {
      await db.close();
    }
    const screen = runCli(['compliance', 'screen', counterparty.address, '--store', store, '--at', tomorrow, '--json']);
    expect(screen.status).toBe(1);
    expect(JSON.parse(screen.stdout).results[0]).toMatchObject({ status: 'listed' });
    const before = runCli(['compliance', 'screen', counterparty.address, '--store', store, '--at', '2020-01-01', '--json']);
    // A list with a single version cannot say when an address joined it: before, the answer is unknown.
    expect(JSON.parse(before.stdout).results[0].status).toBe('unknown');

    // Exposure of the cash-out: 2 ETH from the source through three intermediaries (4 transfers).
    const labels = path.join(dir, 'hacks.csv');
    writeFileSync(labels, `address,label\n${source.address},"exploit of a test protocol"\n`);
    const two = runCli(['compliance', 'exposure', cashOut.address, '--store', store, '--chain', '31337', '--labels', labels, '--json']);
    expect(JSON.parse(two.stdout).sources).toEqual([]);
    const four = runCli(['compliance', 'exposure', cashOut.address, '--store', store, '--chain', '31337', '--labels', labels, '--hops', '4', '--json', '--report', path.join(dir, 'exposure.html')]);
    expect(four.status).toBe(1);
    const report = JSON.parse(four.stdout) as { sources: Array<{ address: string; category: string; amount: number; path: { addresses: string[] } }> };
    expect(report.sources).toHaveLength(1);
    expect(report.sources[0]).toMatchObject({ address: source.address.toLowerCase(), category: 'hacked-funds' });
    // Haircut through three wallets that each held 0.01 clean ETH besides what the chain brought.
    expect(report.sources[0]!.amount).toBeCloseTo(2 * (5 / 5.01) * (4 / 4.01) * (3 / 3.01), 9);
    expect(report.sources[0]!.path.addresses).toEqual([source, ...hops, cashOut].map((a) => a.address.toLowerCase()));
  }, 240_000);

  it('refuses bad input with a clear error', () => {
    const bad = runCli(['compliance', 'screen', '0x1234', '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not an address/);
    const badDate = runCli(['compliance', 'screen', '0x098B716B8Aaf21512996dC57EB0615e2383E2f96', '--at', 'soon']);
    expect(badDate.status).toBe(2);
    const noDay = runCli(['compliance', 'update', '--list', 'x.csv']);
    expect(noDay.status).toBe(2);
    expect(noDay.stderr).toMatch(/FILE@YYYY-MM-DD/);
  });
});
