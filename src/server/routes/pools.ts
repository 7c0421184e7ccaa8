/**
 * GET /pools/{address}/reserves: a Uniswap V2 pair's reserves over a block range, from its `Sync` events,
 * through the server's own RPC endpoint only (for the dashboard's "reserves around a rug pull" chart).
 */
import { getAddress, parseAbi, parseAbiItem, type Address, type PublicClient } from 'viem';
import { createRpcClient } from '../../chain/rpc/client.js';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import type { PoolReserves, ReservePoint, ReservesQuery } from '../api-types.js';
import type { RouteContext } from '../context.js';
import { HttpError, uintString } from '../http.js';

/** The widest range one request may read (an eth_getLogs over it, plus three calls). */
export const MAX_RESERVE_BLOCKS = 5000;

const pairAbi = parseAbi([
  'function token0() view returns (address)',
  'function token1() view returns (address)',
  'function getReserves() view returns (uint112, uint112, uint32)',
]);
const erc20Abi = parseAbi(['function symbol() view returns (string)', 'function decimals() view returns (uint8)']);
const syncEvent = parseAbiItem('event Sync(uint112 reserve0, uint112 reserve1)');

export function poolRoutes({ app, prefix, options }: RouteContext): void {
  let client: PublicClient | undefined;
  const chain = (): PublicClient => {
    if (!options.rpcUrl) throw new HttpError(503, ERROR_CODES.UNAVAILABLE, 'this server has no RPC endpoint configured (ARGUS_RPC_URL)');
    client ??= createRpcClient(options.rpcUrl, { profile: 'read' });
    return client;
  };

  app.get<{ Params: { address: string }; Querystring: ReservesQuery }>(
    `${prefix}/pools/:address/reserves`,
    {
      schema: {
        summary: `A Uniswap V2 pair's reserves after each block that changed them (at most ${MAX_RESERVE_BLOCKS} blocks)`,
        tags: ['token'],
        params: { type: 'object', required: ['address'], properties: { address: { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$' } } },
        querystring: { type: 'object', additionalProperties: false, required: ['from'], properties: { from: uintString('first block'), to: uintString('last block (default: the head)') } },
        response: {
          200: {
            type: 'object',
            properties: {
              pool: { type: 'string' },
              token0: { type: 'string' },
              token1: { type: 'string' },
              symbol0: { type: 'string' },
              symbol1: { type: 'string' },
              decimals0: { type: 'integer' },
              decimals1: { type: 'integer' },
              points: { type: 'array', items: { type: 'object', properties: { block: { type: 'integer' }, reserve0: { type: 'string' }, reserve1: { type: 'string' } } } },
            },
          },
        },
      },
    },
    async (request): Promise<PoolReserves> => {
      const c = chain();
      const pool = getAddress(request.params.address.toLowerCase());
      const rpc = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
        try {
          return await f();
        } catch (error) {
          throw new ArgusError(ERROR_CODES.RPC, `${what}: ${(error as Error).message.split('\n')[0]}`, { pool }, { cause: error });
        }
      };
      const head = Number(await rpc('reading the head', () => c.getBlockNumber()));
      const from = Number(request.query.from);
      const to = Math.min(head, request.query.to === undefined ? head : Number(request.query.to));
      if (from > to) throw new ArgusError(ERROR_CODES.USAGE, `querystring/from (${from}) is after the last block (${to})`);
      if (to - from + 1 > MAX_RESERVE_BLOCKS) throw new ArgusError(ERROR_CODES.USAGE, `at most ${MAX_RESERVE_BLOCKS} blocks per request`, { from, to });
      // A contract without token0() is not a pair: 404 rather than a 502, since the address is the caller's.
      let token0: Address, token1: Address;
      try {
        [token0, token1] = await Promise.all([c.readContract({ address: pool, abi: pairAbi, functionName: 'token0' }), c.readContract({ address: pool, abi: pairAbi, functionName: 'token1' })]);
      } catch {
        throw new HttpError(404, ERROR_CODES.NOT_FOUND, `${pool} is not a Uniswap V2 pair on this chain`);
      }
      const points: ReservePoint[] = [];
      // The reserves as the range starts (the pair may not exist yet then: no starting point).
      if (from > 0) {
        const start = await c.readContract({ address: pool, abi: pairAbi, functionName: 'getReserves', blockNumber: BigInt(from - 1) }).catch(() => undefined);
        if (start) points.push({ block: from - 1, reserve0: start[0].toString(), reserve1: start[1].toString() });
      }
      const logs = await rpc('reading Sync events', () => c.getLogs({ address: pool, event: syncEvent, fromBlock: BigInt(from), toBlock: BigInt(to) }));
      for (const log of logs) {
        const point = { block: Number(log.blockNumber), reserve0: String(log.args.reserve0 ?? 0n), reserve1: String(log.args.reserve1 ?? 0n) };
        // Several swaps in one block: keep the block's last state.
        if (points.at(-1)?.block === point.block) points[points.length - 1] = point;
        else points.push(point);
      }
      const meta = async (token: Address) => {
        const [symbol, decimals] = await Promise.all([
          c.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }).catch(() => undefined),
          c.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }).catch(() => undefined),
        ]);
        return { symbol, decimals };
      };
      const [m0, m1] = await Promise.all([meta(token0), meta(token1)]);
      return {
        pool,
        token0,
        token1,
        ...(m0.symbol !== undefined ? { symbol0: m0.symbol.slice(0, 32) } : {}),
        ...(m1.symbol !== undefined ? { symbol1: m1.symbol.slice(0, 32) } : {}),
        ...(m0.decimals !== undefined ? { decimals0: m0.decimals } : {}),
        ...(m1.decimals !== undefined ? { decimals1: m1.decimals } : {}),
        points,
      };
    },
  );
}
