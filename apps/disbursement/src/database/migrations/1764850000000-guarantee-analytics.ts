import { coveredAmountSql } from '@qollqa/money';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the summary sums, in its columns' order (guarantee_summary and guarantee_summary_change). */
const MEASURES = [
  'loans',
  'principal',
  'guaranteed',
  'outstanding',
  'par30_outstanding',
  'claims',
  'claimed_amount',
  'recovered',
  'active_loans',
  'exposure',
];

const measureColumns = `
  loans             integer NOT NULL,
  principal         numeric(16,2) NOT NULL,
  guaranteed        numeric(16,2) NOT NULL,
  outstanding       numeric(16,2) NOT NULL,
  par30_outstanding numeric(16,2) NOT NULL,
  claims            integer NOT NULL,
  claimed_amount    numeric(16,2) NOT NULL,
  recovered         numeric(16,2) NOT NULL,
  active_loans      integer NOT NULL,
  exposure          numeric(16,2) NOT NULL`;

/**
 * The guarantee fund's analytics and stress test, answered from pre-summed rows.
 *
 * - Each payout row learns the loan's state the repayment service's events carry — its status, days
 *   past due and SBS class (from loan.delinquency_changed and every other loan event) — replaced only
 *   by a newer event, like its outstanding principal.
 * - `guarantee_summary` holds, per month of disbursement (the vintage) and SBS class, what the paid-out
 *   loans add up to: loans, principal, guaranteed at disbursement (coverage × principal), outstanding
 *   in the portfolio and past 30 days, claims, recoveries, active guarantees and their exposure. A
 *   trigger on `disbursement` writes each row's change of contribution (the old one taken out, the new
 *   one put in) to `guarantee_summary_change` in the same transaction, so no code path can forget it
 *   and no payout or loan event ever waits on a summary row; the service folds the changes into the
 *   summary every few seconds. summary + pending changes = Σ the rows, at every commit.
 *
 * Rows from before: their loans' status follows from the guarantee (a released guarantee with
 * principal outstanding was written off; a claim was at 90 days, the default threshold: dudoso); their
 * class and days past due are otherwise not known here until the loan's next event.
 */
export class GuaranteeAnalytics1764850000000 implements MigrationInterface {
  name = 'GuaranteeAnalytics1764850000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE disbursement
        ADD COLUMN loan_status text NOT NULL DEFAULT 'active'
          CHECK (loan_status IN ('active', 'claimed', 'repaid', 'written_off')),
        ADD COLUMN days_past_due integer NOT NULL DEFAULT 0 CHECK (days_past_due >= 0),
        ADD COLUMN classification text NOT NULL DEFAULT 'normal'
          CHECK (classification IN ('normal', 'cpp', 'deficiente', 'dudoso', 'perdida'))`);
    await runner.query(`
      UPDATE disbursement SET
        loan_status = CASE
          WHEN outstanding_principal = 0 AND guarantee_status IN ('claimed', 'released') THEN 'repaid'
          WHEN guarantee_status = 'claimed' THEN 'claimed'
          WHEN guarantee_status = 'released' THEN 'written_off'
          ELSE 'active' END,
        days_past_due = CASE WHEN guarantee_status = 'claimed' AND outstanding_principal > 0 THEN 90 ELSE 0 END,
        classification = CASE WHEN guarantee_status = 'claimed' AND outstanding_principal > 0 THEN 'dudoso' ELSE 'normal' END
      WHERE status = 'disbursed'`);

    await runner.query(`
      CREATE TABLE guarantee_summary (
        month             text NOT NULL,
        classification    text NOT NULL,${measureColumns},
        PRIMARY KEY (month, classification)
      )`);
    await runner.query(`
      CREATE TABLE guarantee_summary_change (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        month             text NOT NULL,
        classification    text NOT NULL,${measureColumns}
      )`);

    // What one paid-out loan adds to its cell (the summary's row type: its key and measures).
    // PAR30: more than 30 days past due, of the loans in the portfolio (active and claimed).
    await runner.query(`
      CREATE FUNCTION guarantee_contribution(d disbursement) RETURNS guarantee_summary
      LANGUAGE sql IMMUTABLE AS $$
        SELECT to_char(d.disbursed_on, 'YYYY-MM'), d.classification,
          1,
          d.principal::numeric(16,2),
          ${coveredAmountSql('d.principal', 'd.coverage')}::numeric(16,2),
          (CASE WHEN d.loan_status IN ('active', 'claimed') THEN d.outstanding_principal ELSE 0 END)::numeric(16,2),
          (CASE WHEN d.loan_status IN ('active', 'claimed') AND d.days_past_due > 30
                THEN d.outstanding_principal ELSE 0 END)::numeric(16,2),
          (d.claim_paid > 0)::int,
          d.claim_paid::numeric(16,2),
          d.recovered::numeric(16,2),
          (d.guarantee_status = 'active')::int,
          (CASE WHEN d.guarantee_status = 'active' THEN d.exposure ELSE 0 END)::numeric(16,2)
      $$`);
    const minus = (row: string) => MEASURES.map((m) => `-${row}.${m}`).join(', ');
    const plus = (row: string) => MEASURES.map((m) => `${row}.${m}`).join(', ');
    await runner.query(`
      CREATE FUNCTION follow_guarantee_summary() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        counted_before boolean := TG_OP <> 'INSERT' AND OLD.status = 'disbursed';
        counted_after boolean := TG_OP <> 'DELETE' AND NEW.status = 'disbursed';
        before_row guarantee_summary;
        after_row guarantee_summary;
      BEGIN
        IF counted_before THEN before_row := guarantee_contribution(OLD); END IF;
        IF counted_after THEN after_row := guarantee_contribution(NEW); END IF;
        IF counted_before AND counted_after AND before_row = after_row THEN RETURN NULL; END IF;
        IF counted_before THEN
          INSERT INTO guarantee_summary_change (month, classification, ${MEASURES.join(', ')})
          VALUES (before_row.month, before_row.classification, ${minus('before_row')});
        END IF;
        IF counted_after THEN
          INSERT INTO guarantee_summary_change (month, classification, ${MEASURES.join(', ')})
          VALUES (after_row.month, after_row.classification, ${plus('after_row')});
        END IF;
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER guarantee_summary_followed AFTER INSERT OR UPDATE OR DELETE ON disbursement
      FOR EACH ROW EXECUTE FUNCTION follow_guarantee_summary()`);

    // The loans paid out so far.
    await runner.query(`
      INSERT INTO guarantee_summary (month, classification, ${MEASURES.join(', ')})
      SELECT c.month, c.classification, ${MEASURES.map((m) => `sum(c.${m})`).join(', ')}
      FROM disbursement d, LATERAL guarantee_contribution(d) c
      WHERE d.status = 'disbursed'
      GROUP BY c.month, c.classification`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER guarantee_summary_followed ON disbursement');
    await runner.query('DROP FUNCTION follow_guarantee_summary');
    await runner.query('DROP FUNCTION guarantee_contribution');
    await runner.query('DROP TABLE guarantee_summary_change');
    await runner.query('DROP TABLE guarantee_summary');
    await runner.query(
      'ALTER TABLE disbursement DROP COLUMN loan_status, DROP COLUMN days_past_due, DROP COLUMN classification',
    );
  }
}
