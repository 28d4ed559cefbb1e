import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { subjects } from '@qollqa/contracts';
import { JetStreamServer, OutboxRelay } from '@qollqa/messaging';
import { dropDatabase, ensureDatabase } from '@qollqa/persistence';
import { attachTransport, closeServiceApp } from '@qollqa/platform';
import { Pool } from 'pg';
import { testPool } from '../support/test-pool';
import { eventually } from '../support/eventually';
import { PrivateNatsServer } from '../support/private-nats-server';
import { testDatabaseUrl, uniqueName } from '../support/test-env';
import { PROBE_EVENT, ProbeModule, ProbeWriter } from './probe/probe.module';

/**
 * The guarantees money relies on: nothing lost (outbox, NATS outages, restarts), nothing twice
 * (duplicate publishes, redeliveries), and a bad event never blocks the rest (dead letters).
 */
describe('Event backbone: outbox → JetStream → idempotent consumer', () => {
  const nats = new PrivateNatsServer();
  const databaseUrl = testDatabaseUrl(uniqueName('qollqa_test_backbone'));
  const prefix = 'probe';
  let db: Pool;
  let app: NestFastifyApplication | undefined;
  let client: NatsConnection;

  async function startProbe(): Promise<NestFastifyApplication> {
    const probe = await NestFactory.create<NestFastifyApplication>(
      ProbeModule,
      new FastifyAdapter(),
      { logger: false },
    );
    attachTransport(
      probe,
      new JetStreamServer({
        servers: [nats.url],
        prefix,
        consumer: 'probe',
        maxDeliver: 5,
        retryDelayMs: 100,
        ackWaitMs: 5000,
      }),
    );
    await probe.init();
    await probe.startAllMicroservices();
    return probe;
  }

  const effects = async (eventId: string) =>
    (await db.query('SELECT value, delivery FROM probe_effect WHERE event_id = $1', [eventId]))
      .rows;
  const outboxStatus = async (eventId: string) =>
    (await db.query('SELECT status FROM probe.outbox WHERE event_id = $1', [eventId])).rows[0]
      ?.status;
  const writer = () => app!.get(ProbeWriter);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    await nats.start();
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      NATS_URL: nats.url,
      NATS_PREFIX: prefix,
      DATABASE_POOL_SIZE: '4',
      LOG_LEVEL: 'silent',
    });
    await ensureDatabase(databaseUrl);
    db = testPool(databaseUrl, { max: 2, options: '-c search_path=probe' });
    app = await startProbe();
    client = await connect({ servers: nats.url, maxReconnectAttempts: -1 });
  });

  afterAll(async () => {
    if (app) await closeServiceApp(app);
    await client?.close();
    await db?.end();
    await nats.destroy();
    await dropDatabase(databaseUrl);
  });

  it('delivers an event once the relay runs, even when NATS was down when it was written', async () => {
    await client.close();
    await nats.stop();
    const eventId = await writer().record({ value: 1 });
    // Written with the change, waiting: nothing published, nothing lost.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await outboxStatus(eventId)).toBe('pending');
    expect(await effects(eventId)).toEqual([]);

    await nats.start();
    client = await connect({ servers: nats.url, maxReconnectAttempts: -1 });
    await eventually(
      async () => expect(await effects(eventId)).toEqual([{ value: 1, delivery: 1 }]),
      30_000,
    );
    expect(await outboxStatus(eventId)).toBe('sent');
  });

  it('drops a publish repeated after a crash (same message id): one effect', async () => {
    const eventId = await writer().record({ value: 2 });
    await eventually(async () => expect(await effects(eventId)).toHaveLength(1));
    // The relay published, then died before marking the row sent: it publishes the event again.
    await db.query(`UPDATE outbox SET status = 'pending' WHERE event_id = $1`, [eventId]);
    await eventually(async () => expect(await outboxStatus(eventId)).toBe('sent'));
    const [row] = (await db.query('SELECT envelope FROM outbox WHERE event_id = $1', [eventId]))
      .rows;
    const ack = await jetstream(client).publish(
      subjects.event(prefix, PROBE_EVENT),
      JSON.stringify(row.envelope),
      { msgID: eventId },
    );
    expect(ack.duplicate).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await effects(eventId)).toHaveLength(1);
  });

  it('gives one effect when the same event arrives again outside the de-duplication window', async () => {
    const eventId = await writer().record({ value: 3 });
    await eventually(async () => expect(await effects(eventId)).toHaveLength(1));
    const [row] = (await db.query('SELECT envelope FROM outbox WHERE event_id = $1', [eventId]))
      .rows;
    // A different message id: JetStream stores it again, only the consumer's inbox can tell.
    await jetstream(client).publish(
      subjects.event(prefix, PROBE_EVENT),
      JSON.stringify(row.envelope),
      { msgID: `${eventId}-again` },
    );
    const marker = await writer().record({ value: 33 });
    await eventually(async () => expect(await effects(marker)).toHaveLength(1));
    expect(await effects(eventId)).toEqual([{ value: 3, delivery: 1 }]);
  });

  it('gives one effect when an event is redelivered after its effect committed but before its ack', async () => {
    const eventId = await writer().record({ value: 4, failAfterCommit: true });
    const marker = await writer().record({ value: 44 });
    await eventually(async () => expect(await effects(marker)).toHaveLength(1));
    // Delivered at least twice (the first was nak'ed), applied once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await effects(eventId)).toEqual([{ value: 4, delivery: 1 }]);
  });

  it('retries a handler that fails for a while, then applies the event once', async () => {
    const eventId = await writer().record({ value: 5, failTimes: 2 });
    await eventually(async () =>
      expect(await effects(eventId)).toEqual([{ value: 5, delivery: 3 }]),
    );
  });

  it('resumes where it stopped when the consumer is restarted mid-stream, losing and repeating nothing', async () => {
    // All written at once, each taking the consumer 50 ms: it is stopped well before the last.
    const ids = await writer().recordAll(
      Array.from({ length: 300 }, (_, i) => ({ value: 1000 + i, delayMs: 50 })),
    );
    const applied = async () =>
      Number(
        (await db.query('SELECT count(*) AS n FROM probe_effect WHERE event_id = ANY($1)', [ids]))
          .rows[0].n,
      );
    await eventually(async () => expect(await applied()).toBeGreaterThanOrEqual(30), 30_000, 5);
    await closeServiceApp(app!);
    app = undefined;
    const atStop = await applied();
    expect(atStop).toBeLessThan(300);

    app = await startProbe();
    await eventually(async () => expect(await applied()).toBe(300), 60_000);
    const { rows } = await db.query(
      'SELECT count(DISTINCT event_id) AS distinct_events, count(*) AS effects FROM probe_effect WHERE event_id = ANY($1)',
      [ids],
    );
    expect(rows[0]).toEqual({ distinct_events: '300', effects: '300' });
  });

  describe('dead letters', () => {
    const lastDeadLetter = async (type: string) => {
      const jsm = await jetstreamManager(client);
      const message = await jsm.streams.getMessage(subjects.deadLetterStream(prefix), {
        last_by_subj: subjects.deadLetter(prefix, 'probe', type),
      });
      return message?.json<{
        reason: string;
        deliveryCount: number;
        event: { id?: string } | string;
      }>();
    };

    it('sends an event that fails validation to the dead-letter subject at once, and goes on with the next', async () => {
      const poison = await writer().record({ value: 'not a number' });
      const next = await writer().record({ value: 6 });
      await eventually(async () => expect(await effects(next)).toHaveLength(1));
      const dead = await eventually(async () => {
        const letter = await lastDeadLetter(PROBE_EVENT);
        expect((letter?.event as { id: string }).id).toBe(poison);
        return letter!;
      });
      expect(dead.reason).toMatch(/value must be an integer/);
      expect(dead.deliveryCount).toBe(1);
      expect(await effects(poison)).toEqual([]);
    });

    it('dead-letters an event that still fails after 5 deliveries', async () => {
      const stubborn = await writer().record({ value: 7, failTimes: 99 });
      const dead = await eventually(async () => {
        const letter = await lastDeadLetter(PROBE_EVENT);
        expect((letter?.event as { id: string }).id).toBe(stubborn);
        return letter!;
      }, 20_000);
      expect(dead.deliveryCount).toBe(5);
      expect(dead.reason).toMatch(/simulated failure on delivery 5/);
      expect(await effects(stubborn)).toEqual([]);
    });

    it('dead-letters a message that is not an event at all', async () => {
      await jetstream(client).publish(subjects.event(prefix, 'probe.garbage'), 'this is not json');
      const dead = await eventually(async () => {
        const letter = await lastDeadLetter('unreadable');
        expect(letter).toBeDefined();
        return letter!;
      });
      expect(dead.reason).toMatch(/unreadable event/);
      expect(dead.event).toBe('this is not json');
    });
  });

  it('relays in parallel from two replicas without losing or repeating an event', async () => {
    const replica = await NestFactory.create<NestFastifyApplication>(
      ProbeModule,
      new FastifyAdapter(),
      { logger: false },
    );
    await replica.init();
    try {
      const ids = await Promise.all(
        Array.from({ length: 100 }, (_, i) => writer().record({ value: 5000 + i })),
      );
      await eventually(async () => {
        const { rows } = await db.query(
          'SELECT count(*) AS n FROM probe_effect WHERE event_id = ANY($1)',
          [ids],
        );
        expect(rows[0].n).toBe('100');
      }, 30_000);
      expect(await replica.get(OutboxRelay).pendingCount()).toBe(0);
    } finally {
      await replica.close();
    }
  });
});
