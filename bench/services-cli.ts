/**
 * `npm run services [start|stop|status] [--dir D]`: private PostgreSQL and NATS JetStream servers on
 * loopback for a developer's machine, as `.ci/run` starts them for the tests. `start` prints the two
 * environment variables the tests, `argus detect --store` and `argus ingest --bus` use:
 *
 *   eval "$(npm run -s services start)"   # ARGUS_POSTGRES_URL and ARGUS_NATS_URL
 *   npm run services stop
 *
 * Data lives in `.argus/services` (--dir), ports are fixed (PostgreSQL 54329, NATS 42229; --pg-port,
 * --nats-port) so that a second `start` finds the running servers.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { postgresBinDir, SERVICE_ENV, startNats, startPostgres } from './services.js';
import { execFileSync } from 'node:child_process';

const argv = process.argv.slice(2);
const value = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const action = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'start';
const dir = path.resolve(value('--dir', path.join('.argus', 'services')));
const pgPort = Number(value('--pg-port', '54329'));
const natsPort = Number(value('--nats-port', '42229'));
const natsDir = path.join(dir, 'nats');
const pidFile = path.join(natsDir, 'nats.pid');
const say = (m: string) => process.stderr.write(`services: ${m}\n`);

const natsPid = (): number | null => {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
};

if (action === 'start') {
  const pg = await startPostgres(path.join(dir, 'postgres'), pgPort);
  say(`PostgreSQL on 127.0.0.1:${pg.port} (data ${pg.dataDir})`);
  if (natsPid() === null) await startNats(natsDir, { port: natsPort, detached: true });
  say(`NATS JetStream on 127.0.0.1:${natsPort} (pid ${natsPid() ?? '?'})`);
  process.stdout.write(`export ${SERVICE_ENV.postgres}=${pg.url}\nexport ${SERVICE_ENV.nats}=nats://127.0.0.1:${natsPort}\n`);
} else if (action === 'stop') {
  const bin = postgresBinDir();
  const pgdata = path.join(dir, 'postgres', 'pgdata');
  if (bin && existsSync(pgdata)) {
    const root = process.getuid?.() === 0;
    try {
      execFileSync(root ? 'runuser' : path.join(bin, 'pg_ctl'), [...(root ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl')] : []), 'stop', '-w', '-D', pgdata, '-m', 'fast'], { stdio: 'ignore' });
      say('PostgreSQL stopped');
    } catch {
      say('PostgreSQL was not running');
    }
  }
  const pid = natsPid();
  if (pid !== null) {
    process.kill(pid, 'SIGTERM');
    say(`NATS (pid ${pid}) stopped`);
  }
} else if (action === 'status') {
  say(`NATS: ${natsPid() === null ? 'not running' : `pid ${natsPid()}`}`);
} else {
  say(`unknown action ${action}: start, stop or status`);
  process.exitCode = 2;
}
