import { createMessagingTables, dropMessagingTables } from '@qollqa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);

    // Fund policy is data: the fund manager's parameters, versioned by the row's history in the ledger.
    await runner.query(`
      CREATE TABLE fund_policy (
        id                        integer PRIMARY KEY CHECK (id = 1),
        leverage_limit            numeric(8,4) NOT NULL,
        coverage                  numeric(5,4) NOT NULL,
        coverage_with_collateral  numeric(5,4) NOT NULL,
        collateral_share_required numeric(5,4) NOT NULL,
        guarantee_fee_rate        numeric(6,5) NOT NULL,
        max_grant_per_enterprise  numeric(14,2) NOT NULL
      )`);
    await runner.query(`INSERT INTO fund_policy VALUES (1, 4, 0.70, 0.50, 0.50, 0.015, 5000.00)`);

    // The double-entry journal. Entries are never updated or deleted (enforced below).
    await runner.query(`
      CREATE TABLE ledger_account (
        code text PRIMARY KEY,
        fund text NOT NULL CHECK (fund IN ('guarantee', 'innovation', 'lending_pool')),
        name text NOT NULL
      )`);
    await runner.query(`
      INSERT INTO ledger_account (code, fund, name) VALUES
        ('guarantee.cash',                'guarantee',    'Guarantee fund cash'),
        ('guarantee.capital',             'guarantee',    'Guarantee fund capital contributed'),
        ('guarantee.fees',                'guarantee',    'Guarantee fees earned'),
        ('guarantee.claims_paid',         'guarantee',    'Guarantee claims paid'),
        ('guarantee.recoveries',          'guarantee',    'Recoveries on claimed loans'),
        ('innovation.cash',               'innovation',   'Innovation fund cash'),
        ('innovation.budget',             'innovation',   'Innovation budget contributed'),
        ('innovation.grants_expense',     'innovation',   'Matching grants awarded'),
        ('innovation.grants_committed',   'innovation',   'Matching grants committed, not yet paid'),
        ('lending_pool.cash',             'lending_pool', 'Lending pool cash (partner lender)'),
        ('lending_pool.loans_receivable', 'lending_pool', 'Principal owed by enterprises'),
        ('lending_pool.interest_income',  'lending_pool', 'Interest and moratory interest earned'),
        ('lending_pool.guarantee_claims', 'lending_pool', 'Claims received, owed back from recoveries'),
        ('lending_pool.write_offs',       'lending_pool', 'Principal written off')`);
    await runner.query(`
      CREATE TABLE ledger_transaction (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key         text NOT NULL UNIQUE,
        kind        text NOT NULL,
        caused_by   text NOT NULL,
        description text NOT NULL,
        business_date date,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE ledger_entry (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id uuid NOT NULL REFERENCES ledger_transaction(id),
        account_code   text NOT NULL REFERENCES ledger_account(code),
        debit          numeric(16,2) NOT NULL DEFAULT 0 CHECK (debit >= 0),
        credit         numeric(16,2) NOT NULL DEFAULT 0 CHECK (credit >= 0),
        CHECK ((debit = 0) <> (credit = 0))
      )`);
    await runner.query(`CREATE INDEX ledger_entry_account_idx ON ledger_entry (account_code)`);
    await runner.query(
      `CREATE INDEX ledger_entry_transaction_idx ON ledger_entry (transaction_id)`,
    );
    await runner.query(`
      CREATE FUNCTION ledger_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the ledger is append-only: post a correcting transaction instead'; END $$`);
    for (const table of ['ledger_transaction', 'ledger_entry']) {
      await runner.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ledger_is_immutable()`);
    }
    // A transaction's entries must balance: checked when the database transaction commits.
    await runner.query(`
      CREATE FUNCTION ledger_transaction_balances() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE imbalance numeric;
      BEGIN
        SELECT coalesce(sum(debit) - sum(credit), 0) INTO imbalance FROM ledger_entry WHERE transaction_id = NEW.transaction_id;
        IF imbalance <> 0 THEN
          RAISE EXCEPTION 'ledger transaction % does not balance (debits − credits = %)', NEW.transaction_id, imbalance;
        END IF;
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balances()`);

    // Positions maintained in the same database transaction as the entries that move them, so a
    // reservation is one conditional UPDATE (no sum over the journal under a lock). A check compares
    // them with the journal (FundsService.reconcile).
    await runner.query(`
      CREATE TABLE guarantee_position (
        id                integer PRIMARY KEY CHECK (id = 1),
        available_capital numeric(16,2) NOT NULL,
        exposure          numeric(16,2) NOT NULL CHECK (exposure >= 0)
      )`);
    await runner.query(`INSERT INTO guarantee_position VALUES (1, 0, 0)`);
    await runner.query(
      `ALTER TABLE guarantee_position ADD COLUMN version bigint NOT NULL DEFAULT 0`,
    );
    // Every change of the guarantee fund's position is announced (for the portfolio's leverage view)
    // by a trigger writing to the outbox in the same transaction: no code path can forget it.
    await runner.query(`
      CREATE FUNCTION announce_guarantee_position() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE event_id uuid := gen_random_uuid();
      BEGIN
        NEW.version := OLD.version + 1;
        INSERT INTO outbox (event_id, type, envelope) VALUES (event_id, 'fund.guarantee_position_changed',
          jsonb_build_object(
            'id', event_id, 'type', 'fund.guarantee_position_changed', 'version', 1,
            'occurredAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'aggregateId', '00000000-0000-4000-8000-000000000001', 'correlationId', event_id, 'causationId', null,
            'payload', jsonb_build_object(
              'positionVersion', NEW.version,
              'availableCapital', NEW.available_capital::text,
              'exposure', NEW.exposure::text,
              'leverageLimit', (SELECT leverage_limit::numeric(8,2)::text FROM fund_policy WHERE id = 1))));
        RETURN NEW;
      END $$`);
    await runner.query(`
      CREATE TRIGGER guarantee_position_announced BEFORE UPDATE ON guarantee_position
      FOR EACH ROW EXECUTE FUNCTION announce_guarantee_position()`);
    await runner.query(`
      CREATE TABLE innovation_position (
        id        integer PRIMARY KEY CHECK (id = 1),
        budget    numeric(16,2) NOT NULL,
        committed numeric(16,2) NOT NULL CHECK (committed >= 0),
        disbursed numeric(16,2) NOT NULL CHECK (disbursed >= 0),
        CHECK (committed + disbursed <= budget)
      )`);
    await runner.query(`INSERT INTO innovation_position VALUES (1, 0, 0, 0)`);

    // The business date, as announced by the repayment service's close of business.
    await runner.query(
      `CREATE TABLE business_calendar (id integer PRIMARY KEY CHECK (id = 1), business_date date NOT NULL)`,
    );

    // One row per approved application: its guarantee, grant and payout.
    await runner.query(`
      CREATE TABLE disbursement (
        application_id     uuid PRIMARY KEY,
        loan_id            uuid NOT NULL UNIQUE,
        enterprise_id      uuid NOT NULL,
        status             text NOT NULL CHECK (status IN ('waitlisted', 'reserved', 'disbursed')),
        approval           jsonb NOT NULL,
        principal          numeric(14,2) NOT NULL,
        coverage           numeric(5,4) NOT NULL,
        guarantee_fee      numeric(14,2) NOT NULL,
        grant_amount       numeric(14,2) NOT NULL,
        grant_refusal      text,
        queued_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
        disbursed_on       date,
        guarantee_status   text NOT NULL CHECK (guarantee_status IN ('none', 'active', 'claimed', 'released')),
        outstanding_principal numeric(14,2) NOT NULL,
        exposure           numeric(14,2) NOT NULL,
        claim_paid         numeric(14,2) NOT NULL DEFAULT 0,
        recovered          numeric(14,2) NOT NULL DEFAULT 0
      )`);
    await runner.query(
      `CREATE INDEX disbursement_waitlist_idx ON disbursement (queued_at) WHERE status = 'waitlisted'`,
    );
    await runner.query(`CREATE INDEX disbursement_enterprise_idx ON disbursement (enterprise_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'disbursement',
      'business_calendar',
      'innovation_position',
      'guarantee_position',
      'ledger_entry',
      'ledger_transaction',
      'ledger_account',
      'fund_policy',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await runner.query('DROP FUNCTION announce_guarantee_position');
    await runner.query('DROP FUNCTION ledger_transaction_balances');
    await runner.query('DROP FUNCTION ledger_is_immutable');
    await dropMessagingTables(runner);
  }
}
