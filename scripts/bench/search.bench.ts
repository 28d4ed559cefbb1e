import { searchableText } from '@qollqa/contracts';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Application } from '../../apps/applications/src/applications/entities/application.entity';
import { TimelineEntry } from '../../apps/applications/src/applications/entities/timeline-entry.entity';
import { ApplicationQueries } from '../../apps/applications/src/applications/services/application-queries.service';
import * as applicationsSchema from '../../apps/applications/src/database/entities';
import { BusinessDateService } from '../../apps/repayment/src/business-date/business-date.service';
import * as repaymentSchema from '../../apps/repayment/src/database/entities';
import { LoanQueries } from '../../apps/repayment/src/loans/services/loan-queries.service';
import { percentile, withBenchDatabase } from './bench-database';

const ROWS = 100_000;
/** Row 883 is "Familia Gutiérrez Zúñiga 883" (surnames 883 % 30 and 883 / 30 % 30), QL-000883, DNI 40000883. */
const SEARCHES = {
  'a common surname, without its accent': 'quispe',
  'one family, without accents': 'gutierrez zuniga 883',
  reference: 'ql-000883',
  DNI: '40000883',
};
const REQUESTS = 100;

// 30 × 30 surnames (some with accents), each name numbered: "Familia Quíspe Huamán 4242".
const SURNAMES = [
  'Quíspe',
  'Mamani',
  'Huamán',
  'Condori',
  'Ccori',
  'Apaza',
  'Choque',
  'Túpac',
  'Yupanqui',
  'Ñaupa',
  'Cusi',
  'Chávez',
  'Flores',
  'Gutiérrez',
  'Huarca',
  'Illa',
  'Janampa',
  'Layme',
  'Machaca',
  'Nina',
  'Pacco',
  'Quispecusi',
  'Ramos',
  'Sullca',
  'Taipe',
  'Uscamayta',
  'Vilca',
  'Waman',
  'Yucra',
  'Zúñiga',
];

