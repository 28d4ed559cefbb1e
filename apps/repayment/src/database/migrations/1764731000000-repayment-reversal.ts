import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A repayment recorded by mistake can be reversed on the business date it was recorded. So that the
 * loan can be put back exactly, each repayment keeps, from now on, what it did to each installment
 * (repayment_allocation: principal and interest paid, interest cancelled by a prepayment) and the
 * loan's status, days past due, class and worst days past due before it. A reversed repayment stays
 * (who, when, why); its receipt number may then be recorded again, so externalRef is unique only
 * among the repayments that are not reversed. Repayments recorded before this migration have no
 * undo data (their before-state is null) and cannot be reversed.
 */
export class RepaymentReversal1764731000000 implements MigrationInterface {
  name = 'RepaymentReversal1764731000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE repayment
        ADD COLUMN loan_status_before        text,
        ADD COLUMN days_past_due_before      integer,
        ADD COLUMN classification_before     text,
        ADD COLUMN max_days_past_due_before  integer,
        ADD COLUMN claimed_when_recorded     boolean,
        ADD COLUMN reversed_at               timestamptz,
        ADD COLUMN reversed_by               text,
        ADD COLUMN reversed_by_id            uuid,
        ADD COLUMN reversal_reason           text,
        ADD CONSTRAINT repayment_reversal_complete CHECK (
          (reversed_at IS NULL AND reversed_by IS NULL AND reversed_by_id IS NULL AND reversal_reason IS NULL)
          OR (reversed_at IS NOT NULL AND reversed_by IS NOT NULL AND reversed_by_id IS NOT NULL
              AND reversal_reason IS NOT NULL))`);
    await runner.query(`
      CREATE TABLE repayment_allocation (
        repayment_id       uuid NOT NULL REFERENCES repayment(id),
        installment_number integer NOT NULL,
        principal          numeric(14,2) NOT NULL CHECK (principal >= 0),
        interest           numeric(14,2) NOT NULL CHECK (interest >= 0),
        cancelled_interest numeric(14,2) NOT NULL CHECK (cancelled_interest >= 0),
        PRIMARY KEY (repayment_id, installment_number)
      )`);
    await runner.query(`DROP INDEX repayment_external_ref_idx`);
    await runner.query(
      `CREATE UNIQUE INDEX repayment_external_ref_idx ON repayment (loan_id, external_ref)
       WHERE reversed_at IS NULL`,
    );
    // A loan's repayments in the order they were applied: its list, and its latest one.
    await runner.query(`CREATE INDEX repayment_loan_seq_idx ON repayment (loan_id, seq)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX repayment_loan_seq_idx`);
    await runner.query(`DROP INDEX repayment_external_ref_idx`);
    await runner.query(
      `CREATE UNIQUE INDEX repayment_external_ref_idx ON repayment (loan_id, external_ref)`,
    );
    await runner.query(`DROP TABLE repayment_allocation`);
    await runner.query(`
      ALTER TABLE repayment
        DROP CONSTRAINT repayment_reversal_complete,
        DROP COLUMN loan_status_before, DROP COLUMN days_past_due_before,
        DROP COLUMN classification_before, DROP COLUMN max_days_past_due_before,
        DROP COLUMN claimed_when_recorded, DROP COLUMN reversed_at, DROP COLUMN reversed_by,
        DROP COLUMN reversed_by_id, DROP COLUMN reversal_reason`);
  }
}
