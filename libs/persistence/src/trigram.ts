import { QueryRunner } from 'typeorm';

/**
 * pg_trgm, for indexes that answer `LIKE '%part of a name%'` without scanning the table. An
 * extension is installed once per database, and every service has its own schema there, so it goes
 * into a shared `extensions` schema (or stays wherever an operator installed it before). pg_trgm is
 * a trusted extension (PostgreSQL ≥ 13): a user with CREATE on the database may install it, no
 * superuser needed. The lock makes two services migrating at once install it once; it lasts until
 * the migration's transaction ends.
 *
 * Returns the operator class to name in `CREATE INDEX … USING gin (column <opclass>)`, qualified
 * with its schema (the services' search_path holds only their own schema). Queries need nothing
 * more: LIKE is the built-in operator, and the planner finds the index by it.
 */
export async function trigramOperatorClass(runner: QueryRunner): Promise<string> {
  await runner.query(`SELECT pg_advisory_xact_lock(hashtext('qollqa:extension:pg_trgm'))`);
  const installed = async (): Promise<string | undefined> => {
    const [row] = await runner.query(
      `SELECT n.nspname AS schema FROM pg_extension e
       JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
    );
    return row?.schema;
  };
  let schema = await installed();
  if (!schema) {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS extensions`);
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA extensions`);
    schema = (await installed())!;
  }
  return `"${schema.replace(/"/g, '""')}".gin_trgm_ops`;
}
