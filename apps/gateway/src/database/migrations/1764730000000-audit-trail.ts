import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: one row per POST and PATCH under /api (and so every sign-in), accepted or
 * refused. Append-only: the database itself refuses to change or remove a row.
 */
export class AuditTrail1764730000000 implements MigrationInterface {
  name = 'AuditTrail1764730000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_entry (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Insertion order: the tie-break of "newest first" between rows of the same instant.
        seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        at          timestamptz NOT NULL,
        actor       text,
        role        text,
        action      text NOT NULL,
        resource_id text,
        status_code integer NOT NULL CHECK (status_code BETWEEN 100 AND 599),
        request_id  text NOT NULL
      )`);
    await runner.query(`
      CREATE FUNCTION audit_entry_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit trail is append-only: its rows are never changed or removed'; END $$`);
    await runner.query(`
      CREATE TRIGGER audit_entry_immutable BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_is_immutable()`);
    await runner.query(`
      CREATE TRIGGER audit_entry_not_truncated BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_immutable()`);
    // Newest first, alone or within one actor, action or resource.
    await runner.query(`CREATE INDEX audit_entry_at_idx ON audit_entry (at DESC, seq DESC)`);
    for (const column of ['actor', 'action', 'resource_id']) {
      await runner.query(
        `CREATE INDEX audit_entry_${column}_idx ON audit_entry (${column}, at DESC, seq DESC)`,
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_entry');
    await runner.query('DROP FUNCTION audit_entry_is_immutable');
  }
}
