import { loadServiceConfig } from '@qollqa/config';
import { exposureSql } from '@qollqa/money';
import { serviceDataSourceOptions } from '@qollqa/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { DisbursementRepository } from '../../apps/disbursement/src/disbursements/disbursement.repository';
import { FundPolicyRepository } from '../../apps/disbursement/src/funds/fund-policy.repository';
import { GuaranteePositionRepository } from '../../apps/disbursement/src/funds/guarantee-position.repository';
import { InnovationPositionRepository } from '../../apps/disbursement/src/funds/innovation-position.repository';
import { FundFiguresService } from '../../apps/disbursement/src/funds/services/fund-figures.service';
import { GuaranteeSummaryRepository } from '../../apps/disbursement/src/guarantee-analytics/guarantee-summary.repository';
import { LedgerRepository } from '../../apps/disbursement/src/ledger/ledger.repository';
import { portfolioCellsSql } from '../../apps/portfolio/src/cells/portfolio-cell.repository';
import { dpdBandSql } from '../../apps/portfolio/src/projection/dpd-band';

/** The portfolio's cells as they read: folded plus pending changes. */
const PORTFOLIO_CELLS = portfolioCellsSql('portfolio');

/**
 * Each service's derived figures against their source, in the one database the services share (each
 * in its own schema): the guarantee fund's exposure against the loans, the portfolio read model and
 * the programme's impact against the loans, the funds (and the guarantee summary of the analytics)
 * against the ledger and the payout rows, the credit history and the applications against the
 * loans. Every difference is one line; none means the books and their views agree.
 *
 * It reads every schema (an operator's tool, not a service), and is meant for a quiet system: a
 * figure still on its way through the event stream shows as a difference until it arrives.
 */
export async function reconcile(databaseUrl: string): Promise<string[]> {
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const differences: string[] = [];
    for (const check of [
      exposureAgainstLoans,
      portfolioAgainstLoans,
      impactAgainstLoans,
      creditHistoryAgainstLoans,
      applicationsAgainstPayouts,
      timelinesAgainstReprogrammings,
    ]) {
      differences.push(...(await check(pool)));
    }
    differences.push(...(await fundsAgainstLedger(databaseUrl)));
    return differences;
  } finally {
    await pool.end();
  }
}

type Row = Record<string, string | number | boolean | null>;

/** One line per row of a query that lists what disagrees: `what` names the check. */
async function differencesOf(pool: Pool, what: string, sql: string): Promise<string[]> {
  const { rows } = await pool.query<Row>(sql);
  return rows.map(
    (row) =>
      `${what}: ${Object.entries(row)
        .map(([key, value]) => `${key} ${value ?? 'none'}`)
        .join(', ')}`,
  );
}

/** Exposure = coverage × outstanding principal while the guarantee is active, per loan and in total. */
async function exposureAgainstLoans(pool: Pool): Promise<string[]> {
  const perLoan = await differencesOf(
    pool,
    'guarantee of a loan',
    `WITH expected AS (
       SELECT d.loan_id, d.outstanding_principal AS fund_outstanding, l.outstanding_principal AS loan_outstanding,
              d.guarantee_status,
              CASE WHEN l.claimed_on IS NOT NULL THEN 'claimed'
                   WHEN l.status IN ('repaid', 'written_off') THEN 'released' ELSE 'active' END AS loan_guarantee,
              d.exposure,
              ${exposureSql("l.claimed_on IS NULL AND l.status IN ('active', 'claimed')", 'l.outstanding_principal', 'd.coverage')}
                AS expected_exposure
       FROM disbursement.disbursement d
       LEFT JOIN repayment.loan l ON l.id = d.loan_id
       WHERE d.status = 'disbursed'
     )
     SELECT loan_id AS loan, fund_outstanding AS "outstanding in disbursement",
            loan_outstanding AS "outstanding in repayment", guarantee_status AS guarantee,
            loan_guarantee AS "guarantee from the loan", exposure, expected_exposure AS "coverage × outstanding"
     FROM expected
     WHERE loan_outstanding IS NULL OR fund_outstanding <> loan_outstanding
        OR guarantee_status <> loan_guarantee OR exposure <> expected_exposure
     ORDER BY loan_id`,
  );
  const total = await differencesOf(
    pool,
    "guarantee fund's exposure",
    `SELECT p.exposure AS "fund's exposure", coalesce(sum(d.exposure), 0) AS "Σ loans' exposure"
     FROM disbursement.guarantee_position p
     LEFT JOIN disbursement.disbursement d ON d.guarantee_status = 'active'
     GROUP BY p.exposure HAVING p.exposure <> coalesce(sum(d.exposure), 0)`,
  );
  return [...perLoan, ...total];
}

