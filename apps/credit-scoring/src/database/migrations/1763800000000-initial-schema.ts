import { createMessagingTables, dropMessagingTables } from '@qollqa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCORECARD_V1 } from '../../scoring/scorecard-v1';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner);
    // Scorecards are versioned data: a new policy is a new row, and every score names its version.
    await runner.query(`
      CREATE TABLE scorecard (
        version    text PRIMARY KEY,
        definition jsonb NOT NULL,
        active     boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX scorecard_one_active_idx ON scorecard (active) WHERE active`,
    );
    await runner.query(
      `INSERT INTO scorecard (version, definition, active) VALUES ($1, $2, true)`,
      [SCORECARD_V1.version, JSON.stringify(SCORECARD_V1)],
    );
    await runner.query(`
      CREATE TABLE score (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id        uuid NOT NULL,
        submission            integer NOT NULL,
        scorecard_version     text NOT NULL REFERENCES scorecard(version),
        inputs                jsonb NOT NULL,
        value                 integer NOT NULL,
        grade                 text NOT NULL,
        recommendation        text NOT NULL,
        reasons               text[] NOT NULL,
        factors               jsonb NOT NULL,
        installment           numeric(14,2) NOT NULL,
        net_surplus           numeric(14,2) NOT NULL,
        max_affordable_amount numeric(14,2) NOT NULL,
        created_at            timestamptz NOT NULL DEFAULT now(),
        UNIQUE (application_id, submission)
      )`);
    // An enterprise's record with the fund, kept from loan events (repaid, days past due).
    await runner.query(`
      CREATE TABLE credit_history (
        enterprise_id   uuid PRIMARY KEY,
        loans_repaid    integer NOT NULL DEFAULT 0,
        max_days_past_due integer NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    // Which enterprise a loan belongs to: delinquency events name only the loan.
    await runner.query(
      `CREATE TABLE loan_enterprise (loan_id uuid PRIMARY KEY, enterprise_id uuid NOT NULL)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE loan_enterprise');
    await runner.query('DROP TABLE credit_history');
    await runner.query('DROP TABLE score');
    await runner.query('DROP TABLE scorecard');
    await dropMessagingTables(runner);
  }
}
