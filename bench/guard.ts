/**
 * `npm run bench:guard`: the latency the guard adds in front of a devnet, and its throughput.
 *
 * For each kind of request the same request goes once straight to the devnet and once through the guard,
 * alternately; "added" is the guard's time minus the direct time, request by request, and p50/p99 are
 * taken over those differences. Guarded sends are real: signed ETH payments and Uniswap swaps, each mined
 * (automine), so the chain moves between sends and the guard re-forks its state every time, as it must.
 * Floor (issue 21): p99 added ≤ 60 ms for a guarded send.
 *
 *   node dist/bench/guard.js [--n 200]
 */
import { encodeFunctionData, parseAbi, parseEther, stringToHex, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startDevnet } from '../src/chain/devnet/index.js';
import { Guard, startGuardServer } from '../src/guard/index.js';
import { devnetDex } from '../src/token/simulate/index.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function post(url: string, method: string, params: unknown[]): Promise<{ ms: number; ok: boolean; error?: string }> {
  const t = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await res.json()) as { error?: { message?: string } };
  return { ms: performance.now() - t, ok: body.error === undefined, ...(body.error ? { error: String(body.error.message ?? JSON.stringify(body.error)).slice(0, 300) } : {}) };
}

function pctl(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

const f = (x: number) => x.toFixed(1).padStart(6);

async function main(): Promise<void> {
  const n = arg('--n', 200);
  const devnet = await startDevnet({ port: 0, accounts: 6 });
  const guard = await Guard.start({ upstreamUrl: devnet.rpcUrl, policy: { freshContractBlocks: 5, dex: devnetDex(devnet) } });
  const server = await startGuardServer(guard, { port: 0 });
  const lines: string[] = [];
  const out = (s: string) => lines.push(s);
  try {
    const account = privateKeyToAccount(devnet.accounts[1]?.privateKey as Hex);
    const to = devnet.accounts[2]?.address as Address;
    const router = devnet.contracts.uniswapV2Router02;
    const dai = devnet.tokens.DAI?.address as Address;
    const swapAbi = parseAbi(['function swapExactETHForTokens(uint256, address[], address, uint256) payable returns (uint256[])']);
    let nonce = Number(await (await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getTransactionCount', params: [account.address, 'latest'] }) }).then((r) => r.json()) as { result: Hex }).result);
    const signed = async (i: number): Promise<Hex> => {
      const swap = i % 2 === 1;
      return account.signTransaction({
        chainId: 31337,
        type: 'eip1559',
        nonce: nonce++,
        to: swap ? router : to,
        value: swap ? parseEther('0.01') : parseEther('0.001'),
        data: swap ? encodeFunctionData({ abi: swapAbi, args: [0n, [devnet.contracts.weth9, dai], account.address, 2n ** 255n] }) : undefined,
        gas: 300_000n,
        maxFeePerGas: 20_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
      });
    };
    const typed = JSON.stringify({
      types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
      primaryType: 'Permit',
      domain: { name: 'Dev Dai', version: '1', chainId: 31337, verifyingContract: dai },
      message: { owner: devnet.accounts[3]?.address, spender: router, value: '1000', nonce: '0', deadline: '4102444800' },
    });
    const signer = devnet.accounts[3]?.address as Address;
    const kinds: Array<{ name: string; call: (url: string, i: number) => Promise<{ ms: number; ok: boolean; error?: string }> }> = [
      { name: 'read eth_getBalance (passed through)', call: (url) => post(url, 'eth_getBalance', [to, 'latest']) },
      { name: 'read eth_call balanceOf (passed through)', call: (url) => post(url, 'eth_call', [{ to: dai, data: `0x70a08231${to.slice(2).padStart(64, '0')}` }, 'latest']) },
      { name: 'guarded send (payment or swap, mined)', call: async (url, i) => post(url, 'eth_sendRawTransaction', [await signed(i)]) },
      { name: 'guarded personal_sign', call: (url, i) => post(url, 'personal_sign', [stringToHex(`login nonce ${i}`), signer]) },
      { name: 'guarded eth_signTypedData_v4 (permit)', call: (url) => post(url, 'eth_signTypedData_v4', [signer, typed]) },
    ];
    // Warm-up: the first decisions fetch code ages and token checks.
    for (let i = 0; i < 10; i++) {
      for (const k of kinds) {
        const r = await k.call(server.url, i);
        if (!r.ok) process.stderr.write(`warm-up, ${k.name}: ${r.error}\n`);
      }
    }
    out(`argus guard latency on the devnet (Hardhat EDR, automine), ${n} requests of each kind, alternately direct and through the guard`);
    out('kind                                          direct p50    guard p50   added p50  added p99  failed');
    const sendAdded: number[] = [];
    for (const k of kinds) {
      const direct: number[] = [];
      const guarded: number[] = [];
      let failed = 0;
      for (let i = 0; i < n; i++) {
        const a = await k.call(devnet.rpcUrl, 2 * i);
        const b = await k.call(server.url, 2 * i + 1);
        if (!a.ok || !b.ok) failed++;
        if (failed === 1 && (!a.ok || !b.ok)) process.stderr.write(`${k.name}: first failure (${a.ok ? 'through the guard' : 'direct'}): ${a.error ?? b.error}\n`);
        direct.push(a.ms);
        guarded.push(b.ms);
      }
      const added = guarded.map((g, i) => g - (direct[i] as number));
      if (k.name.startsWith('guarded send')) sendAdded.push(...added);
      out(`${k.name.padEnd(44)} ${f(pctl(direct, 50))} ms   ${f(pctl(guarded, 50))} ms   ${f(pctl(added, 50))} ms  ${f(pctl(added, 99))} ms  ${failed}`);
    }
    // Throughput: 8 clients at once for 3 s each.
    const through = async (label: string, call: (i: number) => Promise<unknown>) => {
      let done = 0;
      const until = performance.now() + 3_000;
      await Promise.all(Array.from({ length: 8 }, async (_, c) => {
        for (let i = c; performance.now() < until; i += 8) {
          await call(i);
          done++;
        }
      }));
      out(`throughput, ${label.padEnd(40)} ${(done / 3).toFixed(0)} req/s (8 clients)`);
    };
    await through('reads through the guard', () => post(server.url, 'eth_getBalance', [to, 'latest']));
    await through('reads straight to the devnet', () => post(devnet.rpcUrl, 'eth_getBalance', [to, 'latest']));
    await through('guarded signatures (personal_sign)', (i) => post(server.url, 'personal_sign', [stringToHex(`login ${i}`), signer]));
    let sends = 0;
    const until = performance.now() + 3_000;
    while (performance.now() < until) {
      await post(server.url, 'eth_sendRawTransaction', [await signed(sends)]);
      sends++;
    }
    out(`throughput, ${'guarded sends (one sender, in order)'.padEnd(40)} ${(sends / 3).toFixed(1)} req/s`);
    out(`the fork followed the devnet by replaying its blocks; re-forks: ${guard.simulator.reforks}`);
    const p99 = pctl(sendAdded, 99);
    out(`floor: p99 added for a guarded send ${p99.toFixed(1)} ms ${p99 <= 60 ? '≤' : '>'} 60 ms: ${p99 <= 60 ? 'met' : 'NOT met'}`);
    void toHex;
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await server.close();
    await guard.stop();
    await devnet.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
