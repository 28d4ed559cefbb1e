import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { EntitySchema, MixedList } from 'typeorm';
import { openServiceDataSource, serviceDataSourceOptions } from './database';
import { RetentionRule } from './retention/retention-rule';
import { RETENTION_RULES, RetentionService } from './retention/retention.service';

export interface PersistenceOptions {
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  /** What this service forgets, beyond its sent outbox rows and old inbox ids (RetentionService). */
  retention?: RetentionRule[];
}

/**
 * The service's TypeORM DataSource on its own schema, migrated before the service serves anything,
 * and the scheduled purge of what it no longer needs.
 */
@Module({})
export class PersistenceModule {
  static forService(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) =>
            serviceDataSourceOptions({
              databaseUrl: config.databaseUrl,
              schema: config.schema,
              poolSize: config.databasePoolSize,
              ...options,
            }),
          dataSourceFactory: async (dataSourceOptions) => {
            const { url, schema, poolSize } = dataSourceOptions as {
              url: string;
              schema: string;
              poolSize: number;
            };
            return openServiceDataSource({ databaseUrl: url, schema, poolSize, ...options });
          },
        }),
      ],
      providers: [
        RetentionService,
        { provide: RETENTION_RULES, useValue: options.retention ?? [] },
      ],
      exports: [TypeOrmModule, RetentionService],
    };
  }
}
