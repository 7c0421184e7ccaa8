/**
 * GET /proposals/:governor/:id — a DAO proposal's report (`argus proposal`): simulated on a fork of the
 * server's own chain (ARGUS_RPC_URL) through vote, timelock and execution. Reports are kept a minute (a
 * page reload does not fork again); one simulation runs at a time, others are told to come back.
 */
import { getAddress, type Address } from 'viem';
import { ERROR_CODES } from '../../core/errors.js';
import { analyzeProposal, type ProposalReport } from '../../governance/index.js';
import type { RouteContext } from '../context.js';
import { HttpError } from '../http.js';

const KEEP_MS = 60_000;
/** Reports kept at most: the oldest go first, so distinct ids cannot grow the server's memory without end. */
const KEEP_MAX = 50;

export function proposalRoutes(ctx: RouteContext): void {
  const { app, prefix, authed, options } = ctx;
  const cache = new Map<string, { at: number; report: ProposalReport }>();
  let running = false;
  app.get<{ Params: { governor: string; id: string } }>(
    `${prefix}/proposals/:governor/:id`,
    {
      schema: {
        summary: "A DAO proposal simulated on a fork of the server's chain (vote, timelock, execution): verdict, findings, calls, events, storage changes",
        tags: ['governance'],
        params: {
          type: 'object',
          required: ['governor', 'id'],
          properties: {
            governor: { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$', description: 'the governor (OpenZeppelin Governor or GovernorBravo shape)' },
            id: { type: 'string', pattern: '^[0-9]{1,78}$', description: 'the proposal id, decimal' },
          },
        },
      },
      config: authed,
    },
    async (request): Promise<ProposalReport> => {
      if (!options.rpcUrl) throw new HttpError(503, ERROR_CODES.UNAVAILABLE, 'this server has no RPC endpoint configured (ARGUS_RPC_URL): proposals cannot be simulated');
      const governor = getAddress(request.params.governor) as Address;
      const key = `${governor}:${request.params.id}`;
      const kept = cache.get(key);
      if (kept && Date.now() - kept.at < KEEP_MS) return kept.report;
      if (running) throw new HttpError(503, ERROR_CODES.UNAVAILABLE, 'a proposal simulation is running; retry in a few seconds');
      running = true;
      try {
        const report = await analyzeProposal({ rpcUrl: options.rpcUrl, governor, proposalId: BigInt(request.params.id) });
        cache.set(key, { at: Date.now(), report });
        for (const k of cache.keys()) {
          if (cache.size <= KEEP_MAX) break;
          cache.delete(k);
        }
        return report;
      } finally {
        running = false;
      }
    },
  );
}
