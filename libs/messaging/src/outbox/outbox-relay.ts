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
import { subjects } from '@qollqa/contracts';
import { DataSource } from 'typeorm';
import { messagingMetrics } from '../metrics';
import { connectNats } from '../nats/nats-connection';

const BATCH_SIZE = 200;
const IDLE_POLL_MS = 100;
const MAX_BACKOFF_MS = 5000;

interface OutboxRow {
  seq: string;
  event_id: string;
  type: string;
  envelope: unknown;
}

/**
 * Publishes the outbox to JetStream. Rows are claimed with FOR UPDATE SKIP LOCKED (so replicas share
 * the work) by their status, never by "seq above the last one sent": a row can commit after a row
 * with a higher seq. Each event is published with its id as the message id, so a publish repeated
 * after a crash is dropped by JetStream's de-duplication; rows are marked sent only after the ack.
 * When NATS is down the rows simply stay pending and the relay retries with a backoff.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private connection?: NatsConnection;
  private js?: JetStreamClient;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await connectNats(this.config.natsServers, `${this.config.service}-outbox`);
    this.js = jetstream(this.connection, { timeout: 5000 });
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await this.connection?.close();
  }

  /** Asks the relay to look at the outbox now rather than at its next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Publishes one batch; returns how many events were published. */
  async publishBatch(): Promise<number> {
    const js = this.js;
    if (!js) throw new Error('Outbox relay is not started');
    let failure: unknown;
    const published = await this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT seq, event_id, type, envelope FROM outbox WHERE status = 'pending'
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      const sent: string[] = [];
      for (const row of rows) {
        try {
          // A duplicate ack (the event was published before a crash) counts as sent too.
          await js.publish(
            subjects.event(this.config.natsPrefix, row.type),
            JSON.stringify(row.envelope),
            {
              msgID: row.event_id,
            },
          );
          sent.push(row.seq);
        } catch (err) {
          failure = err;
          await manager.query(
            'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = $1',
            [row.seq, String((err as Error)?.message ?? err).slice(0, 500)],
          );
          break;
        }
      }
      if (sent.length > 0) {
        await manager.query(
          `UPDATE outbox SET status = 'sent', sent_at = now() WHERE seq = ANY($1::bigint[])`,
          [sent],
        );
      }
      return sent.length;
    });
    if (published > 0) messagingMetrics.published.inc({ service: this.config.service }, published);
    if (failure) throw failure;
    return published;
  }

  /** Number of events not yet published. */
  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`,
    );
    return row.n;
  }

  private async run(): Promise<void> {
    let backoffMs = 0;
    while (this.running) {
      try {
        const published = await this.publishBatch();
        backoffMs = 0;
        if (published === BATCH_SIZE) continue;
        messagingMetrics.pending.set({ service: this.config.service }, 0);
        await this.sleep(IDLE_POLL_MS);
      } catch (err) {
        backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(200, backoffMs * 2));
        if (this.running) {
          this.logger.warn(`Outbox relay could not publish (retrying in ${backoffMs} ms): ${err}`);
        }
        await this.sleep(backoffMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
