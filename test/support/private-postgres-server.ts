import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './private-nats-server';

/**
 * A PostgreSQL server that one suite owns (initdb in a temporary folder, its own port), so it can
 * stop and restart it — an outage, a crash — without touching the machine's server. Its data
 * survives a restart, like a real one's. As root it runs as the `postgres` user (PostgreSQL refuses
 * root).
 */
export class PrivatePostgresServer {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'qollqa-pg-'));
  private process?: ChildProcess;
  port = 0;

  /** The URL of database `database` on this server. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) {
      this.port = await freePort();
      this.asOwner('initdb', ['-D', this.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
    }
    this.process = spawn(
      ...this.ownerCommand('postgres', [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-k',
        this.dataDir,
        '-c',
        'listen_addresses=127.0.0.1',
        // A test server: its durability is not what is tested, its speed matters.
        '-c',
        'fsync=off',
        '-c',
        'max_connections=200',
      ]),
      { stdio: 'ignore' },
    );
    await this.waitUntilReady();
  }

  /** A fast shutdown (clients are disconnected, as at a restart or a failover). */
  async stop(): Promise<void> {
    await this.signal('SIGINT');
  }

  /** A crash: the server is killed and recovers from its WAL at the next start. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /**
   * Signals the postmaster itself (named in its postmaster.pid: under runuser the spawned process
   * is runuser's, which does not pass signals on) and waits for the server to be gone.
   */
  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const pid = Number(readFileSync(join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, signal);
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const client = new Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  private asOwner(binary: string, args: string[]): void {
    const [command, commandArgs] = this.ownerCommand(binary, args);
    execFileSync(command, commandArgs, { stdio: 'ignore' });
  }

  /** The command that runs a PostgreSQL binary as the data folder's owner. */
  private ownerCommand(binary: string, args: string[]): [string, string[]] {
    if (process.getuid?.() !== 0) return [binary, args];
    const { uid, gid } = postgresUser();
    chownSync(this.dataDir, uid, gid);
    return ['runuser', ['-u', 'postgres', '--', binary, ...args]];
  }
}

function postgresUser(): { uid: number; gid: number } {
  const [uid, gid] = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    .trim()
    .concat(' ', execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    .split(' ')
    .map(Number);
  return { uid, gid };
}
