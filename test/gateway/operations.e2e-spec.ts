import { Readiness } from '@qollqa/platform';
import request from 'supertest';
import { TestSystem } from '../support/test-system';

describe('Gateway operations: OpenAPI, health, metrics, a service that does not answer', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'applications'], label: 'operations' });
  });
  afterAll(() => system?.close());

  it('publishes the OpenAPI document with the contract routes', async () => {
    const response = await system.http().get('/api/docs-json').expect(200);
    const routes = Object.entries(response.body.paths as Record<string, object>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'POST /api/auth/enterprise',
        'POST /api/applications',
        'GET /api/applications',
        'GET /api/applications/{id}',
        'POST /api/applications/{id}/decision',
      ]),
    );
    expect(routes.some((route) => route.includes('/health') || route.includes('/metrics'))).toBe(
      false,
    );
    await system.http().get('/api/docs').expect(200);
  });

  it('answers /health with the database and NATS up', async () => {
    const response = await system.http().get('/health').expect(200);
    expect(response.body.details).toMatchObject({
      database: { status: 'up' },
      nats: { status: 'up' },
    });
  });

  it('answers /health/live and /health/ready, and turns not-ready first when told to stop', async () => {
    await system.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await system.http().get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({
      accepting: { status: 'up' },
      database: { status: 'up' },
      nats: { status: 'up' },
      migrations: { status: 'up' },
    });
    // The applications service also says whether its event consumer and its relay work.
    const service = await request(system.app('applications').getHttpServer())
      .get('/health/ready')
      .expect(200);
    expect(service.body.details).toMatchObject({
      events: { status: 'up' },
      outbox: { status: 'up' },
    });
    // A second replica of applications receives SIGTERM: it says it is not ready (while still alive)
    // before anything else of its shutdown happens; the first replica stays ready.
    const replica = await system.startReplica('applications');
    await request(replica.getHttpServer()).get('/health/ready').expect(200);
    await replica.get(Readiness).beforeApplicationShutdown();
    const stopping = await request(replica.getHttpServer()).get('/health/ready').expect(503);
    expect(stopping.body.details.accepting).toEqual({ status: 'down', message: 'shutting down' });
    await request(replica.getHttpServer()).get('/health/live').expect(200);
    // Then its consumer stops taking events (the next step of a shutdown): it says that too.
    for (const transport of replica.getMicroservices()) await transport.close();
    const drained = await request(replica.getHttpServer()).get('/health/ready').expect(503);
    expect(drained.body.details.events).toEqual({ status: 'down', message: 'shutting down' });
    await system.stopReplica(replica);
    await request(system.app('applications').getHttpServer()).get('/health/ready').expect(200);
  });

  it('serves Prometheus metrics', async () => {
    const response = await system.http().get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/text\/plain/);
    expect(response.text).toMatch(/process_cpu_seconds_total/);
  });

  it('answers 503, not a hang, while the applications service is down, and recovers', async () => {
    const officer = await system.token('officer');
    await system.stopService('applications');
    const started = Date.now();
    const response = await system
      .http()
      .get('/api/applications')
      .set('Authorization', `Bearer ${officer}`);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(response.body.code).toMatch(/^SERVICE_(TIMEOUT|UNREACHABLE)$/);
    expect(response.body.message).toMatch(/servicio applications/);
    expect(Date.now() - started).toBeLessThan(10_000);

    await system.startService('applications');
    await system
      .http()
      .get('/api/applications')
      .set('Authorization', `Bearer ${officer}`)
      .expect(200);
  });
});
