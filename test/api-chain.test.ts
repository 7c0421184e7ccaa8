/**
 * The routes that read a chain, against a real devnet: a pool's reserves around a real soft rug pull (the
 * liquidity removal shows as the drop it is, and the last point is what the pair itself reports), and a
 * token's risk report by address for a scam token and a plain one. Bad input on these routes: a range
 * too wide or backwards, an address that is not a pair, an address without code, a smuggled RPC URL.
 */
import type { FastifyInstance } from 'fastify';
import { createPublicClient, http, parseAbi, type Address, type PublicClient } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { simulate, type GroundTruth } from '../src/chain/scenarios/index.js';
import { createServer } from '../src/server/index.js';
import { MAX_RESERVE_BLOCKS } from '../src/server/routes/pools.js';
import { devnetDex } from '../src/token/simulate/pool.js';
import type { TokenReport } from '../src/token/types.js';

const KEY = 'chain-key';
const AUTH = { authorization: `Bearer ${KEY}` };
const V1 = '/api/v1';
const pairAbi = parseAbi(['function getReserves() view returns (uint112, uint112, uint32)', 'function token0() view returns (address)']);

let devnet: Devnet;
let app: FastifyInstance;
let rug: GroundTruth;
let client: PublicClient;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  const description = devnet.describe();
  const sim = await simulate(description, { seed: 'api-chain', mode: 'alone', scenarios: ['soft-rug'], wallets: 4 });
  rug = sim.attacks[0]!;
  client = createPublicClient({ transport: http(devnet.rpcUrl) }) as PublicClient;
  app = await createServer({ apiKeys: [KEY], rateLimit: false, rpcUrl: devnet.rpcUrl, chainId: devnet.chainId, tokenDex: devnetDex(description) });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await devnet?.stop();
});

describe('GET /pools/{address}/reserves on a devnet', () => {
  it("shows the soft rug pull's liquidity removal, and ends on the pair's own reserves", async () => {
    const pool = rug.addresses.pool as Address;
    const r = await app.inject({ url: `${V1}/pools/${pool}/reserves?from=${Math.max(1, rug.blockRange[0] - 5)}&to=${rug.blockRange[1] + 2}` });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { pool: string; token0: string; symbol0?: string; symbol1?: string; points: { block: number; reserve0: string; reserve1: string }[] };
    expect(body.pool.toLowerCase()).toBe(pool.toLowerCase());
    expect(body.token0.toLowerCase()).toBe(String(await client.readContract({ address: pool, abi: pairAbi, functionName: 'token0' })).toLowerCase());
    expect([body.symbol0, body.symbol1]).toContain('WETH');
    const [r0, r1] = await client.readContract({ address: pool, abi: pairAbi, functionName: 'getReserves' });
    expect(body.points.at(-1)).toMatchObject({ reserve0: r0.toString(), reserve1: r1.toString() });
    // The pull: somewhere in the attack both reserves fall to less than half of the highest seen.
    const total = (p: { reserve0: string; reserve1: string }) => BigInt(p.reserve0) + BigInt(p.reserve1);
    const peak = body.points.reduce((m, p) => (total(p) > m ? total(p) : m), 0n);
    expect(total(body.points.at(-1)!) * 2n).toBeLessThan(peak);
    // Points are one per block, in block order.
    const blocks = body.points.map((p) => p.block);
    expect(blocks).toEqual([...new Set(blocks)].sort((a, b) => a - b));
  }, 30_000);

  it('refuses a backwards or too wide range, a malformed address, and answers 404 for a contract that is not a pair', async () => {
    const pool = rug.addresses.pool as Address;
    const backwards = await app.inject({ url: `${V1}/pools/${pool}/reserves?from=50&to=10` });
    expect(backwards.statusCode).toBe(400);
    const wide = await app.inject({ url: `${V1}/pools/${pool}/reserves?from=0&to=${MAX_RESERVE_BLOCKS + 10}` });
    // The devnet may be shorter than the range: then `to` is clamped to the head and the range is fine.
    const head = Number(await client.getBlockNumber());
    expect(wide.statusCode).toBe(head + 1 > MAX_RESERVE_BLOCKS ? 400 : 200);
    expect((await app.inject({ url: `${V1}/pools/not-an-address/reserves?from=1` })).statusCode).toBe(400);
    expect((await app.inject({ url: `${V1}/pools/${pool}/reserves` })).statusCode).toBe(400);
    const token = await app.inject({ url: `${V1}/pools/${devnet.tokens.DAI!.address}/reserves?from=1` });
    expect(token.statusCode).toBe(404);
    expect(token.json().error.message).toContain('not a Uniswap V2 pair');
  });
});

describe('POST /tokens/check by address on a devnet', () => {
  it("rates the rug pull's token high and says why, through the server's own RPC endpoint", async () => {
    const r = await app.inject({ method: 'POST', url: `${V1}/tokens/check`, headers: AUTH, payload: { address: rug.addresses.token } });
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json() as TokenReport;
    expect(report.riskScore).toBeGreaterThanOrEqual(50);
    expect(report.reasons.length).toBeGreaterThan(0);
    expect(report.market, 'the market signals of its pool').not.toBeNull();
  }, 60_000);

  it('an address without code is a clear 4xx, and a request cannot bring its own RPC URL', async () => {
    const empty = await app.inject({ method: 'POST', url: `${V1}/tokens/check`, headers: AUTH, payload: { address: `0x${'4'.repeat(40)}` } });
    expect(empty.statusCode).toBeGreaterThanOrEqual(400);
    expect(empty.statusCode).toBeLessThan(500);
    expect(empty.json().error.message).toMatch(/code|contract/i);
    const smuggled = await app.inject({ method: 'POST', url: `${V1}/tokens/check`, headers: AUTH, payload: { address: rug.addresses.token, rpcUrl: 'http://169.254.169.254/' } });
    expect(smuggled.statusCode).toBe(400);
  }, 30_000);
});
