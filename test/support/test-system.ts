import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ServiceName } from '@qollqa/config';
import { subjects } from '@qollqa/contracts';
import { OutboxRelay } from '@qollqa/messaging';
import { closeServiceApp, createServiceApp, ServiceAppOptions } from '@qollqa/platform';
import { dropDatabase, ensureDatabase } from '@qollqa/persistence';
import { Logger, Type } from '@nestjs/common';
import { Pool } from 'pg';
import { testPool } from './test-pool';
import request from 'supertest';
import { AppModule as ApplicationsModule } from '../../apps/applications/src/app.module';
import { AppModule as CreditScoringModule } from '../../apps/credit-scoring/src/app.module';
import { AppModule as DisbursementModule } from '../../apps/disbursement/src/app.module';
import { AppModule as PortfolioModule } from '../../apps/portfolio/src/app.module';
import { AppModule as RepaymentModule } from '../../apps/repayment/src/app.module';
import { AppModule as GatewayModule } from '../../apps/gateway/src/app.module';
import { GATEWAY_OPTIONS } from '../../apps/gateway/src/gateway-app';
import { eventually } from './eventually';
import { testDatabaseUrl, uniqueName } from './test-env';

/** How each service is built: the same module and options its main.ts uses. */
const SERVICES: Record<ServiceName, { module: Type<unknown>; options: ServiceAppOptions }> = {
  gateway: { module: GatewayModule, options: GATEWAY_OPTIONS },
  applications: { module: ApplicationsModule, options: { rpc: true, events: true } },
  'credit-scoring': { module: CreditScoringModule, options: { events: true } },
  disbursement: { module: DisbursementModule, options: { rpc: true, events: true } },
  repayment: { module: RepaymentModule, options: { rpc: true, events: true } },
  portfolio: { module: PortfolioModule, options: { rpc: true, events: true } },
};

export interface TestSystemOptions {
  services: ServiceName[];
  /** A NATS server of the suite's own (for outage tests); default the machine's. */
  natsUrl?: string;
  /** A PostgreSQL server of the suite's own (for outage tests, its URL); default the machine's. */
  databaseServerUrl?: string;
  label?: string;
  /** JetStream's ack_wait for the suite's consumers (default 60 s): short in redelivery tests. */
  ackWaitMs?: number;
}

/**
 * The real services, started in this process against a database and NATS subject prefix of the
 * suite's own, so suites never see each other's data. Tests speak HTTP to the gateway (supertest)
 * and may stop and start a service to see what a user would see.
 */
export class TestSystem {
  readonly apps = new Map<ServiceName, NestFastifyApplication>();
  private readonly replicas: NestFastifyApplication[] = [];
  readonly db: Pool;

  private constructor(
    readonly databaseUrl: string,
    readonly prefix: string,
    readonly natsUrl: string,
  ) {
    this.db = testPool(databaseUrl, { max: 3 });
  }

