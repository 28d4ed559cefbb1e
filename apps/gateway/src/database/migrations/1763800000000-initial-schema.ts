import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE app_user (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username      text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        role          text NOT NULL CHECK (role IN ('loan_officer', 'fund_manager', 'admin')),
        full_name     text NOT NULL,
        active        boolean NOT NULL DEFAULT true,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // Failed sign-ins per account (a username or an application reference), to refuse guessing.
    await runner.query(`
      CREATE TABLE login_attempt (
        key               text PRIMARY KEY,
        failures          integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until      timestamptz
      )`);
    // The first response to each Idempotency-Key, encrypted: it can hold a PIN shown once.
    await runner.query(`
      CREATE TABLE idempotency_record (
        principal       text NOT NULL,
        key             text NOT NULL,
        request_hash    text NOT NULL,
        status          text NOT NULL CHECK (status IN ('processing', 'completed')),
        response_status integer,
        response_body   text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        completed_at    timestamptz,
        PRIMARY KEY (principal, key)
      )`);
    await runner.query(
      `CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idempotency_record');
    await runner.query('DROP TABLE login_attempt');
    await runner.query('DROP TABLE app_user');
  }
}
