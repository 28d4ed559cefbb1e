import { buildFrenchSchedule, tcea } from '@qollqa/money';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reprogramming and cost disclosure (SPEC.md):
 * - `loan.tcea`: the TCEA of the schedule at disbursement against principal − guarantee fee. Loans
 *   opened before it get theirs from their terms: the schedule disbursement built is the French
 *   schedule of principal, TEA, term and grace (dates do not matter: one installment a month).
 * - `loan.reprogrammings` (how many; at most two) and `loan.classification_kept`: while the loan
 *   lives its class is the worse of this and its days past due's.
 * - `installment.deferred_interest`: the part of an installment's interest deferred by a
 *   reprogramming (never cancelled by a prepayment); `installment.rescheduled_by`: the reprogramming
 *   that replaced it (status `rescheduled`, principal and interest cut to what was paid).
 * - `reprogramming`: who, when, why, what it replaced; `last_repayment_seq` the loan's latest
 *   repayment then (a repayment made before a reprogramming can no longer be reversed).
 * - `emergency` and `emergency_loan`: the loans an emergency found in its districts, each with
 *   its outcome, so a declaration stopped half-way is finished by the same request (keyed by the
 *   declarer and its Idempotency-Key) without doing any loan twice or forgetting one.
 */
export class Reprogramming1764840100000 implements MigrationInterface {
  name = 'Reprogramming1764840100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE loan
        ADD COLUMN tcea numeric(8,4),
        ADD COLUMN reprogrammings integer NOT NULL DEFAULT 0,
        ADD COLUMN classification_kept text`);
    await this.backfillTcea(runner);
    await runner.query(`ALTER TABLE loan ALTER COLUMN tcea SET NOT NULL`);
    await runner.query(`
      ALTER TABLE installment
        ADD COLUMN deferred_interest numeric(14,2) NOT NULL DEFAULT 0,
        ADD COLUMN rescheduled_by uuid`);
    // An emergency looks for the open loans of its districts.
    await runner.query(
      `CREATE INDEX loan_open_municipality_idx ON loan (lower(municipality)) WHERE status IN ('active', 'claimed')`,
    );
    await runner.query(`
      CREATE TABLE emergency (
        id               uuid PRIMARY KEY,
        name             text NOT NULL,
        declared_on      date NOT NULL,
        municipalities   text[] NOT NULL,
        value_chains     text[],
        reason           text NOT NULL,
        extension_months integer NOT NULL,
        grace_months     integer NOT NULL,
        declared_by      text NOT NULL,
        declared_by_id   uuid NOT NULL,
        idempotency_key  text,
        business_date    date NOT NULL,
        status           text NOT NULL DEFAULT 'in_progress',
        declared_at      timestamptz NOT NULL DEFAULT now(),
        completed_at     timestamptz,
        UNIQUE (declared_by_id, idempotency_key)
      )`);
    await runner.query(`CREATE INDEX emergency_declared_idx ON emergency (declared_at DESC, id)`);
    await runner.query(`
      CREATE TABLE reprogramming (
        id                         uuid PRIMARY KEY,
        loan_id                    uuid NOT NULL REFERENCES loan (id),
        number                     integer NOT NULL,
        business_date              date NOT NULL,
        reason                     text NOT NULL,
        note                       text NOT NULL,
        extension_months           integer NOT NULL,
        grace_months               integer NOT NULL,
        reprogrammed_by            text NOT NULL,
        reprogrammed_by_id         uuid NOT NULL,
        classification_kept        text NOT NULL,
        days_past_due              integer NOT NULL,
        outstanding_principal      numeric(14,2) NOT NULL,
        deferred_interest          numeric(14,2) NOT NULL,
        deferred_moratory_interest numeric(14,2) NOT NULL,
        replaced_installments      integer[] NOT NULL,
        term_months_before         integer NOT NULL,
        term_months_after          integer NOT NULL,
        last_repayment_seq         bigint,
        emergency_id               uuid REFERENCES emergency (id),
        recorded_at                timestamptz NOT NULL DEFAULT now(),
        UNIQUE (loan_id, number)
      )`);
    await runner.query(`
      CREATE TABLE emergency_loan (
        emergency_id     uuid NOT NULL REFERENCES emergency (id),
        loan_id          uuid NOT NULL REFERENCES loan (id),
        reference        text NOT NULL,
        -- pending until its own transaction reprograms it or skips it
        outcome          text NOT NULL DEFAULT 'pending',
        why              text,
        reprogramming_id uuid REFERENCES reprogramming (id),
        PRIMARY KEY (emergency_id, loan_id)
      )`);
  }

  /** The TCEA of every loan, computed once per distinct set of terms. */
  private async backfillTcea(runner: QueryRunner): Promise<void> {
    const terms: {
      principal: string;
      guarantee_fee: string;
      tea: string;
      term_months: number;
      grace_months: number;
    }[] = await runner.query(
      `SELECT DISTINCT principal::text, guarantee_fee::text, tea::text, term_months, grace_months
       FROM loan WHERE tcea IS NULL`,
    );
    for (let start = 0; start < terms.length; start += 1000) {
      const slice = terms.slice(start, start + 1000);
      const figures = slice.map((t) =>
        tcea({
          principal: t.principal,
          guaranteeFee: t.guarantee_fee,
          installments: buildFrenchSchedule({
            principal: t.principal,
            tea: t.tea,
            termMonths: t.term_months,
            graceMonths: t.grace_months,
            disbursedOn: '2000-01-15',
          }).map((line) => line.installment),
        }),
      );
      await runner.query(
        `UPDATE loan l SET tcea = t.tcea
         FROM unnest($1::numeric[], $2::numeric[], $3::numeric[], $4::int[], $5::int[], $6::numeric[])
           AS t(principal, guarantee_fee, tea, term_months, grace_months, tcea)
         WHERE l.tcea IS NULL AND l.principal = t.principal AND l.guarantee_fee = t.guarantee_fee
           AND l.tea = t.tea AND l.term_months = t.term_months AND l.grace_months = t.grace_months`,
        [
          slice.map((t) => t.principal),
          slice.map((t) => t.guarantee_fee),
          slice.map((t) => t.tea),
          slice.map((t) => t.term_months),
          slice.map((t) => t.grace_months),
          figures,
        ],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE emergency_loan`);
    await runner.query(`DROP TABLE reprogramming`);
    await runner.query(`DROP TABLE emergency`);
    await runner.query(`DROP INDEX loan_open_municipality_idx`);
    await runner.query(
      `ALTER TABLE installment DROP COLUMN deferred_interest, DROP COLUMN rescheduled_by`,
    );
    await runner.query(
      `ALTER TABLE loan DROP COLUMN tcea, DROP COLUMN reprogrammings, DROP COLUMN classification_kept`,
    );
  }
}
