import { Controller, DynamicModule, Injectable, Logger, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { loadServiceConfig, SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { EventEnvelopeDto } from '@qollqa/contracts';
import {
  createMessagingTables,
  InboxService,
  JetStreamContext,
  MessagingModule,
  OutboxService,
} from '@qollqa/messaging';
import { ensureDatabase, PersistenceModule } from '@qollqa/persistence';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsOptional, ValidateNested } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { testPool } from '../../support/test-pool';

/**
 * A minimal service on the messaging backbone, for testing the backbone itself: it writes
 * `probe.recorded` events through its outbox and consumes them, recording each effect in a table
 * that has no uniqueness of its own, so a second effect of one event would show.
 */
export const PROBE_EVENT = 'probe.recorded';

class ProbeSchema1700000000000 implements MigrationInterface {
  name = 'ProbeSchema1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
    await runner.query(
      `CREATE TABLE probe_effect (event_id uuid NOT NULL, value integer NOT NULL, delivery integer NOT NULL)`,
    );
  }
  async down(): Promise<void> {}
}

export class ProbePayload {
  @IsInt() value: number;
  /** Fail on the first n deliveries (a passing fault: database blip, lock timeout…). */
  @IsOptional() @IsInt() failTimes?: number;
  /** Commit the effect, then fail before the ack: the event will be redelivered. */
  @IsOptional() @IsBoolean() failAfterCommit?: boolean;
  /** Take this long before applying it (a slow consumer, so a test can stop it half-way). */
  @IsOptional() @IsInt() delayMs?: number;
}
class ProbeEvent extends EventEnvelopeDto<ProbePayload> {
  @IsDefined() @ValidateNested() @Type(() => ProbePayload) payload: ProbePayload;
}

@Injectable()
export class ProbeWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async record(payload: ProbePayload | Record<string, unknown>): Promise<string> {
    const [id] = await this.recordAll([payload]);
    return id;
  }

  /** Events of their own aggregates, written in one transaction; their ids. */
  async recordAll(payloads: (ProbePayload | Record<string, unknown>)[]): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const ids: string[] = [];
      for (const payload of payloads) {
        const event = await this.outbox.add(manager, {
          type: PROBE_EVENT,
          aggregateId: randomUUID(),
          aggregateVersion: 1,
          payload,
        });
        ids.push(event.id);
      }
      return ids;
    });
  }
}

@Controller()
class ProbeController {
  constructor(private readonly inbox: InboxService) {}

  @EventPattern(PROBE_EVENT)
  // Nest 12 types an event handler's extra arguments as unknown.
  async onRecorded(@Payload() event: ProbeEvent, @Ctx() context: unknown) {
    const delivery = (context as JetStreamContext).getMessage().info.deliveryCount;
    if (event.payload.failTimes && delivery <= event.payload.failTimes) {
      throw new Error(`simulated failure on delivery ${delivery}`);
    }
    if (event.payload.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, event.payload.delayMs));
    }
    await this.inbox.processOnce(event, async (manager) => {
      await manager.query(
        'INSERT INTO probe_effect (event_id, value, delivery) VALUES ($1, $2, $3)',
        [event.id, event.payload.value, delivery],
      );
    });
    if (event.payload.failAfterCommit && delivery === 1)
      throw new Error('stopped after the commit, before the ack');
  }
}

/** A service's configuration for a probe of the backbone: its own service name and schema. */
export function probeConfigModule(service: string, schema: string): DynamicModule {
  return {
    module: ProbeConfigModule,
    global: true,
    providers: [
      {
        provide: SERVICE_CONFIG,
        useFactory: (): ServiceConfig => ({
          ...loadServiceConfig('applications'),
          service: service as never,
          schema,
        }),
      },
    ],
    exports: [SERVICE_CONFIG],
  };
}

@Module({})
class ProbeConfigModule {}

@Module({
  imports: [
    probeConfigModule('probe', 'probe'),
    PersistenceModule.forService({ entities: [], migrations: [ProbeSchema1700000000000] }),
    MessagingModule.forEvents(),
  ],
  controllers: [ProbeController],
  providers: [ProbeWriter],
})
export class ProbeModule {}

/**
 * Before a probe suite starts its app: the environment the probe reads (its database, NATS prefix, a
 * small pool, no logs), the database made, and a pool of the suite's own on the probe's schema.
 */
export async function prepareProbeDatabase(databaseUrl: string, prefix: string): Promise<Pool> {
  Logger.overrideLogger(false);
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    NATS_PREFIX: prefix,
    DATABASE_POOL_SIZE: '4',
    LOG_LEVEL: 'silent',
  });
  await ensureDatabase(databaseUrl);
  return testPool(databaseUrl, { max: 2, options: '-c search_path=probe' });
}
