import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The loan's version: it grows by one with every event about the loan, in the event's transaction,
 * so consumers can tell a newer loan event from an older one redelivered late. loan.disbursed is
 * version 1 (or 2 after a waitlist); a loan opened before this migration counts on from 1.
 */
export class LoanVersion1764600000000 implements MigrationInterface {
  name = 'LoanVersion1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE loan ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await runner.query(`ALTER TABLE loan ALTER COLUMN version DROP DEFAULT`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE loan DROP COLUMN version`);
  }
}
