import { DataSource } from 'typeorm';
import { entities, migrations } from '../../apps/disbursement/src/database/entities';
import {
  guaranteeSummaryDifferences,
  GuaranteeSummaryRepository,
} from '../../apps/disbursement/src/guarantee-analytics/guarantee-summary.repository';
import { GetGuaranteeAnalyticsService } from '../../apps/disbursement/src/guarantee-analytics/services/get-guarantee-analytics.service';
import { RunStressTestService } from '../../apps/disbursement/src/guarantee-analytics/services/run-stress-test.service';
import { classificationSql } from '../../apps/repayment/src/loans/delinquency';
import { percentile, withBenchDatabase } from './bench-database';

const LOANS = 100_000;
const REQUESTS = 300;
/**
 * Loans changing class before a fold: a couple of seconds of a close's events, and a whole close's
 * (about 8 % of the loans behind, as in close-of-business).
 */
const CROSSINGS = [1_000, 8_000];

/**
 * The guarantee fund's analytics and stress test over 100,000 paid-out loans, through the service's
 * own use cases (not HTTP): the payout rows are seeded set-based over two years of vintages (most
 * loans current, one in ten behind, one in fifty claimed with part of its claim recovered, one in
 * seven repaid), each insert going through the trigger that keeps the guarantee summary, which is
 * then folded. Each query is timed REQUESTS times with the summary folded, and again with changes of
 * a close of business still pending (CROSSINGS loans changing class). Prints p50 and p99.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(
    'qollqa_bench_guarantee',
    { schema: 'disbursement', entities, migrations },
    async (dataSource) => {
      const seeding = Date.now();
      await seed(dataSource);
      const summary = new GuaranteeSummaryRepository(dataSource);
      const folded = await summary.fold();
      await dataSource.query('VACUUM ANALYZE');
      const [{ cells }] = await dataSource.query(
        'SELECT count(*)::int AS cells FROM guarantee_summary',
      );
      console.log(
        `guarantee analytics: ${LOANS} loans seeded in ${((Date.now() - seeding) / 1000).toFixed(1)} s ` +
          `(${folded} summary changes folded into ${cells} cells)`,
      );

      const analytics = new GetGuaranteeAnalyticsService(summary);
      const stress = new RunStressTestService(summary);
      const first = await analytics.execute();
      const stressed = await stress.execute({});
      console.log(
        `guarantee analytics: ${first.guaranteesIssued.count} guarantees of ${first.guaranteesIssued.amount}, ` +
          `claims ${first.claims.count} (${first.claims.amount}), claims ratio ${first.claimsRatio}, ` +
          `recovery rate ${first.recoveryRate}, ${first.vintages.length} vintages; stress: projected claims ` +
          `${stressed.projectedClaims}, leverage after ${stressed.leverageAfter}`,
      );
      await time('analytics (folded)', () => analytics.execute());
      await time('stress (folded)', () => stress.execute({ perdida: '1', dudoso: '0.75' }));

      // A close of business's class changes not folded yet: those of a couple of seconds of events
      // (the service folds every 2 s), then a whole close's at once (the worst case).
      for (const loans of CROSSINGS) {
        await summary.fold();
        await dataSource.query(
          `UPDATE disbursement SET days_past_due = 9, classification = 'cpp', loan_version = loan_version + 1
           WHERE loan_id IN (SELECT loan_id FROM disbursement WHERE loan_status = 'active'
                               AND days_past_due = 0 ORDER BY loan_id LIMIT $1)`,
          [loans],
        );
        const [{ pending }] = await dataSource.query(
          'SELECT count(*)::int AS pending FROM guarantee_summary_change',
        );
        await time(`analytics (${pending} changes pending)`, () => analytics.execute());
        await time(`stress (${pending} changes pending)`, () => stress.execute({}));
      }

      const differences = await guaranteeSummaryDifferences(dataSource);
      console.log(
        differences.length === 0
          ? 'guarantee analytics: the summary equals Σ the 100,000 loans'
          : `guarantee analytics: ${differences.length} differences: ${differences.slice(0, 3).join(' | ')}`,
      );
    },
  );
}

async function time(what: string, query: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = process.hrtime.bigint();
    await query();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(
    `guarantee ${what}: ${REQUESTS} requests over ${LOANS} loans: ` +
      `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`,
  );
}

/** The payout rows as the service leaves them, the fund's position and a business date. */
async function seed(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO disbursement (application_id, loan_id, enterprise_id, status, approval, principal,
       coverage, guarantee_fee, grant_amount, disbursed_on, guarantee_status, outstanding_principal,
       exposure, claim_paid, recovered, recovery_entitled, loan_version, loan_status, days_past_due,
       classification)
     SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'disbursed', '{}'::jsonb,
       p.principal, p.coverage, round(round(p.principal * p.coverage, 2) * 0.015, 2), 0,
       '2024-07-01'::date + (i % 720), s.guarantee_status, s.outstanding,
       CASE WHEN s.guarantee_status = 'active' THEN round(s.outstanding * p.coverage, 2) ELSE 0 END,
       s.claim, round(s.claim * ((i / 50) % 5) / 10, 2), round(s.claim * ((i / 50) % 5) / 10, 2), 3,
       s.loan_status, s.dpd, ${classificationSql('s.dpd')}
     FROM generate_series(1, $1) AS i,
       LATERAL (SELECT round((500 + (i * 7919) % 29500)::numeric, 2) AS principal,
                       CASE WHEN i % 5 = 0 THEN 0.50 ELSE 0.70 END AS coverage) p,
       LATERAL (SELECT round(p.principal * (0.2 + (i % 80) / 100.0), 2) AS open_principal) o,
       LATERAL (SELECT
         CASE WHEN i % 50 = 0 THEN 'claimed' WHEN i % 7 = 0 THEN 'released' ELSE 'active' END AS guarantee_status,
         CASE WHEN i % 50 = 0 THEN 'claimed' WHEN i % 7 = 0 THEN 'repaid' ELSE 'active' END AS loan_status,
         CASE WHEN i % 7 = 0 AND i % 50 <> 0 THEN 0 ELSE o.open_principal END AS outstanding,
         CASE WHEN i % 50 = 0 THEN 90 + i % 60 WHEN i % 7 = 0 THEN 0
              WHEN i % 10 = 0 THEN i % 89 ELSE 0 END AS dpd,
         CASE WHEN i % 50 = 0 THEN round(o.open_principal * p.coverage, 2) ELSE 0 END AS claim) s`,
    [LOANS],
  );
  await dataSource.query(
    // Leverage about 3.2 of a limit of 4.
    `WITH active AS (SELECT sum(exposure) AS exposure FROM disbursement WHERE guarantee_status = 'active')
     UPDATE guarantee_position SET exposure = active.exposure, available_capital = round(active.exposure / 3.2, 2)
     FROM active WHERE id = 1`,
  );
  await dataSource.query(`INSERT INTO business_calendar VALUES (1, '2026-06-30')`);
}
