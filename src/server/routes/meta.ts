/** Health, server facts for the dashboard, Prometheus metrics and the OpenAPI document. */
import { VERSION } from '../../core/version.js';
import type { Health, ServerInfo } from '../api-types.js';
import type { RouteContext } from '../context.js';
import { openApiDocument, type CollectedRoute } from '../openapi.js';

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
        response: { 200: { type: 'object', properties: { version: { type: 'string' }, chainId: { type: ['integer', 'null'] }, rpc: { type: 'boolean' }, store: { type: 'boolean' }, live: { type: 'boolean' }, demo: { type: 'boolean' } } } },
      },
    },
    async (): Promise<ServerInfo> => ({ version: VERSION, chainId: options.chainId ?? null, rpc: options.rpcUrl !== undefined, store: options.storeFile !== undefined, live: options.live !== undefined, demo: options.demo === true }),
  );
  app.get(`${prefix}/metrics`, { schema: { summary: 'Prometheus metrics', tags: ['meta'] }, config: { produces: 'text/plain; version=0.0.4' } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()),
  );
  app.get(`${prefix}/openapi.json`, { schema: { summary: 'This document', tags: ['meta'] } }, async () => openApiDocument(routes, { version: VERSION }));
}
