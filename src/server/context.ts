/**
 * What every route module receives from `createServer`: the app to register on, the options, the shared
 * state (stores, metrics, the audit reports kept) and small helpers, so each module is one capability's
 * routes and nothing else.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Store, StoredAlert } from '../store/store.js';
import type { Metrics } from './metrics.js';
import type { ServerOptions } from './options.js';

export const API_PREFIX = '/api/v1';

export interface RouteContext {
  app: FastifyInstance;
  options: ServerOptions;
  metrics: Metrics;
  prefix: string;
  /** Route config for routes that need an API key. */
  authed: { auth: true };
  /** The store (alerts, incidents, webhook subscriptions), or a 503 when the server has none. */
  needStore(): Store;
  /**
   * Who is asking: a valid key (its digest), or else the address. Rate limits and live-stream slots are
   * counted per client, so that made-up keys do not buy more of either.
   */
  clientOf(request: FastifyRequest): { id: string; keyed: boolean };
  /** Counts alerts served (for the metrics). */
  servedAlerts(alerts: readonly StoredAlert[] | number): void;
}
