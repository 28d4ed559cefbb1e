import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Loan events may arrive out of order. Each loan row keeps the version of the newest event whose state
 * it holds, and a row can exist before its loan.disbursed (a later event handled first): such a row
 * (`disbursed_seen` false) holds the loan's state but counts in no cell until loan.disbursed says
 * where the loan belongs (value chain, municipality).
 */
export class LoanVersion1764600000000 implements MigrationInterface {
  name = 'LoanVersion1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE portfolio_loan
        ADD COLUMN version integer NOT NULL DEFAULT 0,
        ADD COLUMN disbursed_seen boolean NOT NULL DEFAULT true,
        ALTER COLUMN enterprise_id DROP NOT NULL,
        ALTER COLUMN value_chain DROP NOT NULL,
        ALTER COLUMN municipality DROP NOT NULL,
        ALTER COLUMN women_led DROP NOT NULL,
        ALTER COLUMN principal DROP NOT NULL`);
    await runner.query(`ALTER TABLE portfolio_loan ALTER COLUMN disbursed_seen DROP DEFAULT`);
    await runner.query(`
      ALTER TABLE portfolio_loan ADD CONSTRAINT portfolio_loan_placed CHECK (
        NOT disbursed_seen OR (enterprise_id IS NOT NULL AND value_chain IS NOT NULL
          AND municipality IS NOT NULL AND women_led IS NOT NULL AND principal IS NOT NULL))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM portfolio_loan WHERE NOT disbursed_seen`);
    await runner.query(`
      ALTER TABLE portfolio_loan
        DROP CONSTRAINT portfolio_loan_placed,
        DROP COLUMN version,
        DROP COLUMN disbursed_seen,
        ALTER COLUMN enterprise_id SET NOT NULL,
        ALTER COLUMN value_chain SET NOT NULL,
        ALTER COLUMN municipality SET NOT NULL,
        ALTER COLUMN women_led SET NOT NULL,
        ALTER COLUMN principal SET NOT NULL`);
  }
}
