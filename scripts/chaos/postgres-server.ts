import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

/**
 * A PostgreSQL server of the fault run's own: initdb in a temporary folder, its own port (below the
 * ephemeral range, so a restart gets it back), so it can be stopped, killed and started again
 * without touching the machine's server. Its data survives every restart and crash, like a real
 * one's. PostgreSQL refuses to run as root: as root, its binaries run as the `postgres` user.
 */
export class PostgresServer {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'qollqa-chaos-pg-'));
  private process?: ChildProcess;
  port = 0;

  /** The URL of database `database` on this server. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) {
      this.port = await freePort();
      execFileSync(
        ...this.ownerCommand('initdb', [
          '-D',
          this.dataDir,
          '-U',
          'postgres',
          '-A',
          'trust',
          '--no-sync',
        ]),
        { stdio: 'ignore' },
      );
    }
    // After a crash the killed postmaster's backends may hold its shared memory for a moment: the
    // new postmaster refuses to start until they are gone, so it is tried again.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const child = this.spawnPostmaster();
      if (await this.readyOrExited(child)) return;
      if (Date.now() > deadline) throw new Error('PostgreSQL did not start again within 30 s');
      await sleep(300);
    }
  }

  /** A fast shutdown (clients are disconnected, as at a restart or a failover). */
  stop(): Promise<void> {
    return this.signal('SIGINT');
  }

  /** A crash: the postmaster is killed; the next start recovers from the WAL. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  async dispose(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private spawnPostmaster(): ChildProcess {
    const child = spawn(
      ...this.ownerCommand('postgres', [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-k',
        this.dataDir,
        '-c',
        'listen_addresses=127.0.0.1',
        // The operating system survives every fault here (only processes die), so what PostgreSQL
        // wrote is in its page cache: fsync adds nothing to what is tested but time.
        '-c',
        'fsync=off',
        '-c',
        'max_connections=300',
      ]),
      { stdio: 'ignore' },
    );
    this.process = child;
    return child;
  }

  /** true once the server answers; false if it exited first (to be started again). */
  private async readyOrExited(child: ChildProcess): Promise<boolean> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) return false;
      if (Date.now() > deadline) throw new Error('PostgreSQL did not accept connections in 60 s');
      const client = new Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        await sleep(100);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  /**
   * Signals the postmaster itself (named in postmaster.pid: under runuser the spawned process is
   * runuser's, which passes no signal on) and waits until the server is gone.
   */
  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    const pidFile = join(this.dataDir, 'postmaster.pid');
    if (existsSync(pidFile)) {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), signal);
    } else {
      child.kill(signal);
    }
    await exited;
  }

  /** The command that runs a PostgreSQL binary as the data folder's owner. */
  private ownerCommand(binary: string, args: string[]): [string, string[]] {
    if (process.getuid?.() !== 0) return [binary, args];
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(this.dataDir, uid, gid);
    return ['runuser', ['-u', 'postgres', '--', binary, ...args]];
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
