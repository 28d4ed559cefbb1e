import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { SERVICE_CONFIG, ServiceConfig, ServiceConfigModule, ServiceName } from '@qollqa/config';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health/health.controller';
import { requestIdLogFields } from './logging/request-id-log';
import { NatsHealthIndicator } from './health/nats.health';
import { Readiness } from './health/readiness';
import { MetricsController } from './metrics/metrics.controller';
import { ServiceMetrics } from './metrics/service-metrics';

/**
 * What every service has: validated configuration, structured logs (each line about a request with
 * its `requestId`), the request context (nestjs-cls), /health and /metrics.
 */
@Module({})
export class PlatformModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: PlatformModule,
      // Readiness and ServiceMetrics are for every feature module to use.
      global: true,
      imports: [
        ServiceConfigModule.forService(service),
        TerminusModule,
        ClsModule.forRoot({ global: true }),
        LoggerModule.forRootAsync({
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => ({
            pinoHttp: {
              level: config.logLevel,
              base: { service },
              autoLogging: {
                ignore: (req) => req.url?.startsWith('/health') || req.url === '/metrics',
              },
              redact: ['req.headers.authorization'],
              mixin: requestIdLogFields,
            },
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [NatsHealthIndicator, Readiness, ServiceMetrics],
      exports: [Readiness, ServiceMetrics],
    };
  }
}
