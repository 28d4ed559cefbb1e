import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { subjects } from '@qollqa/contracts';
import { ensureDurableConsumer, ensureEventStreams } from '@qollqa/messaging';
import { uniqueName } from '../support/test-env';

// A service that handles one kind of event is delivered only those (its durable consumer's filter);
// a consumer made before it had a filter gets the filter when the service starts again.
describe("A durable consumer's filter", () => {
  const prefix = uniqueName('filter');
  const stream = subjects.eventStream(prefix);
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    const jsm = await jetstreamManager(nc);
    await ensureEventStreams(jsm, prefix);
    const js = jetstream(nc);
    for (const type of ['loan.disbursed', 'application.scored', 'loan.disbursed', 'loan.repaid']) {
      await js.publish(subjects.event(prefix, type), JSON.stringify({ type }));
    }
  });
  afterAll(async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => undefined);
    await jsm.streams.delete(subjects.deadLetterStream(prefix)).catch(() => undefined);
    await nc.close();
  });

  it('takes every event by default, and only its own once it is filtered, keeping its place', async () => {
    const jsm = await jetstreamManager(nc);
    const options = { prefix, durableName: 'repayment', ackWaitMs: 30_000 };
    await ensureDurableConsumer(jsm, options);
    expect((await jsm.consumers.info(stream, 'repayment')).num_pending).toBe(4);

    // The same consumer, made again with a filter: only the two loan.disbursed are left for it.
    const filterSubject = subjects.event(prefix, 'loan.disbursed');
    await ensureDurableConsumer(jsm, { ...options, filterSubject });
    const filtered = await jsm.consumers.info(stream, 'repayment');
    expect(filtered.config.filter_subject).toBe(filterSubject);
    expect(filtered.num_pending).toBe(2);

    const consumer = await jetstream(nc).consumers.get(stream, 'repayment');
    const first = await consumer.next({ expires: 2000 });
    expect(first?.subject).toBe(filterSubject);
    expect(first?.seq).toBe(1);
    first?.ack();
    const second = await consumer.next({ expires: 2000 });
    expect(second?.seq).toBe(3);
    await second?.ackAck();
    expect((await jsm.consumers.info(stream, 'repayment')).num_pending).toBe(0);

    // Made again without a filter (a service that now handles more): every event again, from
    // where it was.
    await ensureDurableConsumer(jsm, options);
    const widened = await jsm.consumers.info(stream, 'repayment');
    expect(widened.config.filter_subject).toBe(subjects.allEvents(prefix));
    expect(widened.num_pending).toBe(1);
  });
});
