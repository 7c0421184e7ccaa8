/** POST /tokens/check: a token's risk report, on chain through the server's own RPC endpoint or offline. */
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { checkToken } from '../../token/check.js';
import { RUG_DETECTORS, ruggedFromAlerts } from '../../token/market/rugs.js';
import type { TokenCheckRequest, TokenReport } from '../api-types.js';
import type { RouteContext } from '../context.js';
import { HttpError } from '../http.js';

/** Rugs the monitor saw on the server's chain (for "the creator rugged before"), or none without a store. */
async function ruggedSeen({ options, needStore }: RouteContext): Promise<Set<string> | undefined> {
  const chainId = options.chainId;
  if (!options.storeFile || chainId === undefined) return undefined;
  const store = needStore();
  const perDetector = await Promise.all(RUG_DETECTORS.map((detector) => store.alertsOfDetector(detector, { chainId, limit: 10_000 })));
  return ruggedFromAlerts(perDetector.flat());
}

export function tokenRoutes(ctx: RouteContext): void {
  const { app, prefix, authed, options } = ctx;
  let running = 0;
  app.post<{ Body: TokenCheckRequest }>(
    `${prefix}/tokens/check`,
    {
      schema: {
        summary: "Token risk report: from the chain (the server's own RPC endpoint) by address, or offline from runtime bytecode or source",
        tags: ['token'],
        body: {
          type: 'object',
          additionalProperties: false,
          anyOf: [{ required: ['address'] }, { required: ['bytecode'] }, { required: ['source'] }],
          properties: {
            address: { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$', description: 'the token on the chain the server is configured for' },
            bytecode: { type: 'string', minLength: 2, maxLength: 100_000, pattern: '^(0x)?[0-9a-fA-F]+$', description: 'runtime bytecode, hex' },
            source: { type: 'string', minLength: 1, maxLength: options.bodyLimit ?? 2 * 1024 * 1024, description: 'verified Solidity source text (imports not given are not seen)' },
            contract: { type: 'string', minLength: 1, maxLength: 200, description: 'the token contract in source (default: the most derived one with transfer)' },
            block: { type: 'integer', minimum: 0, description: 'with address: as of this block (default the head)' },
            simulate: { type: 'boolean', description: 'with address: simulate a buy and a sell on a fork (default true)' },
          },
        },
      },
      config: authed,
    },
    async (request): Promise<TokenReport> => {
      const b = request.body;
      if (b.address !== undefined && !options.rpcUrl) throw new HttpError(503, ERROR_CODES.UNAVAILABLE, 'this server has no RPC endpoint configured (ARGUS_RPC_URL); check by bytecode or source instead');
      if (b.address === undefined && (b.block !== undefined || b.simulate !== undefined)) throw new ArgusError(ERROR_CODES.USAGE, 'body/block and body/simulate only apply with body/address');
      const onChain = b.address !== undefined;
      // On-chain checks fork the chain and simulate trades: a few at a time, the rest told to come back.
      if (onChain && running >= (options.maxTokenChecks ?? 2)) throw new HttpError(503, ERROR_CODES.UNAVAILABLE, 'too many token checks running; retry later');
      if (onChain) running++;
      try {
        const rugged = onChain ? await ruggedSeen(ctx) : undefined;
        return await checkToken({
          ...(rugged ? { rugged } : {}),
          ...(onChain ? { address: b.address, rpcUrl: options.rpcUrl, ...(options.tokenDex ? { dex: options.tokenDex } : {}) } : {}),
          ...(b.bytecode !== undefined ? { bytecode: b.bytecode } : {}),
          ...(b.source !== undefined ? { sourceText: b.source } : {}),
          ...(b.contract !== undefined ? { source: { contract: b.contract } } : {}),
          ...(b.block !== undefined ? { block: b.block } : {}),
          ...(b.simulate === false ? { noSimulation: true } : {}),
        });
      } finally {
        if (onChain) running--;
      }
    },
  );
}
