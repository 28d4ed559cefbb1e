import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A repayment that repaid a loan can be reversed (loan.repayment_reversed): the loan is open again
 * and no longer counts in its enterprise's loans repaid. Whether it counts follows the newest loan
 * event that says so (loan.repaid or loan.repayment_reversed), by aggregateVersion, so a loan.repaid
 * redelivered after its reversal counts nothing. Rows from before know no version: 0.
 */
export class CreditLoanRepaidVersion1764731200000 implements MigrationInterface {
  name = 'CreditLoanRepaidVersion1764731200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE credit_loan ADD COLUMN repaid_version integer NOT NULL DEFAULT 0`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE credit_loan DROP COLUMN repaid_version`);
  }
}
