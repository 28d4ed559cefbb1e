import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { NatsConnection } from '@nats-io/nats-core';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { connectNats } from '@qollqa/messaging';

/** Healthy when a round trip to the NATS server completes within a second. */
@Injectable()
export class NatsHealthIndicator implements OnApplicationShutdown {
  private connection?: Promise<NatsConnection>;

  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async check(key = 'nats') {
    const health = this.indicator.check(key);
    try {
      this.connection ??= connectNats(this.config.natsServers, `${this.config.service}-health`);
      const connection = await withTimeout(this.connection, 1000);
      await withTimeout(connection.flush(), 1000);
      return health.up();
    } catch (err) {
      return health.down({ message: String((err as Error)?.message ?? err) });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = await this.connection?.catch(() => undefined);
    await connection?.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}
