import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { EntitySchema, MixedList } from 'typeorm';
import { openServiceDataSource, serviceDataSourceOptions } from './database';

export interface PersistenceOptions {
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
}

/** The service's TypeORM DataSource on its own schema, migrated before the service serves anything. */
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
      exports: [TypeOrmModule],
    };
  }
}
