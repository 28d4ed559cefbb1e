import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Loan events now name their enterprise, so a delinquency handled before its loan's loan.disbursed is
 * no longer lost. The loan table keeps, per loan, whether its repayment has been counted: a loan
 * counts once in the enterprise's loans repaid, whatever events repeat.
 */
export class CreditLoan1764600000000 implements MigrationInterface {
  name = 'CreditLoan1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE loan_enterprise RENAME TO credit_loan`);
    await runner.query(`ALTER TABLE credit_loan ADD COLUMN repaid boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE credit_loan DROP COLUMN repaid`);
    await runner.query(`ALTER TABLE credit_loan RENAME TO loan_enterprise`);
  }
}
