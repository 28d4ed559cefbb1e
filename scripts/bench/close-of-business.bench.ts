import 'reflect-metadata';
/**
 * Benchmark: one close of business over 100,000 active loans (SPEC.md, "Scale": "a close of business
 * over all of them in seconds"; the goal is under 10 s on a 2-core machine).
 *
 * Makes a database of its own (qollqa_bench_close on DATABASE_URL's server), runs the repayment
 * service's migrations, seeds the loans and their 1.2 million installments with set-based SQL — most
 * loans current, about 10 % behind by 1 to 150 days — then times the real close of business of the
 * next date (the service's own code, not HTTP), prints loans per second, and drops the database.
 *
 *   node scripts/build.mjs && node -e "require('./dist/scripts/bench/close-of-business.bench.js').run()"
 */
import { Logger } from '@nestjs/common';
import { ServiceConfig } from '@qollqa/config';
import { OutboxService } from '@qollqa/messaging';
import { dropDatabase, ensureDatabase, openServiceDataSource } from '@qollqa/persistence';
import { DataSource } from 'typeorm';
import { BusinessDateService } from '../../apps/repayment/src/business-date/business-date.service';
import { CloseBusinessDay } from '../../apps/repayment/src/close-of-business/close-business-day';
import { CloseOfBusinessService } from '../../apps/repayment/src/close-of-business/close-of-business.service';
import { entities, migrations } from '../../apps/repayment/src/database/entities';

const LOANS = 100_000;
const TERM_MONTHS = 12;
const BUSINESS_DATE = '2026-06-30';
const CLOSE_DATE = '2026-07-01';

function benchDatabaseUrl(): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qollqa');
  url.pathname = '/qollqa_bench_close';
  return url.toString();
}

