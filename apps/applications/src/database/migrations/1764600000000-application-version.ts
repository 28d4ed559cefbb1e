import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application's version: it grows by one with every event about the application, in the event's
 * transaction (ApplicationTransitions). Applications created before this migration count on from 0.
 */
export class ApplicationVersion1764600000000 implements MigrationInterface {
  name = 'ApplicationVersion1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE application ADD COLUMN version integer NOT NULL DEFAULT 0`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE application DROP COLUMN version`);
  }
}
