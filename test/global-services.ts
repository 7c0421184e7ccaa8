/**
 * vitest global setup: real PostgreSQL and NATS for the tests that need them. When the environment
 * already names them (`.ci/run` and `npm run services` export ARGUS_POSTGRES_URL and ARGUS_NATS_URL) they
 * are used; otherwise private servers are started on loopback when Debian's binaries are installed, and
 * stopped at the end. Without the binaries the tests that need a server are skipped with a notice, unless
 * ARGUS_REQUIRE_SERVICES=1 says they must run (then they fail).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { natsServerBin, postgresBinDir, SERVICE_ENV, startNats, startPostgres, type NatsServer, type PostgresServer } from '../bench/services.js';

export default async function setup(): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  let dir: string | undefined;
  // Readable by others: as root, PostgreSQL runs as the postgres user and must reach its folder inside.
  const tmp = () => {
    if (!dir) {
      dir = mkdtempSync(path.join(os.tmpdir(), 'argus-services-'));
      chmodSync(dir, 0o755);
    }
    return dir;
  };
  if (!process.env[SERVICE_ENV.postgres] && postgresBinDir()) {
    try {
      const pg: PostgresServer = await startPostgres(path.join(tmp(), 'postgres'));
      process.env[SERVICE_ENV.postgres] = pg.url;
      stops.push(() => pg.stop('immediate'));
    } catch (error) {
      process.stderr.write(`global setup: could not start PostgreSQL: ${(error as Error).message}\n`);
    }
  }
  if (!process.env[SERVICE_ENV.nats] && natsServerBin()) {
    try {
      const nats: NatsServer = await startNats(path.join(tmp(), 'nats'));
      process.env[SERVICE_ENV.nats] = nats.url;
      stops.push(() => nats.stop('kill'));
    } catch (error) {
      process.stderr.write(`global setup: could not start nats-server: ${(error as Error).message}\n`);
    }
  }
  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