/**
 * The read model's loans, cells and counts against the loan accounts. The read model learns a loan's
 * days past due when it crosses a threshold (loan.delinquency_changed), so what must agree is the
 * class and the PAR band, not the day count in between.
 */
async function portfolioAgainstLoans(pool: Pool): Promise<string[]> {
  const loans = await differencesOf(
    pool,
    'portfolio loan',
    `SELECT coalesce(l.id, p.loan_id) AS loan,
            p.status AS "portfolio status", l.status AS "loan status",
            p.outstanding AS "portfolio outstanding", l.outstanding_principal AS "loan outstanding",
            ${dpdBandSql('p.days_past_due')} AS "portfolio PAR band", ${dpdBandSql('l.days_past_due')} AS "loan PAR band",
            p.classification AS "portfolio class", l.classification AS "loan class",
            p.reprogrammed AS "portfolio reprogrammed", l.reprogrammings > 0 AS "loan reprogrammed"
     FROM repayment.loan l
     FULL JOIN portfolio.portfolio_loan p ON p.loan_id = l.id
     WHERE l.id IS NULL OR p.loan_id IS NULL OR NOT p.disbursed_seen
        OR p.status <> l.status OR p.outstanding <> l.outstanding_principal
        OR ${dpdBandSql('p.days_past_due')} <> ${dpdBandSql('l.days_past_due')}
        OR p.classification <> l.classification
        OR p.reprogrammed <> (l.reprogrammings > 0)
     ORDER BY 1`,
  );
  // The pre-summed cells must be exactly the sum of the loans they hold.
  const cells = await differencesOf(
    pool,
    'portfolio cell',
    `WITH summed AS (
       SELECT value_chain, municipality, classification,
              ${dpdBandSql('days_past_due')} AS dpd_band, reprogrammed,
              count(*)::int AS loans, sum(outstanding) AS outstanding
       FROM portfolio.portfolio_loan WHERE disbursed_seen AND status IN ('active', 'claimed')
       GROUP BY 1, 2, 3, 4, 5
     )
     SELECT coalesce(c.value_chain, s.value_chain) AS "value chain",
            coalesce(c.municipality, s.municipality) AS municipality,
            coalesce(c.classification, s.classification) AS class,
            coalesce(c.dpd_band, s.dpd_band) AS "DPD band",
            coalesce(c.reprogrammed, s.reprogrammed) AS reprogrammed,
            coalesce(c.loans, 0) AS "cell loans", coalesce(s.loans, 0) AS "Σ loans",
            coalesce(c.outstanding, 0) AS "cell outstanding", coalesce(s.outstanding, 0) AS "Σ outstanding"
     FROM (${PORTFOLIO_CELLS}) c
     FULL JOIN summed s USING (value_chain, municipality, classification, dpd_band, reprogrammed)
     WHERE coalesce(c.loans, 0) <> coalesce(s.loans, 0)
        OR coalesce(c.outstanding, 0) <> coalesce(s.outstanding, 0)
     ORDER BY 1, 2, 3, 4, 5`,
  );
  const gross = await differencesOf(
    pool,
    'gross portfolio',
    `SELECT (SELECT coalesce(sum(outstanding), 0) FROM (${PORTFOLIO_CELLS}) c) AS portfolio,
            (SELECT coalesce(sum(outstanding_principal), 0) FROM repayment.loan
             WHERE status IN ('active', 'claimed')) AS loans
     WHERE (SELECT coalesce(sum(outstanding), 0) FROM (${PORTFOLIO_CELLS}) c)
        <> (SELECT coalesce(sum(outstanding_principal), 0) FROM repayment.loan WHERE status IN ('active', 'claimed'))`,
  );
  const enterprises = await differencesOf(
    pool,
    'enterprises financed',
    `WITH financed AS (
       SELECT count(DISTINCT enterprise_id)::int AS enterprises,
              count(DISTINCT enterprise_id) FILTER (WHERE women_led)::int AS women_led
       FROM repayment.loan
     )
     SELECT s.enterprises AS portfolio, f.enterprises AS loans,
            s.women_led AS "portfolio women-led", f.women_led AS "loans women-led"
     FROM portfolio.portfolio_state s, financed f
     WHERE s.enterprises <> f.enterprises OR s.women_led <> f.women_led`,
  );
  // The summary's reprogrammed loans (active and claimed ones reprogrammed at least once).
  const reprogrammed = await differencesOf(
    pool,
    'reprogrammed loans',
    `WITH portfolio AS (
       SELECT coalesce(sum(loans), 0)::int AS loans, coalesce(sum(outstanding), 0) AS outstanding
       FROM (${PORTFOLIO_CELLS}) c WHERE reprogrammed
     ), loans AS (
       SELECT count(*)::int AS loans, coalesce(sum(outstanding_principal), 0) AS outstanding
       FROM repayment.loan WHERE reprogrammings > 0 AND status IN ('active', 'claimed')
     )
     SELECT p.loans AS "portfolio loans", l.loans AS "loans", p.outstanding AS "portfolio outstanding",
            l.outstanding AS "loans outstanding"
     FROM portfolio p, loans l
     WHERE p.loans <> l.loans OR p.outstanding <> l.outstanding`,
  );
  return [...loans, ...cells, ...gross, ...enterprises, ...reprogrammed];
}

