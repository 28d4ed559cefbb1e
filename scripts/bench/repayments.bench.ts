/**
 * `npm run bench -- repayments`: repayments end to end, through the public API with every service
 * running as its own process (its own database and NATS prefix), measured against what the same
 * PostgreSQL does with `pgbench -N` at the same concurrency in the same run.
 *
 * 1. Pays out LOANS loans through the API (registered, scored, approved, paid out).
 * 2. `pgbench -i` and `pgbench -N -c 32 -T 20` on a database of its own on the same server.
 * 3. IN_FLIGHT officers' clients record PEN 1.00 repayments for SECONDS seconds, each client on
 *    loans of its own (two each, alternately), so no two requests wait for the same loan's lock.
 * 4. Settled: how long after the last answer the disbursement service (the ledger) and the
 *    portfolio have handled every acknowledged repayment (their inboxes, read from the database).
 * 5. Where an event's time went: in the outbox (from the repayment's transaction to the relay's
 *    claim) and from the relay's claim to each consumer's handler.
 *
 * Prints both throughputs, their ratio, p50/p99 and the settle time; nothing is asserted.
 * BENCH_CPU_PROF=<dir> makes every service write a CPU profile there (see web-system.ts);
 * BENCH_PG_WAITS=1 samples pg_stat_activity of the benchmark's database every 20 ms during the
 * load and prints what its sessions were doing (running, waiting on a lock, idle in a transaction).
 */
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '@qollqa/persistence';
import { DemoApi } from '../demo/demo-api';
import { payOutLoans } from './bench-applications';
import { percentile } from './bench-database';
import { startBenchServices } from './web-system';

const LOANS = 64;
const IN_FLIGHT = 32;
const SECONDS = 20;
const WARM_UP_SECONDS = 3;
const PGBENCH_SCALE = 10;
const SETTLE_POLL_MS = 20;
const SETTLE_TIMEOUT_MS = 120_000;

interface LoadResult {
  acknowledged: number;
  refused: Map<number, number>;
  latenciesMs: number[];
  wallMs: number;
  /** When the last answer arrived (performance.now()). */
  lastAnswerAt: number;
}

export async function run(): Promise<void> {
  const services = await startBenchServices('qollqa_bench_repayments');
  const db = new Client({ connectionString: services.databaseUrl });
  await db.connect();
  try {
    const api = new DemoApi(services.url);
    for (const user of ['officer', 'manager', 'admin']) await api.signIn(user);
    const loading = performance.now();
    const loans = await payOutLoans(api, LOANS);
    const { businessDate } = await api.get<{ businessDate: string }>(
      'admin',
      '/api/admin/business-date',
    );
    console.log(
      `repayments: ${loans.length} loans paid out through the API in ` +
        `${((performance.now() - loading) / 1000).toFixed(1)} s (business date ${businessDate})`,
    );

    const pgbenchTps = await runPgbench();
    console.log(
      `repayments: pgbench -N -c ${IN_FLIGHT} -T ${SECONDS}: ${pgbenchTps.toFixed(0)} tps`,
    );

    const loanIds = loans.map((loan) => loan.loanId);
    const warmUp = await recordRepayments(api, loanIds, businessDate, WARM_UP_SECONDS, 'warm');
    await settle(db, warmUp.acknowledged, performance.now());

    const loadStartedAt = (await db.query<{ now: Date }>('SELECT now()')).rows[0].now;
    const waits = process.env.BENCH_PG_WAITS ? sampleSessions(services.databaseUrl) : undefined;
    const load = await recordRepayments(api, loanIds, businessDate, SECONDS, 'run');
    await waits?.stop();
    const settled = await settle(db, warmUp.acknowledged + load.acknowledged, load.lastAnswerAt);

    const throughput = load.acknowledged / (load.wallMs / 1000);
    const sorted = [...load.latenciesMs].sort((a, b) => a - b);
    const refused = [...load.refused].map(([status, n]) => `${n} × ${status}`).join(', ');
    console.log(
      `repayments: ${IN_FLIGHT} in flight over ${loanIds.length} loans for ${SECONDS} s: ` +
        `${load.acknowledged} acknowledged, ${throughput.toFixed(0)}/s` +
        `${refused ? ` (refused: ${refused})` : ''} — p50 ${percentile(sorted, 50).toFixed(0)} ms, ` +
        `p99 ${percentile(sorted, 99).toFixed(0)} ms`,
    );
    console.log(
      `repayments: ratio to pgbench -N ${(throughput / pgbenchTps).toFixed(3)} (goal ≥ 0.2); ` +
        `settled ${settled.toFixed(0)} ms after the last answer (goal ≤ 2000 ms)`,
    );
    await printEventTimes(db, loadStartedAt);
  } finally {
    await db.end();
    await services.stop();
  }
}

