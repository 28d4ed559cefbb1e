import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SERVICE_CONFIG, ServiceConfig, ServiceConfigModule, ServiceName } from '@qollqa/config';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health/health.controller';
import { NatsHealthIndicator } from './health/nats.health';
import { MetricsController } from './metrics/metrics.controller';

/** What every service has: validated configuration, structured logs, /health and /metrics. */
@Module({})
export class PlatformModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ServiceConfigModule.forService(service),
        TerminusModule,
        LoggerModule.forRootAsync({
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => ({
            pinoHttp: {
              level: config.logLevel,
              base: { service },
              autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
              redact: ['req.headers.authorization'],
            },
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [NatsHealthIndicator],
    };
  }
}
