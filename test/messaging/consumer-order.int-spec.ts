import { Controller, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventEnvelope, EventEnvelopeDto } from '@qollqa/contracts';
import {
  createMessagingTables,
  InboxService,
  JetStreamServer,
  MessagingModule,
} from '@qollqa/messaging';
import { dropDatabase, ensureDatabase, PersistenceModule } from '@qollqa/persistence';
import { attachTransport, closeServiceApp } from '@qollqa/platform';
import { IsDefined } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { testPool } from '../support/test-pool';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { eventually } from '../support/eventually';
import { envelope, publishEvents } from '../support/publish-event';
import { probeConfigModule } from './probe/probe.module';
import { testDatabaseUrl, uniqueName } from '../support/test-env';

const ORDERED_EVENT = 'probe.ordered';
/** Handled in the stream's order with every other event (like a close of business). */
const BARRIER_EVENT = 'probe.barrier';

class OrderedProbeSchema1700000000000 implements MigrationInterface {
  name = 'OrderedProbeSchema1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
    // `handled` counts the effects in the order the handlers wrote them.
    await runner.query(
      `CREATE TABLE ordered_effect (handled bigint GENERATED ALWAYS AS IDENTITY, event_id uuid NOT NULL,
         aggregate_id uuid NOT NULL, aggregate_version integer NOT NULL)`,
    );
  }
  async down(): Promise<void> {}
}

class OrderedEvent extends EventEnvelopeDto<object> {
  @IsDefined() payload: object;
}

/** Handlers held at their start until the test lets them go, by event id. */
const holds = new Map<string, { reached: () => void; released: Promise<void> }>();

function holdHandlerOf(eventId: string): { reached: Promise<void>; release: () => void } {
  let reached!: () => void;
  let release!: () => void;
  const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  holds.set(eventId, { reached, released });
  return { reached: reachedPromise, release };
}

@Controller()
class OrderedProbeController {
  constructor(private readonly inbox: InboxService) {}

  @EventPattern(BARRIER_EVENT)
  onBarrier(@Payload() event: OrderedEvent) {
    return this.onOrdered(event);
  }

  @EventPattern(ORDERED_EVENT)
  async onOrdered(@Payload() event: OrderedEvent) {
    const hold = holds.get(event.id);
    if (hold) {
      hold.reached();
      await hold.released;
    }
    await this.inbox.processOnce(event, async (manager) => {
      await manager.query(
        'INSERT INTO ordered_effect (event_id, aggregate_id, aggregate_version) VALUES ($1, $2, $3)',
        [event.id, event.aggregateId, event.aggregateVersion],
      );
    });
  }
}

@Module({
  imports: [
    probeConfigModule('ordered-probe', 'ordered_probe'),
    PersistenceModule.forService({ entities: [], migrations: [OrderedProbeSchema1700000000000] }),
    MessagingModule.forEvents(),
  ],
  controllers: [OrderedProbeController],
})
class OrderedProbeModule {}

/**
 * The consumer handles events of different aggregates at once and the events of one aggregate one
 * after the other, in the order they were published; each once.
 */
