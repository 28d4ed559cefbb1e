import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { FundEvents, subjects } from '@qollqa/contracts';
import { ensureEventStreams, OutboxRelay } from '@qollqa/messaging';
import { dropDatabase } from '@qollqa/persistence';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { envelope } from '../support/publish-event';
import { testDatabaseUrl, uniqueName } from '../support/test-env';
import { prepareProbeDatabase, PROBE_EVENT, ProbeModule } from './probe/probe.module';

/** A poll so rare that only the suite's own call publishes. */
const NEVER_MS = 24 * 3600 * 1000;
const POSITION = FundEvents.GuaranteePositionChanged;

/**
 * A state announcement (the guarantee fund's position) replaces every one before it, so of several
 * waiting in the outbox the relay publishes only the newest of each aggregate, and marks the others
 * sent with it; every other event is published as always, in order.
 */
describe('Outbox relay: only the newest state announcement of a batch; one relay at a time', () => {
  const databaseUrl = testDatabaseUrl(uniqueName('qollqa_test_announcements'));
  const prefix = uniqueName('announce');
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  let db: Pool;
  let nc: NatsConnection;
  let app: NestFastifyApplication;
  let relay: OutboxRelay;

  const position = (aggregateId: string, positionVersion: number) =>
    envelope(POSITION, aggregateId, {
      positionVersion,
      availableCapital: `${1000 + positionVersion}.00`,
      exposure: '0.00',
      leverageLimit: '5.00',
    });
  /** Rows written by plain SQL, as the position's trigger writes them (no wake). */
  const write = async (events: ReturnType<typeof envelope>[]) => {
    for (const event of events) {
      await db.query('INSERT INTO outbox (event_id, type, envelope) VALUES ($1, $2, $3)', [
        event.id,
        event.type,
        JSON.stringify(event),
      ]);
    }
  };
  /** The stream's messages on one subject: how many, and the newest's envelope. */
  const published = async (type: string) => {
    const jsm = await jetstreamManager(nc);
    const stream = subjects.eventStream(prefix);
    const subject = subjects.event(prefix, type);
    const info = await jsm.streams.info(stream, { subjects_filter: subject });
    const count = info.state.subjects?.[subject] ?? 0;
    if (count === 0) return { count, newest: null };
    const message = await jsm.streams.getMessage(stream, { last_by_subj: subject });
    return { count, newest: message?.json<{ id: string }>() ?? null };
  };

  beforeAll(async () => {
    db = await prepareProbeDatabase(databaseUrl, prefix);
    nc = await connect({ servers: natsUrl });
    await ensureEventStreams(await jetstreamManager(nc), prefix);
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    relay = app.get(OutboxRelay);
    relay.pollEvery(NEVER_MS);
    await relay.whenAsleep();
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await db?.end();
    await dropDatabase(databaseUrl);
  });

  it('publishes the newest position of each aggregate, every other event, and marks all sent', async () => {
    const [fund, other] = [randomUUID(), randomUUID()];
    const probe = envelope(PROBE_EVENT, randomUUID(), { value: 1 });
    const events = [
      position(fund, 1),
      position(other, 7),
      probe,
      position(fund, 2),
      position(fund, 3),
    ];
    await write(events);

    expect(await relay.publishBatch()).toBe(3); // fund's version 3, other's version 7, the probe

    const positions = await published(POSITION);
    expect(positions.count).toBe(2);
    expect(positions.newest?.id).toBe(events[4].id); // fund's version 3, after other's
    expect((await published(PROBE_EVENT)).count).toBe(1);
    const { rows } = await db.query(
      `SELECT status, count(*)::int AS n FROM outbox WHERE event_id = ANY($1) GROUP BY status`,
      [events.map((event) => event.id)],
    );
    expect(rows).toEqual([{ status: 'sent', n: 5 }]);
  });

  it('publishes a lone announcement as any other event', async () => {
    const before = (await published(POSITION)).count;
    const lone = position(randomUUID(), 1);
    await write([lone]);
    expect(await relay.publishBatch()).toBe(1);
    const positions = await published(POSITION);
    expect(positions).toMatchObject({ count: before + 1, newest: { id: lone.id } });
  });

  it("claims nothing while another replica's relay holds the outbox, then publishes what waited", async () => {
    const waiting = envelope(PROBE_EVENT, randomUUID(), { value: 2 });
    await write([waiting]);
    // Another replica's relay in the middle of its pass: it holds the schema's relay lock.
    const other = await db.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `SELECT pg_advisory_xact_lock(hashtext('qollqa.relay'), hashtext(current_schema()))`,
      );
      expect(await relay.publishBatch()).toBe(-1); // BUSY
      const { rows } = await db.query('SELECT status FROM outbox WHERE event_id = $1', [
        waiting.id,
      ]);
      expect(rows).toEqual([{ status: 'pending' }]);
      // Nothing of the pass that gave way is left holding a row or the lock.
      const locked = await other.query(
        `SELECT event_id FROM outbox WHERE event_id = $1 FOR UPDATE SKIP LOCKED`,
        [waiting.id],
      );
      expect(locked.rows).toEqual([{ event_id: waiting.id }]);
    } finally {
      await other.query('ROLLBACK');
      other.release();
    }
    const before = (await published(PROBE_EVENT)).count;
    expect(await relay.publishBatch()).toBe(1);
    expect(await published(PROBE_EVENT)).toMatchObject({
      count: before + 1,
      newest: { id: waiting.id },
    });
    const { rows } = await db.query('SELECT status FROM outbox WHERE event_id = $1', [waiting.id]);
    expect(rows).toEqual([{ status: 'sent' }]);
    // The pass returned its connection clean: no transaction left open on it.
    const open = await db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(open.rows).toEqual([{ n: 0 }]);
  });
});