/**
 * The programme's impact in the read model against the loans: each loan counted once with its grant,
 * and per value chain and municipality its enterprises (women-led among them), loans, principal and
 * grants; and the programme's target is there.
 */
async function impactAgainstLoans(pool: Pool): Promise<string[]> {
  const loans = await differencesOf(
    pool,
    'impact loan',
    `SELECT coalesce(l.id, i.loan_id) AS loan, i.grant_amount AS "impact grant", l.grant_amount AS "loan grant",
            i.enterprise_id AS "impact enterprise", l.enterprise_id AS "loan enterprise"
     FROM repayment.loan l
     FULL JOIN portfolio.portfolio_impact_loan i ON i.loan_id = l.id
     WHERE l.id IS NULL OR i.loan_id IS NULL OR i.grant_amount <> l.grant_amount
        OR i.enterprise_id <> l.enterprise_id
     ORDER BY 1`,
  );
  const segment = (dimension: 'value_chain' | 'municipality') => `
    SELECT '${dimension}' AS dimension, ${dimension} AS segment,
           count(DISTINCT enterprise_id)::int AS enterprises,
           count(DISTINCT enterprise_id) FILTER (WHERE women_led)::int AS women_led,
           count(*)::int AS loans, sum(principal) AS disbursed,
           count(*) FILTER (WHERE grant_amount > 0)::int AS grant_count, sum(grant_amount) AS grant_amount
    FROM repayment.loan GROUP BY ${dimension}`;
  const segments = await differencesOf(
    pool,
    'impact segment',
    `WITH expected AS (${segment('value_chain')} UNION ALL ${segment('municipality')})
     SELECT coalesce(s.dimension, e.dimension) AS dimension, coalesce(s.segment, e.segment) AS segment,
            s.enterprises AS "impact enterprises", e.enterprises AS "loans' enterprises",
            s.women_led AS "impact women-led", e.women_led AS "loans' women-led",
            s.loans AS "impact loans", e.loans AS loans,
            s.disbursed AS "impact disbursed", e.disbursed AS "loans' principal",
            s.grant_count AS "impact grants", e.grant_count AS "loans' grants",
            s.grant_amount AS "impact grant amount", e.grant_amount AS "loans' grant amount"
     FROM portfolio.portfolio_impact_segment s
     FULL JOIN expected e USING (dimension, segment)
     WHERE s.dimension IS NULL OR e.dimension IS NULL OR s.enterprises <> e.enterprises
        OR s.women_led <> e.women_led OR s.loans <> e.loans OR s.disbursed <> e.disbursed
        OR s.grant_count <> e.grant_count OR s.grant_amount <> e.grant_amount
     ORDER BY 1, 2`,
  );
  const target = await differencesOf(
    pool,
    'impact target',
    `SELECT 'missing' AS "programme target" WHERE NOT EXISTS (SELECT 1 FROM portfolio.portfolio_programme)`,
  );
  return [...loans, ...segments, ...target];
}

