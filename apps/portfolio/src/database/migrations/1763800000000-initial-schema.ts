import { createMessagingTables, dropMessagingTables } from '@qollqa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portfolio read model, built only from events. `portfolio_loan` has one row per loan ever paid
 * out; `portfolio_cell` keeps the gross portfolio (active and claimed loans) summed by value chain,
 * municipality, SBS class and days-past-due band, so the summary reads a few hundred rows at most,
 * never every loan.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
    await runner.query(`
      CREATE TABLE portfolio_loan (
        loan_id        uuid PRIMARY KEY,
        enterprise_id  uuid NOT NULL,
        value_chain    text NOT NULL,
        municipality   text NOT NULL,
        women_led      boolean NOT NULL,
        principal      numeric(14,2) NOT NULL,
        status         text NOT NULL,
        outstanding    numeric(14,2) NOT NULL,
        days_past_due  integer NOT NULL,
        classification text NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX portfolio_loan_largest_idx ON portfolio_loan (outstanding DESC) WHERE status IN ('active', 'claimed')`,
    );
    await runner.query(`
      CREATE TABLE portfolio_cell (
        value_chain    text NOT NULL,
        municipality   text NOT NULL,
        classification text NOT NULL,
        -- 0: DPD ≤ 1, 1: 1 < DPD ≤ 30, 2: 30 < DPD ≤ 90, 3: DPD > 90 (the PAR thresholds)
        dpd_band       smallint NOT NULL,
        loans          integer NOT NULL,
        outstanding    numeric(16,2) NOT NULL,
        PRIMARY KEY (value_chain, municipality, classification, dpd_band)
      )`);
    await runner.query(`
      CREATE TABLE portfolio_enterprise (enterprise_id uuid PRIMARY KEY, women_led boolean NOT NULL)`);
    await runner.query(`
      CREATE TABLE portfolio_state (
        id                 integer PRIMARY KEY CHECK (id = 1),
        business_date      date,
        enterprises        integer NOT NULL DEFAULT 0,
        women_led          integer NOT NULL DEFAULT 0,
        position_version   bigint NOT NULL DEFAULT 0,
        available_capital  numeric(16,2),
        exposure           numeric(16,2),
        leverage_limit     numeric(8,2)
      )`);
    await runner.query(`INSERT INTO portfolio_state (id) VALUES (1)`);
    // When concentration is worth an alert: policy as data.
    await runner.query(`
      CREATE TABLE portfolio_policy (
        id                  integer PRIMARY KEY CHECK (id = 1),
        value_chain_share   numeric(5,4) NOT NULL,
        municipality_share  numeric(5,4) NOT NULL,
        loan_share          numeric(5,4) NOT NULL,
        limit_used          numeric(5,4) NOT NULL
      )`);
    await runner.query(`INSERT INTO portfolio_policy VALUES (1, 0.60, 0.50, 0.05, 0.80)`);
    await runner.query(`
      CREATE TABLE portfolio_history (
        business_date date PRIMARY KEY,
        summary       jsonb NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'portfolio_history',
      'portfolio_policy',
      'portfolio_state',
      'portfolio_enterprise',
      'portfolio_cell',
      'portfolio_loan',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await dropMessagingTables(runner);
  }
}
