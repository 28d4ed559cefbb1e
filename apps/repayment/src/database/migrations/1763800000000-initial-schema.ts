import { createMessagingTables, dropMessagingTables } from '@qollqa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);

    // The one business date of the system: the date of the last close of business. Its row is
    // created at the first start (BUSINESS_DATE_START or today); `announced` records that the
    // initial date was published as business_day.closed.
    await runner.query(`
      CREATE TABLE business_date (
        id            boolean PRIMARY KEY DEFAULT true CHECK (id),
        business_date date NOT NULL,
        announced     boolean NOT NULL DEFAULT false,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per closed date: a date is never closed twice. close_id is the correlation id of the
    // events of that close.
    await runner.query(`
      CREATE TABLE business_day_close (
        business_date          date PRIMARY KEY,
        previous_business_date date NOT NULL,
        close_id               uuid NOT NULL UNIQUE,
        open_loans             integer NOT NULL,
        loans_aged             integer NOT NULL,
        loans_claimed          integer NOT NULL,
        closed_at              timestamptz NOT NULL DEFAULT now()
      )`);
    // Delinquency policy as data (one row): the fund manager's thresholds change without a release.
    await runner.query(`
      CREATE TABLE delinquency_policy (
        id                   boolean PRIMARY KEY DEFAULT true CHECK (id),
        claim_threshold_days integer NOT NULL CHECK (claim_threshold_days > 0),
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`INSERT INTO delinquency_policy (claim_threshold_days) VALUES (90)`);

    // Rates and coverage are plain numeric: they keep the scale they came with ("0.18", "0.70").
    await runner.query(`
      CREATE TABLE loan (
        id                    uuid PRIMARY KEY,
        application_id        uuid NOT NULL,
        reference             text NOT NULL,
        enterprise_id         uuid NOT NULL,
        enterprise_name       text NOT NULL,
        municipality          text NOT NULL,
        value_chain           text NOT NULL,
        women_led             boolean NOT NULL,
        product_code          text NOT NULL,
        principal             numeric(14,2) NOT NULL CHECK (principal > 0),
        tea                   numeric NOT NULL,
        moratory_tea          numeric NOT NULL,
        term_months           integer NOT NULL,
        grace_months          integer NOT NULL,
        disbursed_on          date NOT NULL,
        coverage              numeric NOT NULL,
        guarantee_fee         numeric(14,2) NOT NULL,
        grant_amount          numeric(14,2) NOT NULL,
        payout                numeric(14,2) NOT NULL,
        status                text NOT NULL
                              CHECK (status IN ('active', 'claimed', 'repaid', 'written_off')),
        outstanding_principal numeric(14,2) NOT NULL CHECK (outstanding_principal >= 0),
        moratory_interest_due numeric(14,2) NOT NULL DEFAULT 0 CHECK (moratory_interest_due >= 0),
        days_past_due         integer NOT NULL DEFAULT 0,
        classification        text NOT NULL DEFAULT 'normal',
        max_days_past_due     integer NOT NULL DEFAULT 0,
        claimed_on            date,
        claim_amount          numeric(14,2),
        repaid_on             date,
        written_off_on        date,
        written_off_by        text,
        write_off_reason      text,
        disbursed_event_id    uuid NOT NULL,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX loan_enterprise_idx ON loan (enterprise_id)`);
    await runner.query(`CREATE INDEX loan_list_idx ON loan (disbursed_on, id)`);
    // The close of business revisits only the loans that are behind (see close-business-day.ts).
    await runner.query(
      `CREATE INDEX loan_delinquent_idx ON loan (days_past_due) WHERE days_past_due > 0`,
    );

    // `interest` is what the installment owes in interest: a prepayment that clears the
    // installment's principal before it falls due cancels it (cancelled_interest keeps the trace).
    await runner.query(`
      CREATE TABLE installment (
        loan_id            uuid NOT NULL REFERENCES loan(id),
        number             integer NOT NULL,
        due_date           date NOT NULL,
        principal          numeric(14,2) NOT NULL,
        interest           numeric(14,2) NOT NULL,
        paid_principal     numeric(14,2) NOT NULL DEFAULT 0,
        paid_interest      numeric(14,2) NOT NULL DEFAULT 0,
        cancelled_interest numeric(14,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (loan_id, number),
        CHECK (paid_principal BETWEEN 0 AND principal),
        CHECK (paid_interest BETWEEN 0 AND interest)
      )`);
    // Only installments not fully paid, by due date: the close finds the overdue ones without
    // scanning the installments of the loans that are current. (The predicate must stay identical
    // to UNPAID_INSTALLMENT in close-business-day.ts, or the planner will not use the index.)
    await runner.query(`
      CREATE INDEX installment_unpaid_idx ON installment (due_date, loan_id)
      WHERE paid_principal < principal OR paid_interest < interest`);

    await runner.query(`
      CREATE TABLE repayment (
        id                uuid PRIMARY KEY,
        -- Assigned under the loan's lock: the order in which a loan's repayments were applied.
        seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        loan_id           uuid NOT NULL REFERENCES loan(id),
        external_ref      text NOT NULL,
        amount            numeric(14,2) NOT NULL CHECK (amount > 0),
        paid_on           date NOT NULL,
        moratory_interest numeric(14,2) NOT NULL,
        interest          numeric(14,2) NOT NULL,
        principal         numeric(14,2) NOT NULL,
        prepayment        numeric(14,2) NOT NULL,
        business_date     date NOT NULL,
        recorded_by       text NOT NULL,
        recorded_by_id    uuid NOT NULL,
        result            jsonb NOT NULL,
        recorded_at       timestamptz NOT NULL DEFAULT now(),
        CHECK (moratory_interest + interest + principal + prepayment = amount)
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX repayment_external_ref_idx ON repayment (loan_id, external_ref)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'repayment',
      'installment',
      'loan',
      'delinquency_policy',
      'business_day_close',
      'business_date',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await dropMessagingTables(runner);
  }
}