describe('Event consumer: concurrent across aggregates, in order within one', () => {
  const databaseUrl = testDatabaseUrl(uniqueName('qollqa_test_consumer_order'));
  const prefix = uniqueName('consumerorder');
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  let db: Pool;
  let app: NestFastifyApplication;

  const events = (aggregateId: string, count: number): EventEnvelope[] =>
    Array.from({ length: count }, (_, i) => envelope(ORDERED_EVENT, aggregateId, {}, i + 1));
  /** The versions of an aggregate's events, in the order their effects were written. */
  const handledVersions = async (aggregateId: string): Promise<number[]> =>
    (
      await db.query(
        'SELECT aggregate_version FROM ordered_effect WHERE aggregate_id = $1 ORDER BY handled',
        [aggregateId],
      )
    ).rows.map((row) => row.aggregate_version);

  beforeAll(async () => {
    Logger.overrideLogger(false);
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      NATS_PREFIX: prefix,
      DATABASE_POOL_SIZE: '6',
      LOG_LEVEL: 'silent',
    });
    await ensureDatabase(databaseUrl);
    db = testPool(databaseUrl, { max: 2, options: '-c search_path=ordered_probe' });
    app = await NestFactory.create<NestFastifyApplication>(
      OrderedProbeModule,
      new FastifyAdapter(),
      { logger: false },
    );
    attachTransport(
      app,
      new JetStreamServer({
        servers: [natsUrl],
        prefix,
        consumer: 'ordered-probe',
        ackWaitMs: 10_000,
        concurrency: 4,
        inStreamOrder: [BARRIER_EVENT],
      }),
    );
    await app.init();
    await app.startAllMicroservices();
  });

  afterAll(async () => {
    if (app) await closeServiceApp(app);
    await db?.end();
    await dropDatabase(databaseUrl);
  });

  it("handles another aggregate's events while one is held, and the held aggregate's next event only after it", async () => {
    const held = randomUUID();
    const other = randomUUID();
    const heldEvents = events(held, 2);
    const otherEvents = events(other, 3);
    const hold = holdHandlerOf(heldEvents[0].id);

    try {
      // The held aggregate's events come first in the stream.
      await publishEvents({ natsUrl, prefix }, [...heldEvents, ...otherEvents]);
      await hold.reached;
      await eventually(async () => expect(await handledVersions(other)).toEqual([1, 2, 3]));
      // Its first event is held before its effect, so its second one has not been handled either.
      expect(await handledVersions(held)).toEqual([]);
    } finally {
      hold.release();
    }
    await eventually(async () => expect(await handledVersions(held)).toEqual([1, 2]));
  });

  it('handles an in-stream-order event after every event before it, and every event after it later', async () => {
    const held = events(randomUUID(), 1)[0];
    const before = events(randomUUID(), 1)[0];
    const barrier = envelope(BARRIER_EVENT, randomUUID(), {});
    const after = events(randomUUID(), 1)[0];
    const hold = holdHandlerOf(held.id);
    const handled = async (ids: string[]) =>
      (
        await db.query(
          'SELECT event_id FROM ordered_effect WHERE event_id = ANY($1) ORDER BY handled',
          [ids],
        )
      ).rows.map((row) => row.event_id);
    try {
      await publishEvents({ natsUrl, prefix }, [held, before, barrier, after]);
      await hold.reached;
      await eventually(async () => expect(await handled([before.id])).toEqual([before.id]));
      // The barrier waits for the held event, and the event after the barrier waits for it.
      expect(await handled([barrier.id, after.id])).toEqual([]);
    } finally {
      hold.release();
    }
    await eventually(async () =>
      expect(await handled([held.id, before.id, barrier.id, after.id])).toEqual([
        before.id,
        held.id,
        barrier.id,
        after.id,
      ]),
    );
  });

  it('handles interleaved events of many aggregates each once, each aggregate in its order', async () => {
    const aggregates = Array.from({ length: 10 }, () => randomUUID());
    const perAggregate = aggregates.map((aggregateId) => events(aggregateId, 15));
    // Round robin: version 1 of every aggregate, then version 2 of every aggregate, and so on.
    const interleaved = perAggregate[0].flatMap((_, version) =>
      perAggregate.map((list) => list[version]),
    );
    await publishEvents({ natsUrl, prefix }, interleaved);

    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS effects, count(DISTINCT event_id)::int AS events
         FROM ordered_effect WHERE aggregate_id = ANY($1::uuid[])`,
        [aggregates],
      );
      expect(rows[0]).toEqual({ effects: 150, events: 150 });
    }, 30_000);
    const inOrder = Array.from({ length: 15 }, (_, i) => i + 1);
    for (const aggregateId of aggregates) {
      expect(await handledVersions(aggregateId)).toEqual(inOrder);
    }
  });
});
