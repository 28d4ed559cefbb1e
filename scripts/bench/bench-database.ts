import {
  dropDatabase,
  ensureDatabase,
  openServiceDataSource,
  ServiceDataSourceOptions,
} from '@qollqa/persistence';
import { DataSource } from 'typeorm';

/** A fresh database for one benchmark, with one service's schema migrated; dropped afterwards. */
export async function withBenchDatabase<T>(
  name: string,
  service: Omit<ServiceDataSourceOptions, 'databaseUrl'>,
  run: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qollqa');
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  const dataSource = await openServiceDataSource({ databaseUrl, ...service });
  try {
    return await run(dataSource);
  } finally {
    await dataSource.destroy();
    await dropDatabase(databaseUrl);
  }
}

/** Percentile of a sorted list of milliseconds. */
export function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];
}
