import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { jetstream, JetStreamClient } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { STATE_ANNOUNCEMENTS, subjects } from '@qollqa/contracts';
import { Client, PoolClient, QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { messagingMetrics } from '../metrics';
import { connectNats } from '../nats/nats-connection';
import { outboxChannel, wakeAfterOutboxCommits } from './outbox-wake';

const BATCH_SIZE = 200;
/** A fallback: a relay is woken when an outbox write commits (outbox-wake.ts). */
const IDLE_POLL_MS = 100;
const MAX_BACKOFF_MS = 5000;
/** What publishBatch answers when another replica's relay holds the outbox. */
const BUSY = -1;
/** How soon a relay that found another one publishing looks again. */
const BUSY_RETRY_MS = 25;
/** A pass that has not ended after this long is stuck (readiness). */
const STUCK_AFTER_MS = 30_000;
/** No pass succeeding for this long: the relay is failing (readiness). */
const FAILING_AFTER_MS = 60_000;
/** The advisory lock of a service's outbox (its schema), held for a pass's transaction. */
const RELAY_LOCK = `pg_try_advisory_xact_lock(hashtext('qollqa.relay'), hashtext(current_schema()))`;

interface OutboxRow {
  seq: string;
  event_id: string;
  type: string;
  envelope: unknown;
}

/**
 * The batch without the state announcements a newer one of the same aggregate in it replaces, and
 * which newer row replaces each of those (by seq).
 */
function withoutSupersededAnnouncements(rows: OutboxRow[]): {
  toPublish: OutboxRow[];
  superseded: Map<string, string>;
} {
  const newest = new Map<string, string>();
  const key = (row: OutboxRow) =>
    `${row.type} ${(row.envelope as { aggregateId?: string } | null)?.aggregateId}`;
  for (const row of rows) if (STATE_ANNOUNCEMENTS.includes(row.type)) newest.set(key(row), row.seq);
  const superseded = new Map<string, string>();
  const toPublish = rows.filter((row) => {
    const by = STATE_ANNOUNCEMENTS.includes(row.type) ? newest.get(key(row)) : undefined;
    if (by === undefined || by === row.seq) return true;
    superseded.set(row.seq, by);
    return false;
  });
  return { toPublish, superseded };
}

/**
 * Publishes the outbox to JetStream. Rows are claimed with FOR UPDATE SKIP LOCKED (so replicas share
 * the work) by their status, never by "seq above the last one sent": a row can commit after a row
 * with a higher seq. Each event is published with its id as the message id, so a publish repeated
 * after a crash is dropped by JetStream's de-duplication; rows are marked sent only after the ack.
 * A batch is published at once (in seq order on one connection) and its acks awaited together.
 * When NATS is down the rows simply stay pending and the relay retries with a backoff. Of a batch's
 * state announcements (STATE_ANNOUNCEMENTS) only the newest per aggregate is published; the ones it
 * supersedes are marked sent with it.
 *
 * The relay runs when a transaction that wrote to the outbox commits (outbox-wake.ts): woken in
 * this process right after the commit, or — when the committing process has no relay that can
 * publish — by a NOTIFY on the schema's channel, which it LISTENs to. It also polls, for rows
 * written by plain SQL and for a notification missed while its listening connection was down.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private connection?: NatsConnection;
  private js?: JetStreamClient;
  private running = false;
  private loop?: Promise<void>;
  private interruptSleep?: () => void;
  /** Set by wake(): the next pass starts at once, even if the wake came during a pass. */
  private woken = false;
  private idlePollMs = IDLE_POLL_MS;
  /** Waiting for a wake or the poll (not in a backoff after a failure). */
  private sleeping = false;
  /** The last pass failed (NATS out of reach): wakes go to the other replicas meanwhile. */
  private failing = false;
  private onAsleep: (() => void)[] = [];
  private stopWakingAfterCommits?: () => void;
  private listener?: Client;
  private passStartedAt?: number;
  private failingSince?: number;
  private listening?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await connectNats(this.config.natsServers, `${this.config.service}-outbox`);
    this.js = jetstream(this.connection, { timeout: 5000 });
    this.running = true;
    this.stopWakingAfterCommits = wakeAfterOutboxCommits(this.dataSource, () => {
      if (!this.running || this.failing) return false;
      this.wake();
      return true;
    });
    this.listening = this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.stopWakingAfterCommits?.();
    this.interruptSleep?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.listening;
    await this.connection?.close();
  }

  /** Asks the relay to look at the outbox now rather than at its next poll. */
  wake(): void {
    this.woken = true;
    // A backoff after a failure runs its course: a wake does not make the relay hammer NATS.
    if (this.sleeping) this.interruptSleep?.();
  }

  /** How long the relay waits between passes when nothing wakes it (tests make it long). */
  pollEvery(ms: number): void {
    this.idlePollMs = ms;
    this.wake();
  }

  /** Resolves once the relay has nothing to do and waits to be woken (or for its poll). */
  whenAsleep(): Promise<void> {
    if (this.sleeping) return Promise.resolve();
    return new Promise((resolve) => this.onAsleep.push(resolve));
  }

  /**
   * Publishes one batch; returns how many events were published, or BUSY when another replica's
   * relay is publishing this service's outbox right now.
   *
   * Two round trips a pass, on a connection of the pool: `BEGIN`, the lock and the claim sent as one
   * simple query; after the acks, the rows marked sent and `COMMIT` as another. (Through the ORM's
   * transaction a pass took five, and at a steady load a pass per event is the usual case.)
   */
  async publishBatch(): Promise<number> {
    const js = this.js;
    if (!js) throw new Error('Outbox relay is not started');
    const [client, release] = (await (
      this.dataSource.driver as PostgresDriver
    ).obtainMasterConnection()) as [PoolClient, (err?: unknown) => void];
    let failure: unknown;
    let published: number;
    // A connection the server ends while it is out of the pool (a PostgreSQL restart) emits an
    // error: unheard, it would end the process. Heard here, the pass fails and it is not reused.
    let lost: unknown;
    const onError = (err: unknown) => (lost = err);
    client.on('error', onError);
    try {
      published = await this.publishClaimed(client, js, (err) => (failure = err));
    } catch (err) {
      // The transaction is rolled back; a connection that cannot even do that is not reused.
      const broken =
        lost ??
        (await client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: unknown) => rollbackError,
        ));
      client.off('error', onError);
      release(broken);
      throw err;
    }
    client.off('error', onError);
    release(lost);
    if (published > 0) messagingMetrics.published.inc({ service: this.config.service }, published);
    if (failure) throw failure;
    return published;
  }

  /** One pass in `client`'s transaction, committed; rejected publishes are reported to `failed`. */
  private async publishClaimed(
    client: PoolClient,
    js: JetStreamClient,
    failed: (reason: unknown) => void,
  ): Promise<number> {
    // One relay of the service publishes at a time: two replicas' relays claiming batches side by
    // side (SKIP LOCKED) would put a later event in the stream before an earlier one. The claim asks
    // for the lock again (a lock already held is granted again), so it claims nothing unless alone.
    const results = (await client.query(
      `BEGIN;
       SELECT ${RELAY_LOCK} AS alone;
       SELECT seq, event_id, type, envelope FROM outbox WHERE (SELECT ${RELAY_LOCK}) AND status = 'pending'
       ORDER BY seq LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
    )) as unknown as QueryResult[];
    const alone = (results[1].rows[0] as { alone: boolean }).alone;
    const rows = results[2].rows as OutboxRow[];
    if (!alone) {
      await client.query('ROLLBACK');
      return BUSY;
    }
    const { toPublish, superseded } = withoutSupersededAnnouncements(rows);
    // Sent in seq order on one connection, so the stream keeps that order; a duplicate ack (the
    // event was published before a crash) counts as sent too.
    const acks = await Promise.allSettled(
      toPublish.map((row) =>
        js.publish(subjects.event(this.config.natsPrefix, row.type), JSON.stringify(row.envelope), {
          msgID: row.event_id,
        }),
      ),
    );
    const sent = toPublish.filter((_, i) => acks[i].status === 'fulfilled').map((row) => row.seq);
    const rejected = toPublish
      .filter((_, i) => acks[i].status === 'rejected')
      .map((row) => row.seq);
    const publishedCount = sent.length;
    // A superseded announcement goes with the newer one that was published, or stays for the next pass.
    for (const [seq, by] of superseded) if (sent.includes(by)) sent.push(seq);
    if (rejected.length > 0) {
      const reason = (acks.find((ack) => ack.status === 'rejected') as PromiseRejectedResult)
        .reason;
      failed(reason);
      await client.query(
        'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])',
        [rejected, String((reason as Error)?.message ?? reason).slice(0, 500)],
      );
    }
    // seq values are the table's own bigints (digits only), so they can be written into the text.
    // The commit does not wait for its WAL flush: a mark lost in a crash leaves the rows pending, and
    // publishing them again is harmless (the stream drops a repeated message id; consumers dedupe).
    await client.query(
      sent.length > 0
        ? `SET LOCAL synchronous_commit = off;
           UPDATE outbox SET status = 'sent', sent_at = now() WHERE seq = ANY('{${sent.join(',')}}'::bigint[]);
           COMMIT`
        : 'SET LOCAL synchronous_commit = off; COMMIT',
    );
    return publishedCount;
  }

  /** Number of events not yet published. */
  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`,
    );
    return row.n;
  }

  /**
   * Whether the relay does its work: null when it does, else why not (GET /health/ready). Stuck is
   * a pass that has not ended for 30 s (a publish or a query that hangs); failing is no pass
   * succeeding for a minute (NATS or the stream unreachable).
   */
  problem(): string | null {
    const now = Date.now();
    if (this.passStartedAt !== undefined && now - this.passStartedAt > STUCK_AFTER_MS) {
      return `the outbox relay has been stuck in one pass for ${Math.round((now - this.passStartedAt) / 1000)} s`;
    }
    if (this.failingSince !== undefined && now - this.failingSince > FAILING_AFTER_MS) {
      return `the outbox relay has not published for ${Math.round((now - this.failingSince) / 1000)} s`;
    }
    return null;
  }

  private async run(): Promise<void> {
    let backoffMs = 0;
    while (this.running) {
      this.woken = false;
      this.passStartedAt = Date.now();
      try {
        const published = await this.publishBatch();
        this.passStartedAt = undefined;
        if (published === BUSY) {
          // The other relay publishes; look again shortly (a row it had not seen yet may wait).
          await this.sleep(BUSY_RETRY_MS, false);
          continue;
        }
        backoffMs = 0;
        this.failing = false;
        this.failingSince = undefined;
        if (published === BATCH_SIZE) continue;
        messagingMetrics.pending.set({ service: this.config.service }, 0);
        await this.sleep(this.idlePollMs, true);
      } catch (err) {
        this.passStartedAt = undefined;
        this.failing = true;
        this.failingSince ??= Date.now();
        backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(200, backoffMs * 2));
        if (this.running) {
          this.logger.warn(`Outbox relay could not publish (retrying in ${backoffMs} ms): ${err}`);
        }
        await this.sleep(backoffMs, false);
      }
    }
  }

  /**
   * Waits `ms`; a wakeable wait ends early when woken (also by a wake that came while the last
   * pass ran). Shutdown ends either.
   */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if ((wakeable && this.woken) || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeping = false;
        this.interruptSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interruptSleep = done;
      if (!wakeable) return;
      this.sleeping = true;
      for (const notify of this.onAsleep.splice(0)) notify();
    });
  }

  /**
   * LISTEN on the schema's outbox channel on a connection of its own, so that a commit in another
   * replica wakes this relay; reconnects with a backoff while the relay runs (the poll covers the
   * gap, and a pass runs after each reconnection).
   */
  private async listen(): Promise<void> {
    const { url, schema } = this.dataSource.options as { url?: string; schema?: string };
    if (!url || !schema) return;
    let backoffMs = 200;
    while (this.running) {
      const client = new Client({ connectionString: url });
      this.listener = client;
      const lost = new Promise<unknown>((resolve) => {
        client.on('error', resolve);
        client.on('end', () => resolve(undefined));
      });
      try {
        await client.connect();
        client.on('notification', () => this.wake());
        await client.query(`LISTEN "${outboxChannel(schema).replace(/"/g, '""')}"`);
        backoffMs = 200;
        this.wake();
        const reason = await lost;
        if (this.running) this.logger.warn(`Outbox relay stopped listening: ${reason ?? 'ended'}`);
      } catch (err) {
        if (this.running) this.logger.warn(`Outbox relay could not listen: ${err}`);
      }
      this.listener = undefined;
      await client.end().catch(() => undefined);
      if (!this.running) return;
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }
  }
}
