import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Idempotency-Key in flight is a lease (`lease_until`) that its request renews while it lives,
 * so a retry finds a dead request's key free within seconds instead of minutes. Keys in flight
 * during the upgrade keep the two minutes they had.
 */
export class IdempotencyLease1764870000000 implements MigrationInterface {
  name = 'IdempotencyLease1764870000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE idempotency_record ADD COLUMN lease_until timestamptz');
    await runner.query(
      `UPDATE idempotency_record SET lease_until = created_at + interval '2 minutes'
       WHERE status = 'processing'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE idempotency_record DROP COLUMN lease_until');
  }
}
