import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff accounts managed through the API (display name, last sign-in, a token version that revokes
 * every earlier token), sign-in limits counted per attempt, and the gateway's own generated secrets.
 */
export class StaffAccountsAndSecrets1764731000000 implements MigrationInterface {
  name = 'StaffAccountsAndSecrets1764731000000';

  async up(runner: QueryRunner): Promise<void> {
    // Secrets the gateway generates at its first start when the deployment gives none: the first
    // replica to insert one wins, every replica reads the same.
    await runner.query(`
      CREATE TABLE gateway_secret (
        name       text PRIMARY KEY,
        value      text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await runner.query('ALTER TABLE app_user RENAME COLUMN full_name TO display_name');
    await runner.query(`
      ALTER TABLE app_user
        ADD COLUMN token_version integer NOT NULL DEFAULT 0,
        ADD COLUMN last_login_at timestamptz`);
    // New usernames follow API.md; rows of before are left as they are (NOT VALID).
    await runner.query(`
      ALTER TABLE app_user ADD CONSTRAINT app_user_username_format
        CHECK (username ~ '^[a-z0-9._-]{3,40}$') NOT VALID`);

    // One row per sign-in attempt being evaluated or failed, so "5 within 15 minutes" is a count of
    // the last 15 minutes, and an attempt is counted before its password is compared.
    await runner.query(`
      CREATE TABLE sign_in_attempt (
        id      bigserial PRIMARY KEY,
        key     text NOT NULL,
        at      timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL CHECK (outcome IN ('pending', 'failed'))
      )`);
    await runner.query('CREATE INDEX sign_in_attempt_key_at_idx ON sign_in_attempt (key, at)');
    await runner.query('CREATE INDEX sign_in_attempt_at_idx ON sign_in_attempt (at)');
    await runner.query(`
      CREATE TABLE sign_in_lock (
        key          text PRIMARY KEY,
        locked_until timestamptz NOT NULL
      )`);
    // Accounts locked at the upgrade stay locked.
    await runner.query(`
      INSERT INTO sign_in_lock (key, locked_until)
      SELECT key, locked_until FROM login_attempt WHERE locked_until > now()`);
    await runner.query('DROP TABLE login_attempt');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE login_attempt (
        key               text PRIMARY KEY,
        failures          integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until      timestamptz
      )`);
    await runner.query('DROP TABLE sign_in_lock');
    await runner.query('DROP TABLE sign_in_attempt');
    await runner.query('ALTER TABLE app_user DROP CONSTRAINT app_user_username_format');
    await runner.query('ALTER TABLE app_user DROP COLUMN last_login_at, DROP COLUMN token_version');
    await runner.query('ALTER TABLE app_user RENAME COLUMN display_name TO full_name');
    await runner.query('DROP TABLE gateway_secret');
  }
}
