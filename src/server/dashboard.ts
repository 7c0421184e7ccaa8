/**
 * The dashboard (built by Vite into dist/web) served at `/` by the API's own server, so it needs no second
 * origin: with a Content-Security-Policy that only allows this origin (no inline script, no third party).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The built dashboard next to the compiled server (dist/web), if it was built. */
export function defaultDashboardDir(): string | undefined {
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../web');
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

export async function registerDashboard(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    index: ['index.html'],
    // Only real files under the root: anything else is the API's JSON 404 (the dashboard routes with the URL hash).
    wildcard: true,
    cacheControl: false, // set below, per file
    setHeaders: (res, file) => {
      res.setHeader('content-security-policy', DASHBOARD_CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('x-frame-options', 'DENY');
      // Vite puts a content hash in asset names: those can be cached for good; index.html must not be.
      res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
