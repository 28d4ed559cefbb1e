import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The close-of-business history (GET /api/admin/closes) shows how long each close took and how many
 * loans changed SBS class in it. Closes from before this migration did not keep them: null.
 */
export class CloseHistory1764731100000 implements MigrationInterface {
  name = 'CloseHistory1764731100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE business_day_close
        ADD COLUMN duration_ms   integer CHECK (duration_ms >= 0),
        ADD COLUMN class_changes integer CHECK (class_changes >= 0)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE business_day_close DROP COLUMN duration_ms, DROP COLUMN class_changes`,
    );
  }
}
