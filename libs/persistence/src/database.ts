import { Client } from 'pg';
import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface ServiceDataSourceOptions {
  databaseUrl: string;
  /** The service's own schema: its tables, its migrations table, and its search_path. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    poolSize: options.poolSize ?? 10,
    // Raw SQL in a service names its tables without a schema: the search_path makes them the service's.
    extra: { options: `-c search_path=${options.schema}` },
  };
}

/** Creates the database named in the URL when it does not exist (the server's `postgres` database must). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((err) => {
        // Two processes may race to create it: the loser finds it exists, which is what it wanted.
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      });
    }
  } finally {
    await client.end();
  }
}

/** Drops a database (used by tests for the databases they made). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Opens the service's DataSource, creates its schema and runs its pending migrations. An advisory
 * lock makes replicas that start together run them one at a time.
 */
export async function openServiceDataSource(
  options: ServiceDataSourceOptions,
): Promise<DataSource> {
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [
      `qollqa:migrations:${options.schema}`,
    ]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [
      `qollqa:migrations:${options.schema}`,
    ]);
    await runner.release();
  }
  return dataSource;
}