/**
 * The scorecard's history against the loans: loans repaid per enterprise, and whether any of its
 * loans went over 30 days past due (delinquency events are sent on the thresholds, so that is what
 * the history can know exactly; the worst DPD in between is only in the loan account).
 */
async function creditHistoryAgainstLoans(pool: Pool): Promise<string[]> {
  return differencesOf(
    pool,
    'credit history',
    `WITH from_loans AS (
       SELECT enterprise_id, count(*) FILTER (WHERE status = 'repaid')::int AS repaid,
              bool_or(max_days_past_due > 30) AS arrears
       FROM repayment.loan GROUP BY enterprise_id
     )
     SELECT coalesce(f.enterprise_id, h.enterprise_id) AS enterprise,
            coalesce(h.loans_repaid, 0) AS "history repaid", coalesce(f.repaid, 0) AS "loans repaid",
            coalesce(h.max_days_past_due > 30, false) AS "history arrears", coalesce(f.arrears, false) AS "loans arrears"
     FROM from_loans f
     FULL JOIN credit_scoring.credit_history h ON h.enterprise_id = f.enterprise_id
     WHERE coalesce(h.loans_repaid, 0) <> coalesce(f.repaid, 0)
        OR coalesce(h.max_days_past_due > 30, false) <> coalesce(f.arrears, false)
     ORDER BY 1`,
  );
}

/** A family's timeline says each time its loan was reprogrammed: one entry per reprogramming. */
async function timelinesAgainstReprogrammings(pool: Pool): Promise<string[]> {
  return differencesOf(
    pool,
    'reprogrammings on the timeline',
    `WITH reprogrammed AS (
       SELECT l.application_id, count(*)::int AS reprogrammings
       FROM repayment.reprogramming r JOIN repayment.loan l ON l.id = r.loan_id
       GROUP BY l.application_id
     ), told AS (
       SELECT application_id, count(*)::int AS entries FROM applications.application_timeline
       WHERE detail->>'code' = 'REPROGRAMMED' GROUP BY application_id
     )
     SELECT coalesce(r.application_id, t.application_id) AS application,
            coalesce(r.reprogrammings, 0) AS reprogrammings, coalesce(t.entries, 0) AS "timeline entries"
     FROM reprogrammed r FULL JOIN told t ON t.application_id = r.application_id
     WHERE coalesce(r.reprogrammings, 0) <> coalesce(t.entries, 0)
     ORDER BY 1`,
  );
}

/** An application shows what disbursement did with it: waitlisted, or disbursed with its loan. */
async function applicationsAgainstPayouts(pool: Pool): Promise<string[]> {
  return differencesOf(
    pool,
    'application',
    `SELECT a.reference AS application, a.status AS "application status", d.status AS "payout status",
            a.loan_id AS "application's loan", d.loan_id AS "paid-out loan"
     FROM disbursement.disbursement d
     JOIN applications.application a ON a.id = d.application_id
     WHERE (d.status = 'disbursed' AND (a.status <> 'disbursed' OR a.loan_id IS DISTINCT FROM d.loan_id))
        OR (d.status = 'waitlisted' AND a.status <> 'waitlisted')
     ORDER BY 1`,
  );
}

/** The guarantee and innovation positions against the journal (the disbursement service's own check). */
async function fundsAgainstLedger(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      databaseUrl,
      schema: loadServiceConfig('disbursement').schema,
      entities: [],
      migrations: [],
      poolSize: 1,
    }),
  );
  await dataSource.initialize();
  try {
    const problems = await new FundFiguresService(
      new LedgerRepository(dataSource),
      new GuaranteePositionRepository(dataSource),
      new InnovationPositionRepository(dataSource),
      new FundPolicyRepository(dataSource),
      new DisbursementRepository(dataSource),
      new GuaranteeSummaryRepository(dataSource),
    ).reconcile();
    return problems.map((problem) => `funds against the ledger: ${problem}`);
  } finally {
    await dataSource.destroy();
  }
}