/**
 * Search (`q`) over 100,000 enterprises with their applications, and over 100,000 loans, through
 * the services' own queries: each kind of search (part of a name, without accents; a reference; a
 * DNI) is timed REQUESTS times, and the plan of the page query says which index it used and whether
 * it scanned the table.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(
    'qollqa_bench_search_applications',
    { schema: 'applications', ...applicationsSchema },
    async (dataSource) => {
      await timed('seeded', () => seedApplications(dataSource));
      const queries = new ApplicationQueries(
        dataSource.getRepository(Application),
        dataSource.getRepository(TimelineEntry),
      );
      const searches = SEARCHES;
      for (const [label, q] of Object.entries(searches)) {
        const query = { q, page: 1, pageSize: 20 };
        await report(
          dataSource,
          `applications by ${label} (q=${q})`,
          () => queries.list(query),
          [
            queries.matching(query).offset(0).limit(20),
            queries.matching(query).orderBy().select('count(*)'),
          ],
          ['enterprise', 'application'],
        );
      }
    },
  );

  await withBenchDatabase(
    'qollqa_bench_search_loans',
    { schema: 'repayment', ...repaymentSchema },
    async (dataSource) => {
      await timed('seeded', () => seedLoans(dataSource));
      const businessDates = new BusinessDateService(
        dataSource,
        undefined as never,
        undefined as never,
      );
      const queries = new LoanQueries(dataSource, businessDates);
      const staff = {
        id: '00000000-0000-4000-8000-000000000000',
        name: 'bench',
        role: 'fund_manager' as const,
      };
      const searches = SEARCHES;
      for (const [label, q] of Object.entries(searches)) {
        const query = { q, page: 1, pageSize: 20 };
        await report(
          dataSource,
          `loans by ${label} (q=${q})`,
          () => queries.list(staff, query),
          [
            queries.matching(staff, query).skip(0).take(20),
            queries.matching(staff, query).orderBy().select('count(*)'),
          ],
          ['loan'],
        );
      }
    },
  );
}

async function seedApplications(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO enterprise (document_id, name, search_name, municipality, value_chain, women_led,
       association_member, years_in_activity)
     SELECT (40000000 + i)::text,
       'Familia ' || ($2::text[])[1 + i % 30] || ' ' || ($2::text[])[1 + (i / 30) % 30] || ' ' || i,
       'familia ' || ($3::text[])[1 + i % 30] || ' ' || ($3::text[])[1 + (i / 30) % 30] || ' ' || i,
       (ARRAY['Ocongate','Ccatca','Andahuaylillas','Anta','Chumbivilcas','Pomacanchi'])[1 + i % 6],
       (ARRAY['dairy','guinea_pig','mushroom','native_potato','cheese','restaurant'])[1 + i % 6],
       i % 5 < 2, i % 2 = 0, 1 + i % 20
     FROM generate_series(1, $1) AS i`,
    [ROWS, SURNAMES, SURNAMES.map(searchableText)],
  );
  await dataSource.query(
    `INSERT INTO application (reference, pin_hash, enterprise_id, product_code, status, amount,
       term_months, grace_months, purpose, collateral_value, grant_requested, monthly_revenue,
       monthly_costs, household_expenses, other_debt_payments, created_by_id, created_by, created_at)
     SELECT 'QL-' || lpad(e.document_id::bigint - 40000000 || '', 6, '0'), 'x', e.id, 'innovacion',
       (ARRAY['submitted','in_review','approved','rejected','disbursed'])[1 + (e.document_id::bigint % 5)::int],
       6000, 18, 0, 'Milking machine', 0, 0, 3200, 1400, 700, 0, gen_random_uuid(), 'officer',
       now() - (e.document_id::bigint % 100000) * interval '1 minute'
     FROM enterprise e`,
  );
  await dataSource.query('ANALYZE');
}

async function seedLoans(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO business_date (id, business_date, announced) VALUES (true, '2026-06-30', true)`,
  );
  await dataSource.query(
    `INSERT INTO loan (id, application_id, reference, enterprise_id, enterprise_name, search_name,
       document_id, registered_by, municipality, value_chain, women_led, product_code, principal, tea,
       moratory_tea, term_months, grace_months, disbursed_on, coverage, guarantee_fee, grant_amount,
       payout, status, outstanding_principal, disbursed_event_id, version, tcea)
     SELECT gen_random_uuid(), gen_random_uuid(), 'QL-' || lpad(i::text, 6, '0'), gen_random_uuid(),
       'Familia ' || ($2::text[])[1 + i % 30] || ' ' || ($2::text[])[1 + (i / 30) % 30] || ' ' || i,
       'familia ' || ($3::text[])[1 + i % 30] || ' ' || ($3::text[])[1 + (i / 30) % 30] || ' ' || i,
       (40000000 + i)::text, 'officer',
       (ARRAY['Ocongate','Ccatca','Andahuaylillas','Anta'])[1 + i % 4], 'dairy', i % 2 = 0,
       'innovacion', 6000, 0.18, 0.10, 18, 0, '2026-06-30'::date - i % 330, 0.70, 63, 0, 5937,
       'active', 6000, gen_random_uuid(), 1, 0.1965
     FROM generate_series(1, $1) AS i`,
    [ROWS, SURNAMES, SURNAMES.map(searchableText)],
  );
  await dataSource.query('ANALYZE');
}

/** Times `search` and prints p50/p99 with what the plans of its page and count queries do. */
async function report(
  dataSource: DataSource,
  label: string,
  search: () => Promise<{ total: number }>,
  queries: SelectQueryBuilder<object>[],
  tables: string[],
): Promise<void> {
  const { total } = await search();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = process.hrtime.bigint();
    await search();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const plans: string[] = [];
  for (const [name, query] of queries.map((q, i) => [i === 0 ? 'page' : 'count', q] as const)) {
    const [sql, parameters] = query.getQueryAndParameters();
    const [
      {
        'QUERY PLAN': [plan],
      },
    ] = await dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, parameters);
    const nodes = planNodes(plan.Plan);
    const indexes = [...new Set(nodes.map((node) => node['Index Name']).filter(Boolean))];
    const scanned = nodes
      .filter(
        (node) => node['Node Type'] === 'Seq Scan' && tables.includes(node['Relation Name'] ?? ''),
      )
      .map((node) => node['Relation Name']);
    plans.push(
      `${name} ${plan['Execution Time'].toFixed(1)} ms via ${indexes.join(' + ') || 'no index'}` +
        (scanned.length ? ` — SCANS ${scanned.join(', ')}` : ''),
    );
  }
  console.log(
    `search: ${label}: ${total} of ${ROWS} — ${REQUESTS} requests (page + count): ` +
      `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms; ` +
      `plans: ${plans.join('; ')}`,
  );
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

async function timed(label: string, work: () => Promise<void>): Promise<void> {
  const started = Date.now();
  await work();
  console.log(`search: ${ROWS} rows ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
