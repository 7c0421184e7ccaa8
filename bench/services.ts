/**
 * Private PostgreSQL and NATS (JetStream) servers on loopback, under a data folder: what the tests' global
 * setup, the fault tests, `npm run bench:scale` and `npm run services` start. Debian's binaries
 * (`postgresql` 15 under /usr/lib/postgresql/<v>/bin, `nats-server`), never a download.
 *
 * PostgreSQL refuses to run as root: as root, the cluster's folder is given to the `postgres` user and its
 * commands run through `runuser`. Trust authentication on 127.0.0.1 only (a private, loopback cluster).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest Debian PostgreSQL bin folder, or null when none is installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** The nats-server binary, or null. */
export function natsServerBin(): string | null {
  for (const p of ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']) if (existsSync(p)) return p;
  return null;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL command, as `postgres` when we are root. */
async function pgRun(bin: string, args: string[]): Promise<string> {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const { stdout } = await run(cmd, argv, { maxBuffer: 16 << 20 });
  return stdout;
}

function chownToPostgres(dir: string): void {
  if (!isRoot()) return;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = passwd?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root and there is no postgres user to run PostgreSQL as');
  chownSync(dir, Number(uid), Number(gid));
}

export interface PostgresServer {
  /** `postgres://argus@127.0.0.1:<port>/argus` */
  url: string;
  port: number;
  dataDir: string;
  /** A URL to another database of the same server. */
  urlOf(database: string): string;
  /** Stops the server (`fast`: finishes cleanly; `immediate`: like a crash, recovery at the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data (after `stop`). */
  start(): Promise<void>;
}

/**
 * Starts (initialising it on first use) a private cluster in `dir` on `port` (default: a free one) with a
 * database `argus`. A cluster already running in `dir` is reused.
 */
export async function startPostgres(dir: string, port?: number): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  mkdirSync(dir, { recursive: true });
  chownToPostgres(dir);
  const dataDir = path.join(dir, 'pgdata');
  const portFile = path.join(dir, 'port');
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    chownToPostgres(dataDir);
    await pgRun(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'argus', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  }
  const chosen = port ?? (existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : await freePort());
  writeFileSync(portFile, String(chosen));
  const ctl = path.join(bin, 'pg_ctl');
  const running = async () => {
    try {
      await pgRun(ctl, ['status', '-D', dataDir]);
      return true;
    } catch {
      return false;
    }
  };
  const start = async () => {
    if (await running()) return;
    // fsync off: a private test cluster trades durability across power cuts for speed (a crash of the server
    // process alone, as the fault tests do, loses nothing committed).
    const opts = `-c listen_addresses=127.0.0.1 -p ${chosen} -k ${dataDir} -c fsync=off -c synchronous_commit=on -c full_page_writes=off -c max_connections=200`;
    await pgRun(ctl, ['start', '-w', '-t', '60', '-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-o', opts]);
  };
  await start();
  const base = `postgres://argus@127.0.0.1:${chosen}`;
  const psql = path.join(bin, 'psql');
  const exists = await pgRun(psql, ['-h', '127.0.0.1', '-p', String(chosen), '-U', 'argus', '-d', 'postgres', '-tAc', "SELECT 1 FROM pg_database WHERE datname = 'argus'"]);
  if (exists.trim() !== '1') await pgRun(psql, ['-h', '127.0.0.1', '-p', String(chosen), '-U', 'argus', '-d', 'postgres', '-c', 'CREATE DATABASE argus']);
  return {
    url: `${base}/argus`,
    port: chosen,
    dataDir,
    urlOf: (database) => `${base}/${database}`,
    async stop(mode = 'fast') {
      if (await running()) await pgRun(ctl, ['stop', '-w', '-D', dataDir, '-m', mode]);
    },
    start,
  };
}

export interface NatsServer {
  /** `nats://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops the server (`kill`: SIGKILL, like a crash). */
  stop(mode?: 'term' | 'kill'): Promise<void>;
  /** Starts it again on the same port and JetStream folder. */
  start(): Promise<void>;
  pid(): number | undefined;
}

function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      import('node:net').then(({ connect }) => {
        const s = connect(port, '127.0.0.1');
        s.once('connect', () => {
          s.destroy();
          resolve();
        });
        s.once('error', () => {
          s.destroy();
          if (Date.now() > deadline) reject(new Error(`nothing listens on 127.0.0.1:${port}`));
          else setTimeout(attempt, 50);
        });
      }, reject);
    };
    attempt();
  });
}

/**
 * Starts nats-server with JetStream (its store in `dir`) on `port` (default: a free one). `detached`: the
 * server outlives this process (for `npm run services`; stop it with its pid file `dir/nats.pid`).
 */
export async function startNats(dir: string, options: { port?: number; detached?: boolean } = {}): Promise<NatsServer> {
  const bin = natsServerBin();
  if (!bin) throw new Error('nats-server is not installed (apt-get install nats-server)');
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const pidFile = path.join(dir, 'nats.pid');
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', path.join(dir, 'jetstream'), '-P', pidFile, '-l', path.join(dir, 'nats.log')], {
      stdio: 'ignore',
      detached: options.detached === true,
    });
    if (options.detached) child.unref();
    await waitForPort(port);
  };
  await start();
  const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    pid: () => child?.pid,
    async stop(mode = 'term') {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      c.kill(mode === 'kill' ? 'SIGKILL' : 'SIGTERM');
      await exited(c);
    },
    start,
  };
}

/** The environment variables the tests and tools read the services' addresses from. */
export const SERVICE_ENV = { postgres: 'ARGUS_POSTGRES_URL', nats: 'ARGUS_NATS_URL' } as const;

/** `postgres://…/db` with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}

/** Creates a fresh database on the server of `url`; returns its URL. */
export async function freshDatabase(url: string, prefix = 'argus_t'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

