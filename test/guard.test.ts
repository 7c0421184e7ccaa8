/**
 * `argus guard` as real clients see it: a devnet, the guard in front of it, and viem's wallet client (local
 * keys, eth_sendRawTransaction) and ethers v6 (the node's unlocked accounts, eth_sendTransaction and
 * eth_signTypedData_v4) talking to the guard as if it were the node. Reads come back as the node's;
 * ordinary sends and signatures go through; drainer approvals, permits to EOAs and blind signatures come
 * back as JSON-RPC error -32003 with the reasons; every decision is a finding in the store; a guard whose
 * fork is gone fails closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import nodeHttp from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, createWalletClient, erc20Abi, http, maxUint256, parseEther, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { BrowserProvider, Contract, JsonRpcProvider } from 'ethers';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { Guard, startGuardServer, GUARD_BLOCK_CODE, type GuardServer } from '../src/guard/index.js';
import { devnetDex } from '../src/token/simulate/index.js';
import { SqliteStore } from '../src/store/index.js';

const SCAMMER: Address = '0x5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ff';

function errorOf(e: unknown): { code?: number; data?: { reasons?: Array<{ rule: string; message: string }> }; message: string } {
  // viem wraps the JSON-RPC error (cause chain); ethers keeps it under .error / .info.
  // viem maps -32003 to TransactionRejectedRpcError, whose cause holds the answer's data.
  let x = e as Record<string, unknown> | undefined;
  for (let i = 0; i < 8 && x; i++) {
    if (x.code === GUARD_BLOCK_CODE && x.data !== undefined) return x as never;
    const inner = (x.error as Record<string, unknown> | undefined) ?? ((x.info as Record<string, unknown> | undefined)?.error as Record<string, unknown> | undefined);
    if (inner?.code === GUARD_BLOCK_CODE) return inner as never;
    x = x.cause as Record<string, unknown> | undefined;
  }
  return { message: String((e as Error)?.message ?? e) };
}

describe('argus guard through viem and ethers', () => {
  let devnet: Devnet;
  let guard: Guard;
  let server: GuardServer;
  let store: SqliteStore;
  let dir: string;

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, accounts: 4 });
    dir = mkdtempSync(path.join(os.tmpdir(), 'argus-guard-test-'));
    store = new SqliteStore(path.join(dir, 'guard.sqlite'));
    guard = await Guard.start({ upstreamUrl: devnet.rpcUrl, policy: { freshContractBlocks: 5, dex: devnetDex(devnet) }, store });
    server = await startGuardServer(guard, { port: 0 });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await guard?.stop();
    await store?.close();
    await devnet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes reads through untouched', async () => {
    const viaGuard = createPublicClient({ transport: http(server.url) });
    const direct = createPublicClient({ transport: http(devnet.rpcUrl) });
    expect(await viaGuard.getChainId()).toBe(31337);
    expect(await viaGuard.getBlockNumber()).toBe(await direct.getBlockNumber());
    const dai = devnet.tokens.DAI?.address as Address;
    const holder = devnet.accounts[1]?.address as Address;
    expect(await viaGuard.readContract({ address: dai, abi: erc20Abi, functionName: 'balanceOf', args: [holder] })).toBe(await direct.readContract({ address: dai, abi: erc20Abi, functionName: 'balanceOf', args: [holder] }));
  });

  it('viem: an ordinary payment goes through, an unlimited approval to an EOA is blocked with reasons', async () => {
    const account = privateKeyToAccount(devnet.accounts[1]?.privateKey as `0x${string}`);
    const wallet = createWalletClient({ account, chain: devnet.chain, transport: http(server.url) });
    const pub = createPublicClient({ chain: devnet.chain, transport: http(devnet.rpcUrl) });
    const to = devnet.accounts[2]?.address as Address;
    const before = await pub.getBalance({ address: to });
    const hash = await wallet.sendTransaction({ to, value: parseEther('1') });
    expect((await pub.waitForTransactionReceipt({ hash })).status).toBe('success');
    expect((await pub.getBalance({ address: to })) - before).toBe(parseEther('1'));

    const dai = devnet.tokens.DAI?.address as Address;
    const attempt = wallet.writeContract({ address: dai, abi: erc20Abi, functionName: 'approve', args: [SCAMMER, maxUint256] });
    const err = await attempt.then(() => undefined, (e: unknown) => e);
    expect(err).toBeDefined();
    const rpcError = errorOf(err);
    expect(rpcError.code).toBe(GUARD_BLOCK_CODE);
    expect(rpcError.data?.reasons?.map((r) => r.rule)).toContain('spender-untrusted');
    expect(rpcError.data?.reasons?.[0]?.message).toMatch(/without code/u);
    // Nothing reached the chain.
    expect(await pub.readContract({ address: dai, abi: erc20Abi, functionName: 'allowance', args: [account.address, SCAMMER] })).toBe(0n);
  });

  it('ethers: the node signs a vote but not a Permit2 permit to an EOA nor a blind eth_sign', async () => {
    const provider = new JsonRpcProvider(server.url, 31337, { staticNetwork: true });
    const signer = await provider.getSigner(devnet.accounts[3]?.address as string);
    const vote = await signer.signTypedData({ name: 'snapshot', version: '0.1.4' }, { Vote: [{ name: 'from', type: 'address' }, { name: 'choice', type: 'uint32' }] }, { from: signer.address, choice: 1 });
    expect(vote).toMatch(/^0x[0-9a-f]{130}$/u);
    const permit = signer.signTypedData(
      { name: 'Permit2', chainId: 31337, verifyingContract: '0x000000000022D473030F116dDEE9F6B43aC78BA3' },
      {
        PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }],
        PermitDetails: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' }],
      },
      { details: { token: devnet.tokens.USDC?.address, amount: 2n ** 160n - 1n, expiration: 4_102_444_800, nonce: 0 }, spender: SCAMMER, sigDeadline: 4_102_444_800 },
    );
    const err = errorOf(await permit.then(() => undefined, (e: unknown) => e));
    expect(err.code).toBe(GUARD_BLOCK_CODE);
    expect(err.data?.reasons?.[0]?.rule).toBe('spender-untrusted');
    const blind = errorOf(await provider.send('eth_sign', [signer.address, `0x${'ab'.repeat(32)}`]).then(() => undefined, (e: unknown) => e));
    expect(blind.code).toBe(GUARD_BLOCK_CODE);
    expect(blind.data?.reasons?.[0]?.rule).toBe('blind-signature');
    // An ordinary token transfer through ethers' contract API goes through.
    const dai = new Contract(devnet.tokens.DAI?.address as string, ['function transfer(address,uint256) returns (bool)'], signer);
    const tx = await (dai.transfer as (to: string, v: bigint) => Promise<{ wait(): Promise<{ status: number } | null> }>)(devnet.accounts[1]?.address as string, 10n ** 18n);
    expect((await tx.wait())?.status).toBe(1);
    void BrowserProvider;
  });

  it('keeps every decision as a guard/decision finding in the store', async () => {
    const alerts = await store.alerts({ limit: 1000 });
    const verdicts = alerts.filter((a) => a.finding.detector === 'guard/decision').map((a) => a.finding.evidence.verdict);
    expect(verdicts).toContain('block');
    expect(verdicts).toContain('allow');
    const blocked = alerts.find((a) => a.finding.evidence.verdict === 'block');
    expect(blocked?.finding.severity).toBe('high');
    expect(blocked?.finding.explanation.length).toBeGreaterThan(20);
  });

  it('answers only its own Host names and, from browsers, only the origins it was given', async () => {
    const second = await startGuardServer(guard, { port: 0, allowedOrigins: ['https://wallet.example'], allowedHosts: ['guard.internal'] });
    try {
      const call = (headers: Record<string, string>, method = 'POST', body = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'eth_blockNumber', params: [] })) =>
        new Promise<{ status: number; headers: nodeHttp.IncomingHttpHeaders; body: string }>((resolve, reject) => {
          const req = nodeHttp.request(second.url, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
          });
          req.on('error', reject);
          req.end(method === 'POST' ? body : undefined);
        });
      // A script (no Origin) by 127.0.0.1 or a configured name is served; a rebinding page's Host is not.
      expect((await call({})).status).toBe(200);
      expect((await call({ host: 'guard.internal:8546' })).status).toBe(200);
      const rebound = await call({ host: 'evil.example:8546' });
      expect(rebound.status).toBe(421);
      expect(rebound.body).toMatch(/does not answer to the host/u);
      // A page of another site: refused before anything is decided or forwarded, even as a "simple" request
      // (text/plain, no preflight), whose answer the browser would hide but whose effect would be done.
      const before = guard.decisions;
      const sign = JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'personal_sign', params: ['0x68656c6c6f', devnet.accounts[1]?.address] });
      const foreign = await call({ origin: 'https://evil.example', 'content-type': 'text/plain' }, 'POST', sign);
      expect(foreign.status).toBe(403);
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      expect(guard.decisions).toBe(before);
      expect((await call({ origin: 'null' })).status).toBe(403);
      const preflight = await call({ origin: 'https://evil.example', 'access-control-request-method': 'POST' }, 'OPTIONS');
      expect(preflight.status).toBe(403);
      // The listed origin, and the guard's own, are served with CORS headers naming them.
      const listed = await call({ origin: 'https://wallet.example' });
      expect(listed.status).toBe(200);
      expect(listed.headers['access-control-allow-origin']).toBe('https://wallet.example');
      expect(JSON.parse(listed.body)).toMatchObject({ id: 7, result: expect.stringMatching(/^0x/u) });
      expect((await call({ origin: 'https://wallet.example', 'access-control-request-method': 'POST' }, 'OPTIONS')).status).toBe(204);
      expect((await call({ origin: second.url })).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('fails closed when the simulation cannot run', async () => {
    await guard.simulator.stop(); // the fork is gone
    const account = privateKeyToAccount(devnet.accounts[1]?.privateKey as `0x${string}`);
    const wallet = createWalletClient({ account, chain: devnet.chain, transport: http(server.url) });
    const err = errorOf(await wallet.sendTransaction({ to: devnet.accounts[2]?.address as Address, value: 1n }).then(() => undefined, (e: unknown) => e));
    expect(err.code).toBe(GUARD_BLOCK_CODE);
    expect(err.data?.reasons?.[0]?.rule).toBe('undecided');
  });
});
