import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trigger function that announces the guarantee position (first written by the initial schema);
 * from this migration on its envelope carries the position's version as its aggregateVersion.
 */
const announceGuaranteePosition = (withAggregateVersion: boolean) => `
  CREATE OR REPLACE FUNCTION announce_guarantee_position() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE event_id uuid := gen_random_uuid();
  BEGIN
    NEW.version := OLD.version + 1;
    INSERT INTO outbox (event_id, type, envelope) VALUES (event_id, 'fund.guarantee_position_changed',
      jsonb_build_object(
        'id', event_id, 'type', 'fund.guarantee_position_changed', 'version', 1,
        'occurredAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'aggregateId', '00000000-0000-4000-8000-000000000001',
        ${withAggregateVersion ? `'aggregateVersion', NEW.version,` : ''}
        'correlationId', event_id, 'causationId', null,
        'payload', jsonb_build_object(
          'positionVersion', NEW.version,
          'availableCapital', NEW.available_capital::text,
          'exposure', NEW.exposure::text,
          'leverageLimit', (SELECT leverage_limit::numeric(8,2)::text FROM fund_policy WHERE id = 1))));
    RETURN NEW;
  END $$`;

/**
 * Redelivered loan events must not overwrite newer ones. Each disbursement row keeps the version of
 * the newest loan event it has applied (its own loan.waitlisted and loan.disbursed first, then the
 * repayment service's) and what the fund is owed back from repayments made after a claim, so a
 * repayment handled before its loan's claim is shared with the fund once the claim arrives.
 */
export class LoanVersion1764600000000 implements MigrationInterface {
  name = 'LoanVersion1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE disbursement
        ADD COLUMN loan_version integer NOT NULL DEFAULT 0,
        ADD COLUMN recovery_entitled numeric(14,2) NOT NULL DEFAULT 0`);
    // Rows from before: what the fund has recovered is what it was owed back so far.
    await runner.query(`UPDATE disbursement SET recovery_entitled = recovered`);
    await runner.query(announceGuaranteePosition(true));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(announceGuaranteePosition(false));
    await runner.query(
      `ALTER TABLE disbursement DROP COLUMN loan_version, DROP COLUMN recovery_entitled`,
    );
  }
}
