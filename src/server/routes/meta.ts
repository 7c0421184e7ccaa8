/** Health, server facts for the dashboard, Prometheus metrics and the OpenAPI document. */
import { VERSION } from '../../core/version.js';
import type { Health, ServerInfo } from '../api-types.js';
import { labelsOf } from '../prices.js';
import type { RouteContext } from '../context.js';
import { openApiDocument, type CollectedRoute } from '../openapi.js';

/** Explorers of the main public chains (Etherscan and its kin share the URL scheme). */
export const DEFAULT_EXPLORERS: Readonly<Record<string, string>> = {
  '1': 'https://etherscan.io',
  '10': 'https://optimistic.etherscan.io',
  '56': 'https://bscscan.com',
  '137': 'https://polygonscan.com',
  '8453': 'https://basescan.org',
  '42161': 'https://arbiscan.io',
  '11155111': 'https://sepolia.etherscan.io',
};

/** The explorers a server offers: the defaults with the configured ones over them (empty: none for that chain). */
export function explorersOf(configured: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = { ...DEFAULT_EXPLORERS };
  for (const [chain, base] of Object.entries(configured ?? {})) {
    if (base) out[chain] = base.replace(/\/+$/, '');
    else delete out[chain];
  }
  return out;
}

export function metaRoutes({ app, prefix, options, metrics }: RouteContext, routes: readonly CollectedRoute[]): void {
  app.get(
    `${prefix}/healthz`,
    { schema: { summary: 'Liveness', tags: ['meta'], response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, version: { type: 'string' } } } } }, config: { rateLimit: false } },
    async (): Promise<Health> => ({ ok: true, version: VERSION }),
  );
  app.get(
    `${prefix}/info`,
    {
      schema: {
        summary: 'What this server has: the chain, an RPC endpoint, an alert store, a live stream',
        tags: ['meta'],
        response: { 200: { type: 'object', properties: { version: { type: 'string' }, chainId: { type: ['integer', 'null'] }, rpc: { type: 'boolean' }, store: { type: 'boolean' }, live: { type: 'boolean' }, demo: { type: 'boolean' }, explorers: { type: 'object', additionalProperties: { type: 'string' } }, prices: { type: 'object', additionalProperties: { type: 'number' } }, labels: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } } } } },
      },
    },
    async (): Promise<ServerInfo> => ({ version: VERSION, chainId: options.chainId ?? null, rpc: options.rpcUrl !== undefined, store: options.storeFile !== undefined, live: options.live !== undefined, demo: options.demo === true, explorers: explorersOf(options.explorers), prices: options.prices ?? {}, labels: labelsOf(options.labels) }),
  );
  app.get(`${prefix}/metrics`, { schema: { summary: 'Prometheus metrics', tags: ['meta'] }, config: { produces: 'text/plain; version=0.0.4' } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()),
  );
  app.get(`${prefix}/openapi.json`, { schema: { summary: 'This document', tags: ['meta'] } }, async () => openApiDocument(routes, { version: VERSION }));
}
