import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { JetStreamServer, OutboxRelay, OutboxService } from '@qollqa/messaging';
import { dropDatabase, serviceDataSourceOptions } from '@qollqa/persistence';
import { attachTransport, closeServiceApp } from '@qollqa/platform';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { eventually } from '../support/eventually';
import { testDatabaseUrl, uniqueName } from '../support/test-env';
import { prepareProbeDatabase, PROBE_EVENT, ProbeModule, ProbeWriter } from './probe/probe.module';

/** A poll so rare that no event in this suite can have been published by it. */
const NEVER_MS = 24 * 3600 * 1000;

/**
 * The relay publishes when a transaction that wrote to the outbox commits, not at its next poll:
 * woken in its own process after the commit, and from another process (a replica writing on the
 * same schema) by NOTIFY. Its poll is made a day long here, so an event that reaches the consumer
 * was published because of a wake.
 */
describe('Outbox relay: woken by the commit, not by its poll', () => {
  const databaseUrl = testDatabaseUrl(uniqueName('qollqa_test_relay_wake'));
  const prefix = uniqueName('relaywake');
  let db: Pool;
  let app: NestFastifyApplication;
  let relay: OutboxRelay;

  const effects = async (eventId: string) =>
    (await db.query('SELECT value FROM probe_effect WHERE event_id = $1', [eventId])).rows;
  const outboxStatus = async (eventId: string) =>
    (await db.query('SELECT status FROM outbox WHERE event_id = $1', [eventId])).rows[0]?.status;

  beforeAll(async () => {
    db = await prepareProbeDatabase(databaseUrl, prefix);
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), {
      logger: false,
    });
    attachTransport(
      app,
      new JetStreamServer({
        servers: [process.env.NATS_URL ?? 'nats://127.0.0.1:4222'],
        prefix,
        consumer: 'probe',
        ackWaitMs: 5000,
      }),
    );
    await app.init();
    await app.startAllMicroservices();
    relay = app.get(OutboxRelay);
    // The relay listens on the schema's channel before the suite writes anything.
    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "outbox_probe"'`,
      );
      expect(rows).toHaveLength(1);
    });
  });

  afterAll(async () => {
    if (app) await closeServiceApp(app);
    await db?.end();
    await dropDatabase(databaseUrl);
  });

  beforeEach(async () => {
    relay.pollEvery(NEVER_MS);
    await relay.whenAsleep();
  });

  it('publishes an event as soon as the transaction that wrote it commits, in the same process', async () => {
    const eventId = await app.get(ProbeWriter).record({ value: 1 });
    await eventually(async () => expect(await effects(eventId)).toEqual([{ value: 1 }]));
    expect(await outboxStatus(eventId)).toBe('sent');
  });

  it('publishes the events of many transactions committed together, each once', async () => {
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) => app.get(ProbeWriter).record({ value: 100 + i })),
    );
    await eventually(async () => {
      const { rows } = await db.query(
        'SELECT count(*)::int AS effects, count(DISTINCT event_id)::int AS events FROM probe_effect WHERE event_id = ANY($1)',
        [ids],
      );
      expect(rows[0]).toEqual({ effects: 50, events: 50 });
    });
  });

  it('is woken by NOTIFY when another process (a replica) commits an event on the same schema', async () => {
    // A replica: the same schema, its own connections, no relay of its own in this process.
    const replica = new DataSource(
      serviceDataSourceOptions({ databaseUrl, schema: 'probe', entities: [], migrations: [] }),
    );
    await replica.initialize();
    try {
      const event = await replica.transaction((manager) =>
        new OutboxService().add(manager, {
          type: PROBE_EVENT,
          aggregateId: randomUUID(),
          aggregateVersion: 1,
          payload: { value: 2 },
        }),
      );
      await eventually(async () => expect(await effects(event.id)).toEqual([{ value: 2 }]));
    } finally {
      await replica.destroy();
    }
  });
});
