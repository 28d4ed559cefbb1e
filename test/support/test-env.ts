import { randomBytes } from 'node:crypto';

/** The PostgreSQL server the tests use (DATABASE_URL's server, default the local one). */
export function testDatabaseUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${database}`;
  return url.toString();
}

/** A name no other suite or run uses: for a database, a NATS prefix, a stream. */
export function uniqueName(label: string): string {
  return `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
}