  static async start(options: TestSystemOptions): Promise<TestSystem> {
    const name = uniqueName(`qollqa_test_${options.label ?? 'suite'}`);
    const system = new TestSystem(
      testDatabaseUrl(name, options.databaseServerUrl),
      name.replace('qollqa_test_', 't_'),
      options.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    );
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: system.databaseUrl,
      NATS_URL: system.natsUrl,
      NATS_PREFIX: system.prefix,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_POOL_SIZE: '4',
      // Generous for a loaded 2-core machine (argon2 hashing of PINs competes with every suite), and
      // still short enough that a stopped service answers 503 in seconds.
      RPC_TIMEOUT_MS: '8000',
      DEMO_DATA: 'true',
      EVENT_ACK_WAIT_MS: String(options.ackWaitMs ?? 60_000),
    });
    // Nest's own start-up chatter (before each app's logger is set) is noise in a test run.
    Logger.overrideLogger(['error']);
    await ensureDatabase(system.databaseUrl);
    for (const service of options.services) await system.startService(service);
    return system;
  }

  async startService(service: ServiceName): Promise<NestFastifyApplication> {
    const app = await this.build(service);
    this.apps.set(service, app);
    return app;
  }

  /**
   * Another replica of a service on the same database and NATS prefix (stopped by close()): what
   * one replica does, the others must see. `request(replica.getHttpServer())` speaks to it.
   */
  async startReplica(service: ServiceName): Promise<NestFastifyApplication> {
    const app = await this.build(service);
    this.replicas.push(app);
    return app;
  }

  /** Stops a replica startReplica gave. */
  async stopReplica(replica: NestFastifyApplication): Promise<void> {
    const index = this.replicas.indexOf(replica);
    if (index < 0) return;
    this.replicas.splice(index, 1);
    await closeServiceApp(replica);
  }

  private async build(service: ServiceName): Promise<NestFastifyApplication> {
    const definition = SERVICES[service];
    if (!definition) throw new Error(`No test definition for service ${service}`);
    process.env.NATS_URL = this.natsUrl;
    const { app } = await createServiceApp(definition.module, service, definition.options);
    await app.init();
    await app.startAllMicroservices();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }

  async stopService(service: ServiceName): Promise<void> {
    const app = this.apps.get(service);
    if (!app) return;
    this.apps.delete(service);
    await closeServiceApp(app);
  }

  app(service: ServiceName): NestFastifyApplication {
    const app = this.apps.get(service);
    if (!app) throw new Error(`${service} is not running`);
    return app;
  }

  /** supertest against the gateway. */
  http() {
    return request(this.app('gateway').getHttpServer());
  }

  async token(username: string, password = `${username}-demo`): Promise<string> {
    const response = await this.http()
      .post('/api/auth/login')
      .send({ username, password })
      .expect(200);
    return response.body.accessToken;
  }

  /**
   * Waits until the system is quiet: every outbox published and every durable consumer with nothing
   * pending or unacknowledged — so what one service did has reached every other.
   */
  async settle(timeoutMs = 20_000, except: ServiceName[] = []): Promise<void> {
    const nc = await connect({ servers: this.natsUrl.split(','), timeout: 2000 });
    try {
      const jsm = await jetstreamManager(nc);
      const services = [...this.apps.keys()].filter(
        (service) => service !== 'gateway' && !except.includes(service),
      );
      const consumersIdle = async () => {
        for (const service of services) {
          const info = await jsm.consumers
            .info(subjects.eventStream(this.prefix), service)
            .catch(() => undefined);
          if (info) expect(info.num_pending + info.num_ack_pending).toBe(0);
        }
      };
      await eventually(async () => {
        await consumersIdle();
        for (const service of services)
          expect(await this.app(service).get(OutboxRelay).pendingCount()).toBe(0);
        await consumersIdle();
      }, timeoutMs);
    } finally {
      await nc.close();
    }
  }

  /** A service's durable consumer as NATS sees it (its filter, what it was delivered), and the stream's size. */
  async consumerState(
    service: ServiceName,
  ): Promise<{ filterSubject?: string; deliveries: number; streamMessages: number }> {
    const nc = await connect({ servers: this.natsUrl.split(','), timeout: 2000 });
    try {
      const jsm = await jetstreamManager(nc);
      const stream = subjects.eventStream(this.prefix);
      const consumer = await jsm.consumers.info(stream, service);
      const { state } = await jsm.streams.info(stream);
      return {
        filterSubject: consumer.config.filter_subject,
        deliveries: consumer.delivered.consumer_seq,
        streamMessages: state.messages,
      };
    } finally {
      await nc.close();
    }
  }

  /** Events some consumer gave up on: the dead-letter stream's messages, none in a healthy system. */
  async deadLetters(): Promise<number> {
    const nc = await connect({ servers: this.natsUrl.split(','), timeout: 2000 });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info(subjects.deadLetterStream(this.prefix));
      return info.state.messages;
    } finally {
      await nc.close();
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }

  async close(): Promise<void> {
    for (const replica of this.replicas.splice(0)) await closeServiceApp(replica);
    for (const service of [...this.apps.keys()].reverse()) await this.stopService(service);
    await this.db.end();
    await this.deleteStreams().catch(() => undefined);
    await dropDatabase(this.databaseUrl).catch(() => undefined);
  }

  private async deleteStreams(): Promise<void> {
    const nc = await connect({ servers: this.natsUrl.split(','), timeout: 2000 });
    const jsm = await jetstreamManager(nc);
    for (const stream of [
      subjects.eventStream(this.prefix),
      subjects.deadLetterStream(this.prefix),
    ]) {
      await jsm.streams.delete(stream).catch(() => undefined);
    }
    await nc.close();
  }
}
