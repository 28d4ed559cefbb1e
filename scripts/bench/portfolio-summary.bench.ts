import { entities, migrations } from '../../apps/portfolio/src/database/entities';
import { dpdBandSql } from '../../apps/portfolio/src/projection/dpd-band';
import { PortfolioCellRepository } from '../../apps/portfolio/src/cells/portfolio-cell.repository';
import { PortfolioLoanRepository } from '../../apps/portfolio/src/loans/portfolio-loan.repository';
import { PortfolioStateRepository } from '../../apps/portfolio/src/state/portfolio-state.repository';
import { PortfolioSummaryService } from '../../apps/portfolio/src/summary/portfolio-summary.service';
import { percentile, withBenchDatabase } from './bench-database';

const LOANS = 100_000;
const REQUESTS = 300;

/**
 * The fund manager's summary over a read model of 100,000 loans: seeded set-based (as the projection
 * would leave it), then the summary query timed REQUESTS times. Prints p50 and p99.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(
    'qollqa_bench_portfolio',
    { schema: 'portfolio', entities, migrations },
    async (dataSource) => {
      const seeded = Date.now();
      await dataSource.query(
        `INSERT INTO portfolio_loan (loan_id, enterprise_id, value_chain, municipality, women_led, principal, status,
         outstanding, days_past_due, classification, version, disbursed_seen)
       SELECT gen_random_uuid(), gen_random_uuid(),
         (ARRAY['dairy','dairy','dairy','guinea_pig','guinea_pig','mushroom','native_potato','cheese','restaurant'])[1 + i % 9],
         (ARRAY['Ocongate','Ccatca','Andahuaylillas','Anta','Chumbivilcas','Pomacanchi'])[1 + i % 6],
         i % 5 < 2, 500 + (i % 295) * 100,
         CASE WHEN i % 50 = 0 THEN 'claimed' ELSE 'active' END,
         round((500 + (i % 295) * 100) * (0.2 + (i % 80) / 100.0), 2),
         CASE WHEN i % 10 = 0 THEN i % 150 ELSE 0 END, 'normal', 2, true
       FROM generate_series(1, $1) AS i`,
        [LOANS],
      );
      await dataSource.query(
        `UPDATE portfolio_loan SET classification = CASE WHEN days_past_due > 120 THEN 'perdida' WHEN days_past_due > 60 THEN 'dudoso'
         WHEN days_past_due > 30 THEN 'deficiente' WHEN days_past_due > 8 THEN 'cpp' ELSE 'normal' END`,
      );
      // The cells as the projection maintains them: the loans summed by segment, class and DPD band.
      await dataSource.query(
        `INSERT INTO portfolio_cell (value_chain, municipality, classification, dpd_band, loans, outstanding)
       SELECT value_chain, municipality, classification,
              ${dpdBandSql('days_past_due')},
              count(*), sum(outstanding)
       FROM portfolio_loan WHERE status IN ('active', 'claimed') GROUP BY 1, 2, 3, 4`,
      );
      await dataSource.query(
        `UPDATE portfolio_state SET business_date = '2026-06-30', enterprises = $1, women_led = $2,
         position_version = 1, available_capital = 2500000, exposure = 7000000, leverage_limit = 4 WHERE id = 1`,
        [LOANS, (LOANS * 2) / 5],
      );
      await dataSource.query('ANALYZE');
      console.log(
        `portfolio summary: ${LOANS} loans seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
      );

      const summaries = new PortfolioSummaryService(
        new PortfolioCellRepository(dataSource),
        new PortfolioStateRepository(dataSource),
        new PortfolioLoanRepository(dataSource),
      );
      const first = await summaries.summary();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const started = process.hrtime.bigint();
        await summaries.summary();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      console.log(
        `portfolio summary: ${first.activeLoans} loans, gross ${first.grossPortfolio}, PAR30 ${first.par30} — ` +
          `${REQUESTS} requests: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`,
      );
    },
  );
}
