import { randomBytes } from 'node:crypto';

/**
 * Database `database` on the PostgreSQL server the tests use: `server` (a suite's own), else
 * DATABASE_URL's server, default the local one.
 */
export function testDatabaseUrl(database: string, server?: string): string {
  const url = new URL(
    server ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A name no other suite or run uses: for a database, a NATS prefix, a stream. It ends with its time
 * of creation (seconds, base 36), so a later run can tell a leftover from a database in use.
 */
export function uniqueName(label: string): string {
  const created = Math.floor(Date.now() / 1000).toString(36);
  return `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}_${created}`;
}

/** When a name made by uniqueName was created (ms since the epoch), or undefined for another name. */
export function createdAt(name: string): number | undefined {
  const match = /_([0-9a-z]{6,7})$/.exec(name);
  return match ? parseInt(match[1], 36) * 1000 : undefined;
}