/** IN_FLIGHT clients, each repaying PEN 1.00 on its own two loans in turn, for `seconds`. */
async function recordRepayments(
  api: DemoApi,
  loanIds: string[],
  paidOn: string,
  seconds: number,
  tag: string,
): Promise<LoadResult> {
  const result: LoadResult = {
    acknowledged: 0,
    refused: new Map(),
    latenciesMs: [],
    wallMs: 0,
    lastAnswerAt: 0,
  };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (c: number) => {
    const own = loanIds.filter((_, i) => i % IN_FLIGHT === c);
    for (let i = 0; performance.now() < deadline; i++) {
      const loanId = own[i % own.length];
      const sent = performance.now();
      const status = await api
        .post('officer', `/api/loans/${loanId}/repayments`, {
          amount: '1.00',
          paidOn,
          externalRef: `BENCH-${tag}-${c}-${i}`,
        })
        .then(
          () => 201,
          (err: Error) => Number(/ → (\d{3}):/.exec(err.message)?.[1] ?? 0),
        );
      result.lastAnswerAt = performance.now();
      result.latenciesMs.push(result.lastAnswerAt - sent);
      if (status === 201) result.acknowledged++;
      else result.refused.set(status, (result.refused.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, (_, c) => client(c)));
  result.wallMs = performance.now() - started;
  return result;
}

/**
 * Milliseconds from `since` until both the ledger (disbursement) and the portfolio have handled
 * `repayments` repayment events.
 */
async function settle(db: Client, repayments: number, since: number): Promise<number> {
  for (;;) {
    const { rows } = await db.query<{ ledger: number; portfolio: number }>(
      `SELECT (SELECT count(*) FROM disbursement.inbox WHERE event_type = 'loan.repayment_recorded')::int AS ledger,
              (SELECT count(*) FROM portfolio.inbox WHERE event_type = 'loan.repayment_recorded')::int AS portfolio`,
    );
    if (rows[0].ledger >= repayments && rows[0].portfolio >= repayments) {
      return performance.now() - since;
    }
    if (performance.now() - since > SETTLE_TIMEOUT_MS) {
      throw new Error(
        `not settled after ${SETTLE_TIMEOUT_MS} ms: ledger ${rows[0].ledger}, portfolio ${rows[0].portfolio} of ${repayments}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

/**
 * Each repayment event of the measured run: the outbox row's `created_at` (the repayment's
 * transaction began), `sent_at` (the relay's claiming transaction began) and each consumer's
 * `processed_at` (its handler's transaction began).
 */
async function printEventTimes(db: Client, since: Date): Promise<void> {
  const { rows } = await db.query<{ step: string; p50: number; p99: number; max: number }>(
    `WITH t AS (
       SELECT extract(epoch FROM o.sent_at - o.created_at) * 1000 AS outbox,
              extract(epoch FROM d.processed_at - o.sent_at) * 1000 AS ledger,
              extract(epoch FROM p.processed_at - o.sent_at) * 1000 AS portfolio
       FROM repayment.outbox o
       JOIN disbursement.inbox d ON d.event_id = o.event_id AND d.consumer = 'disbursement'
       JOIN portfolio.inbox p ON p.event_id = o.event_id AND p.consumer = 'portfolio'
       WHERE o.type = 'loan.repayment_recorded' AND o.created_at >= $1)
     SELECT step, percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
            percentile_disc(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
     FROM t, LATERAL (VALUES ('in the outbox', outbox), ('relay → ledger handler', ledger),
                             ('relay → portfolio handler', portfolio)) AS s(step, ms)
     GROUP BY step ORDER BY step`,
    [since],
  );
  for (const row of rows) {
    console.log(
      `repayments: event ${row.step}: p50 ${Number(row.p50).toFixed(0)} ms, ` +
        `p99 ${Number(row.p99).toFixed(0)} ms, max ${Number(row.max).toFixed(0)} ms`,
    );
  }
}

/**
 * Every SAMPLE_MS, what each session of the benchmark's database is doing (state, wait event and
 * the statement's first words); printed as shares of the samples when stopped.
 */
function sampleSessions(databaseUrl: string): { stop(): Promise<void> } {
  const client = new Client({ connectionString: databaseUrl });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `SELECT coalesce(state, '?') || ' | ' || coalesce(wait_event_type || ':' || wait_event, 'cpu') ||
                ' | ' || regexp_replace(left(query, 70), '\\s+', ' ', 'g') AS what, count(*)::int AS n
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND state <> 'idle' GROUP BY 1`,
      );
      samples++;
      for (const row of rows) counts.set(row.what, (counts.get(row.what) ?? 0) + row.n);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      console.log(
        `repayments: PostgreSQL sessions not idle, mean per sample (${samples} samples):`,
      );
      for (const [what, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
        console.log(`  ${(n / samples).toFixed(2).padStart(6)}  ${what}`);
      }
    },
  };
}

/** pgbench's TPC-B-like script without the branch and teller updates, on the same server. */
async function runPgbench(): Promise<number> {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qollqa');
  url.pathname = '/qollqa_bench_pgbench';
  const databaseUrl = url.toString();
  const binary = process.env.PGBENCH_BIN ?? 'pgbench';
  const target = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    url.username || 'postgres',
    'qollqa_bench_pgbench',
  ];
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  try {
    execFileSync(binary, ['-i', '-q', '-s', String(PGBENCH_SCALE), ...target], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const output = execFileSync(
      binary,
      ['-N', '-c', String(IN_FLIGHT), '-j', '2', '-T', String(SECONDS), ...target],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1];
    if (!tps) throw new Error(`pgbench printed no tps:\n${output}`);
    return Number(tps);
  } finally {
    await dropDatabase(databaseUrl);
  }
}
