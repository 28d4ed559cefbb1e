import { Pool, PoolConfig } from 'pg';

/**
 * A pool for a suite's own queries against its database. `pool.end()` returns before the server has
 * closed the ended connections, so the suite's `dropDatabase` (WITH FORCE) can still reach one and
 * the server terminates it: that error is the suite's clean-up, never a test failure.
 */
export function testPool(
  databaseUrl: string,
  options: Omit<PoolConfig, 'connectionString'> = {},
): Pool {
  const pool = new Pool({ connectionString: databaseUrl, ...options });
  pool.on('error', () => undefined);
  return pool;
}
