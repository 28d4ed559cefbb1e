import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cost disclosure (SPEC.md): every score quotes the TCEA of the requested amount, term and grace.
 * - `score.tcea`: that figure, 4 places; null on scores made before it was computed.
 * - `quote_policy`: the guarantee terms the quote assumes — the guarantee fund's defaults (coverage
 *   70 %, or 50 % with collateral worth at least half the amount; a fee of 1.5 % of the guaranteed
 *   part), as data: a change of the fund's policy is made here too.
 */
export class ScoreTcea1764840000000 implements MigrationInterface {
  name = 'ScoreTcea1764840000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE score ADD COLUMN tcea numeric(8,4)`);
    await runner.query(`
      CREATE TABLE quote_policy (
        id                        integer PRIMARY KEY CHECK (id = 1),
        coverage                  numeric(5,4) NOT NULL,
        coverage_with_collateral  numeric(5,4) NOT NULL,
        collateral_share_required numeric(5,4) NOT NULL,
        guarantee_fee_rate        numeric(6,5) NOT NULL
      )`);
    await runner.query(`INSERT INTO quote_policy VALUES (1, 0.70, 0.50, 0.50, 0.015)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE quote_policy`);
    await runner.query(`ALTER TABLE score DROP COLUMN tcea`);
  }
}
