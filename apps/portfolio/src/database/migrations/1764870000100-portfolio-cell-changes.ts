import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gross portfolio's cells take their changes as rows of `portfolio_cell_change` (a loan leaving
 * one cell and joining another: −1 and +1, with its outstanding) instead of updating the cell row
 * that every loan of a value chain, municipality and class shares — under load the handlers queued
 * on that row's lock. A fold moves the changes into `portfolio_cell` every 2 s; reads sum both.
 */
export class PortfolioCellChanges1764870000100 implements MigrationInterface {
  name = 'PortfolioCellChanges1764870000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE portfolio_cell_change (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        value_chain    text NOT NULL,
        municipality   text NOT NULL,
        classification text NOT NULL,
        dpd_band       smallint NOT NULL,
        reprogrammed   boolean NOT NULL,
        loans          integer NOT NULL,
        outstanding    numeric(16,2) NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // The changes not folded yet go into the cells first, so no figure is lost.
    await runner.query(`
      WITH moved AS (DELETE FROM portfolio_cell_change RETURNING *)
      INSERT INTO portfolio_cell AS c (value_chain, municipality, classification, dpd_band, reprogrammed, loans, outstanding)
      SELECT value_chain, municipality, classification, dpd_band, reprogrammed, sum(loans), sum(outstanding)
      FROM moved GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (value_chain, municipality, classification, dpd_band, reprogrammed)
      DO UPDATE SET loans = c.loans + EXCLUDED.loans, outstanding = c.outstanding + EXCLUDED.outstanding`);
    await runner.query(`DROP TABLE portfolio_cell_change`);
  }
}
