import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../public.decorator';
import { NatsHealthIndicator } from './nats.health';
import { Readiness } from './readiness';

/**
 * Health for people and for an orchestrator:
 * - GET /health: 200 when the service reaches its database and NATS, 503 when it does not (API.md);
 * - GET /health/live: 200 while the process answers at all (restart it when it does not);
 * - GET /health/ready: 200 when it should be sent work — database, NATS, every migration applied,
 *   each registered condition (Readiness) holding, and not shutting down; 503 otherwise.
 */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly nats: NatsHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly readiness: Readiness,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1000 }),
      () => this.nats.check('nats'),
    ]);
  }

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () =>
        this.condition('accepting', async () =>
          this.readiness.isStopping ? 'shutting down' : null,
        ),
      () => this.database.pingCheck('database', { timeout: 1000 }),
      () => this.nats.check('nats'),
      () =>
        this.condition('migrations', async () =>
          (await this.dataSource.showMigrations()) ? 'migrations pending' : null,
        ),
      async () => {
        const results = await this.readiness.evaluate();
        return Object.assign(
          {},
          ...Object.entries(results).map(([name, problem]) =>
            problem
              ? this.indicator.check(name).down({ message: problem })
              : this.indicator.check(name).up(),
          ),
        );
      },
    ]);
  }

  private async condition(name: string, problem: () => Promise<string | null>) {
    const found = await problem().catch((err: unknown) => String((err as Error)?.message ?? err));
    return found
      ? this.indicator.check(name).down({ message: found })
      : this.indicator.check(name).up();
  }
}
