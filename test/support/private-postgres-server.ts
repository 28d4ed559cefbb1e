/**
 * A PostgreSQL server that one suite owns (initdb in a temporary folder, its own port), so it can
 * stop and restart it — an outage, a crash — without touching the machine's server. It lives with the
 * fault run (`scripts/chaos`, compiled into dist/ and run outside jest), which uses the same one.
 */
export { PostgresServer as PrivatePostgresServer } from '../../scripts/chaos/postgres-server';
