import { createMessagingTables, dropMessagingTables } from '@qollqa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
    // Products are data: limits and rates change without a release.
    await runner.query(`
      CREATE TABLE product (
        code                  text PRIMARY KEY,
        name                  text NOT NULL,
        tea                   numeric(8,6) NOT NULL,
        moratory_tea          numeric(8,6) NOT NULL,
        min_amount            numeric(14,2) NOT NULL,
        max_amount            numeric(14,2) NOT NULL,
        min_term_months       integer NOT NULL,
        max_term_months       integer NOT NULL,
        max_grace_months      integer NOT NULL,
        second_approval_above numeric(14,2) NOT NULL,
        max_grant_share       numeric(5,4) NOT NULL,
        max_grant             numeric(14,2) NOT NULL,
        is_default            boolean NOT NULL DEFAULT false
      )`);
    await runner.query(`
      INSERT INTO product VALUES ('innovacion', 'Crédito de innovación', 0.18, 0.10, 500.00, 30000.00, 3, 36, 6,
                                  10000.00, 0.40, 5000.00, true)`);
    await runner.query(`
      CREATE TABLE enterprise (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id        text NOT NULL UNIQUE,
        name               text NOT NULL,
        municipality       text NOT NULL,
        value_chain        text NOT NULL,
        women_led          boolean NOT NULL,
        association_member boolean NOT NULL,
        years_in_activity  integer NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE application (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference              text NOT NULL UNIQUE,
        pin_hash               text NOT NULL,
        enterprise_id          uuid NOT NULL REFERENCES enterprise(id),
        product_code           text NOT NULL REFERENCES product(code),
        status                 text NOT NULL,
        submission             integer NOT NULL DEFAULT 1,
        amount                 numeric(14,2) NOT NULL,
        term_months            integer NOT NULL,
        grace_months           integer NOT NULL,
        purpose                text NOT NULL,
        collateral_value       numeric(14,2) NOT NULL,
        innovation_description text,
        innovation_cost        numeric(14,2),
        grant_requested        numeric(14,2) NOT NULL,
        monthly_revenue        numeric(14,2) NOT NULL,
        monthly_costs          numeric(14,2) NOT NULL,
        household_expenses     numeric(14,2) NOT NULL,
        other_debt_payments    numeric(14,2) NOT NULL,
        score                  jsonb,
        decision               text,
        decided_amount         numeric(14,2),
        decided_term_months    integer,
        decision_reason        text,
        decided_by             text,
        decided_by_id          uuid,
        decided_at             timestamptz,
        second_approval_by     text,
        second_approval_by_id  uuid,
        loan_id                uuid,
        created_by_id          uuid NOT NULL,
        idempotency_key        text,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX application_idempotency_idx ON application (created_by_id, idempotency_key)
       WHERE idempotency_key IS NOT NULL`,
    );
    await runner.query(`CREATE INDEX application_queue_idx ON application (status, created_at)`);
    await runner.query(`CREATE INDEX application_enterprise_idx ON application (enterprise_id)`);
    await runner.query(`
      CREATE TABLE application_timeline (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application(id),
        status         text NOT NULL,
        at             timestamptz NOT NULL DEFAULT clock_timestamp(),
        by             text NOT NULL,
        note           text
      )`);
    await runner.query(
      `CREATE INDEX application_timeline_idx ON application_timeline (application_id, id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE application_timeline');
    await runner.query('DROP TABLE application');
    await runner.query('DROP TABLE enterprise');
    await runner.query('DROP TABLE product');
    await dropMessagingTables(runner);
  }
}
