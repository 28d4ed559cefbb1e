import { loadServiceConfig } from '@qollqa/config';
import { serviceDataSourceOptions } from '@qollqa/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { FundFiguresService } from '../../apps/disbursement/src/funds/services/fund-figures.service';
import { LedgerService } from '../../apps/disbursement/src/ledger/ledger.service';
import { dpdBandSql } from '../../apps/portfolio/src/projection/dpd-band';

/**
 * Each service's derived figures against their source, in the one database the services share (each
 * in its own schema): the guarantee fund's exposure against the loans, the portfolio read model
 * against the loans, the funds against the ledger, the credit history and the applications against
 * the loans. Every difference is one line; none means the books and their views agree.
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
      creditHistoryAgainstLoans,
      applicationsAgainstPayouts,
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
              CASE WHEN l.claimed_on IS NULL AND l.status IN ('active', 'claimed')
                   THEN round(d.coverage * l.outstanding_principal, 2) ELSE 0 END AS expected_exposure
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
            p.classification AS "portfolio class", l.classification AS "loan class"
     FROM repayment.loan l
     FULL JOIN portfolio.portfolio_loan p ON p.loan_id = l.id
     WHERE l.id IS NULL OR p.loan_id IS NULL OR NOT p.disbursed_seen
        OR p.status <> l.status OR p.outstanding <> l.outstanding_principal
        OR ${dpdBandSql('p.days_past_due')} <> ${dpdBandSql('l.days_past_due')}
        OR p.classification <> l.classification
     ORDER BY 1`,
  );
  // The pre-summed cells must be exactly the sum of the loans they hold.
  const cells = await differencesOf(
    pool,
    'portfolio cell',
    `WITH summed AS (
       SELECT value_chain, municipality, classification,
              ${dpdBandSql('days_past_due')} AS dpd_band,
              count(*)::int AS loans, sum(outstanding) AS outstanding
       FROM portfolio.portfolio_loan WHERE disbursed_seen AND status IN ('active', 'claimed')
       GROUP BY 1, 2, 3, 4
     )
     SELECT coalesce(c.value_chain, s.value_chain) AS "value chain",
            coalesce(c.municipality, s.municipality) AS municipality,
            coalesce(c.classification, s.classification) AS class,
            coalesce(c.dpd_band, s.dpd_band) AS "DPD band",
            coalesce(c.loans, 0) AS "cell loans", coalesce(s.loans, 0) AS "Σ loans",
            coalesce(c.outstanding, 0) AS "cell outstanding", coalesce(s.outstanding, 0) AS "Σ outstanding"
     FROM portfolio.portfolio_cell c
     FULL JOIN summed s USING (value_chain, municipality, classification, dpd_band)
     WHERE coalesce(c.loans, 0) <> coalesce(s.loans, 0)
        OR coalesce(c.outstanding, 0) <> coalesce(s.outstanding, 0)
     ORDER BY 1, 2, 3, 4`,
  );
  const gross = await differencesOf(
    pool,
    'gross portfolio',
    `SELECT (SELECT coalesce(sum(outstanding), 0) FROM portfolio.portfolio_cell) AS portfolio,
            (SELECT coalesce(sum(outstanding_principal), 0) FROM repayment.loan
             WHERE status IN ('active', 'claimed')) AS loans
     WHERE (SELECT coalesce(sum(outstanding), 0) FROM portfolio.portfolio_cell)
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
  return [...loans, ...cells, ...gross, ...enterprises];
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
      dataSource,
      new LedgerService(dataSource),
    ).reconcile();
    return problems.map((problem) => `funds against the ledger: ${problem}`);
  } finally {
    await dataSource.destroy();
  }
}
