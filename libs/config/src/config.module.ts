import { DynamicModule, Global, Module } from '@nestjs/common';
import { loadServiceConfig, ServiceConfig, ServiceName } from './service-config';

/** Injection token of the validated ServiceConfig. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

@Global()
@Module({})
export class ServiceConfigModule {
  /** Validates the environment when the module is built: a bad variable stops the service at boot. */
  static forService(service: ServiceName): DynamicModule {
    return {
      module: ServiceConfigModule,
      providers: [
        { provide: SERVICE_CONFIG, useFactory: (): ServiceConfig => loadServiceConfig(service) },
      ],
      exports: [SERVICE_CONFIG],
    };
  }
}
