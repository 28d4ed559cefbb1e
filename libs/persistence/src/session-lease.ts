import { Client } from 'pg';

/** The first key of every lease: its own space among the advisory locks. */
const LEASES = 'qollqa.lease';
/** How often a held lease's connection is checked (a silent network loss is found within this). */
const CHECK_EVERY_MS = 5000;

/**
 * A lease that one process at a time holds across replicas: a session advisory lock on a connection
 * of its own, held for as long as that connection lives. A process that dies, or loses its
 * connection (PostgreSQL restarted, the network cut), loses the lease with it, and another replica
 * can take it at its next try; `onLost` tells the holder to stop at once.
 */
export class SessionLease {
  private client?: Client;
  private check?: NodeJS.Timeout;
  /** Called once when a held lease is lost (not when it is released). */
  onLost?: () => void;

  constructor(
    private readonly databaseUrl: string,
    private readonly name: string,
  ) {}

  get isHeld(): boolean {
    return this.client !== undefined;
  }

  /** Takes the lease if nobody holds it; true when this process holds it (now or already). */
  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      const { rows } = await client.query(
        'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS held',
        [LEASES, this.name],
      );
      if (!rows[0].held) {
        await client.end();
        return false;
      }
      this.client = client;
      this.check = setInterval(() => {
        client.query('SELECT 1').catch(() => this.lost(client));
      }, CHECK_EVERY_MS);
      this.check.unref();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      return false;
    }
  }

  /** Gives the lease up (closing its connection frees the lock). */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    clearInterval(this.check);
    await client?.end().catch(() => undefined);
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.check);
    void client.end().catch(() => undefined);
    this.onLost?.();
  }
}