/** 100,000 loans of PEN 500–30,000 over 12 months, disbursed over the last 11 months. */
async function seed(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO loan (id, application_id, reference, enterprise_id, enterprise_name, municipality,
       value_chain, women_led, product_code, principal, tea, moratory_tea, term_months, grace_months,
       disbursed_on, coverage, guarantee_fee, grant_amount, payout, status, outstanding_principal,
       disbursed_event_id, version, search_name, tcea)
     SELECT gen_random_uuid(), gen_random_uuid(), 'QL-' || lpad(n::text, 6, '0'), gen_random_uuid(),
       'Familia ' || n, (ARRAY['Ocongate', 'Ccatca', 'Andahuaylillas', 'Anta'])[1 + n % 4],
       (ARRAY['dairy', 'guinea_pig', 'mushroom', 'native_potato', 'cheese', 'restaurant'])[1 + n % 6],
       n % 2 = 0, 'innovacion', p.principal, 0.18, 0.10, $2, 0,
       $1::date - (1 + n % 330), CASE WHEN n % 5 = 0 THEN 0.50 ELSE 0.70 END,
       round(p.principal * 0.70 * 0.015, 2), 0, p.principal - round(p.principal * 0.70 * 0.015, 2),
       -- (a TCEA near the schedule's: the close never reads it)
       'active', p.principal, gen_random_uuid(), 1, 'familia ' || n, 0.2000
     FROM generate_series(1, $3) AS n,
       LATERAL (SELECT round((500 + (n * 7919) % 29500)::numeric, 2) AS principal) p`,
    [BUSINESS_DATE, TERM_MONTHS, LOANS],
  );
  // Equal principal parts (the last takes the remainder) and interest on the declining balance at
  // i = 1.18^(1/12) − 1: close enough to the French schedule for the close, which never recomputes
  // it. Most families are current: everything due by the business date is paid. One loan in ten is
  // behind by 1 to 150 days: what fell due in that window is unpaid.
  await dataSource.query(
    `INSERT INTO installment (loan_id, number, due_date, principal, interest, paid_principal,
       paid_interest)
     SELECT s.loan_id, s.k, s.due_date, s.principal, s.interest,
       CASE WHEN s.paid THEN s.principal ELSE 0 END, CASE WHEN s.paid THEN s.interest ELSE 0 END
     FROM (
       SELECT l.id AS loan_id, k, d.due_date,
         CASE WHEN k = $1 THEN l.principal - round(l.principal / $1, 2) * ($1 - 1)
              ELSE round(l.principal / $1, 2) END AS principal,
         round((l.principal - round(l.principal / $1, 2) * (k - 1)) * 0.013888430348, 2) AS interest,
         CASE WHEN b.n % 10 = 0 THEN d.due_date < $2::date - (1 + (b.n * 37) % 150)
              ELSE d.due_date <= $2::date END AS paid
       FROM loan l
       CROSS JOIN generate_series(1, $1) AS k
       CROSS JOIN LATERAL (SELECT (l.disbursed_on + make_interval(months => k))::date AS due_date) d
       CROSS JOIN LATERAL (SELECT substr(l.reference, 4)::int AS n) b) s`,
    [TERM_MONTHS, BUSINESS_DATE],
  );
  // Each loan's balance and its figures as at the business date, as earlier closes left them.
  await dataSource.query(
    `WITH figures AS (
       SELECT loan_id, sum(principal - paid_principal) AS outstanding,
         coalesce($1::date - min(due_date) FILTER (WHERE due_date < $1::date
           AND (paid_principal < principal OR paid_interest < interest)), 0) AS dpd
       FROM installment GROUP BY loan_id)
     UPDATE loan l SET outstanding_principal = f.outstanding, days_past_due = f.dpd,
       max_days_past_due = f.dpd,
       classification = CASE WHEN f.dpd >= 121 THEN 'perdida' WHEN f.dpd >= 61 THEN 'dudoso'
         WHEN f.dpd >= 31 THEN 'deficiente' WHEN f.dpd >= 9 THEN 'cpp' ELSE 'normal' END,
       status = CASE WHEN f.dpd >= 90 THEN 'claimed' ELSE 'active' END
     FROM figures f WHERE f.loan_id = l.id`,
    [BUSINESS_DATE],
  );
  await dataSource.query('VACUUM ANALYZE');
}

export async function run(): Promise<void> {
  const databaseUrl = benchDatabaseUrl();
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  const dataSource = await openServiceDataSource({
    databaseUrl,
    schema: 'repayment',
    entities,
    migrations,
  });
  try {
    const seeding = Date.now();
    await seed(dataSource);
    const [counts] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE status IN ('active', 'claimed'))::int AS open,
              count(*) FILTER (WHERE days_past_due > 0)::int AS behind,
              (SELECT count(*)::int FROM installment) AS installments FROM loan`,
    );
    console.log(
      `seeded ${counts.open} open loans (${counts.behind} behind) and ${counts.installments} installments in ${((Date.now() - seeding) / 1000).toFixed(1)} s`,
    );

    const outbox = new OutboxService();
    const businessDates = new BusinessDateService(dataSource, outbox, {
      businessDateStart: BUSINESS_DATE,
      closeOfBusinessCron: null,
    });
    await businessDates.onApplicationBootstrap();
    const closeOfBusiness = new CloseOfBusinessService(
      dataSource,
      businessDates,
      new CloseBusinessDay(outbox, businessDates),
      { production: false } as ServiceConfig,
    );
    Logger.overrideLogger(['error']);

    const started = process.hrtime.bigint();
    await closeOfBusiness.closeUpTo(CLOSE_DATE);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const [close] = await dataSource.query(
      `SELECT open_loans, loans_aged, loans_claimed,
         (SELECT count(*)::int FROM outbox WHERE type = 'loan.delinquency_changed') AS changes
       FROM business_day_close WHERE business_date = $1`,
      [CLOSE_DATE],
    );
    console.log(
      `close of business: ${close.open_loans} loans in ${seconds.toFixed(2)} s (${Math.round(close.open_loans / seconds)} loans/s)` +
        ` — ${close.loans_aged} aged, ${close.changes} class changes, ${close.loans_claimed} claimed`,
    );
  } finally {
    await dataSource.destroy();
    await dropDatabase(databaseUrl);
  }
}
