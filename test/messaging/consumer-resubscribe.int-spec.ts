import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { subjects } from '@qollqa/contracts';
import request from 'supertest';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

// A service whose event subscription ends under it (its durable consumer lost with a NATS node, an
// error the client cannot ride out) does not stay deaf: it says it is not ready, subscribes again
// with a growing delay, and handles what it missed — once.
describe('A consumer whose subscription ended', () => {
  let system: TestSystem;
  let staff: StaffClient;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring'],
      label: 'resubscribe',
    });
    staff = await StaffClient.signIn(system);
  });
  afterAll(() => system?.close());

  it('subscribes again and scores the application it missed, once', async () => {
    const before = await staff.registerScored(
      applicationBody({ enterprise: { documentId: newDocumentId() } }),
    );
    const nc = await connect({ servers: system.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.consumers.delete(subjects.eventStream(system.prefix), 'credit-scoring');
    } finally {
      await nc.close();
    }
    const scoring = () => request(system.app('credit-scoring').getHttpServer());
    // While it has no subscription, it is not ready (and still alive).
    await eventually(async () => {
      const ready = await scoring().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.details.events.status).toBe('down');
    });
    await scoring().get('/health/live').expect(200);

    const { body: created } = await staff
      .as('officer')
      .post('/api/applications', applicationBody({ enterprise: { documentId: newDocumentId() } }))
      .expect(201);
    const missed: string = created.id;
    const scored = await eventually(async () => {
      const application = await staff.application(missed);
      expect(application.status).toBe('in_review');
      return application;
    }, 30_000);
    expect(scored.score).toBeTruthy();
    await scoring().get('/health/ready').expect(200);
    // The new consumer starts from the stream's beginning: the inbox keeps every event to one effect.
    const scores = await system.query<{ application_id: string; n: string }>(
      `SELECT application_id, count(*) AS n FROM credit_scoring.score
       WHERE application_id = ANY($1) GROUP BY application_id`,
      [[before, missed]],
    );
    expect(scores.map((row) => Number(row.n))).toEqual([1, 1]);
  });
});
