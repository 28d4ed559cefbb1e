import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reprogrammed loans in the read model (the summary's `reprogrammed { loans, outstanding }`): each
 * loan row says whether the loan was ever reprogrammed (from the `reprogrammed` of its events'
 * state), and the pre-summed cells gain that as one more dimension, so the figure is summed from
 * the cells like every other. No loan was reprogrammed before: every row and cell starts false.
 */
export class ReprogrammedLoans1764840200000 implements MigrationInterface {
  name = 'ReprogrammedLoans1764840200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE portfolio_loan ADD COLUMN reprogrammed boolean NOT NULL DEFAULT false`,
    );
    await runner.query(`
      ALTER TABLE portfolio_cell
        ADD COLUMN reprogrammed boolean NOT NULL DEFAULT false,
        DROP CONSTRAINT portfolio_cell_pkey,
        ADD PRIMARY KEY (value_chain, municipality, classification, dpd_band, reprogrammed)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM portfolio_cell WHERE reprogrammed`);
    await runner.query(`
      ALTER TABLE portfolio_cell
        DROP CONSTRAINT portfolio_cell_pkey,
        DROP COLUMN reprogrammed,
        ADD PRIMARY KEY (value_chain, municipality, classification, dpd_band)`);
    await runner.query(`ALTER TABLE portfolio_loan DROP COLUMN reprogrammed`);
  }
}
