/**
 * `npm run bench -- scoring`: application intake end to end — from an officer submitting an
 * application through the public API to the application scored (its timeline's SCORED entry,
 * written by the applications service when the score arrives), every service running as its own
 * process (its own database and NATS prefix).
 *
 * After a warm-up of WARM_UP_SECONDS at the first rate (printed, not counted), for each rate in
 * RATES applications of different families are submitted at that rate, open loop (each on its
 * schedule, whatever the answers before it), for SECONDS seconds; then it waits until every
 * registered application is scored. Prints how many were registered (201) or refused,
 * the create's p50/p99 and submit → scored p50/p99; nothing is asserted.
 *
 * BENCH_SCORING_RATES (e.g. `50`) and BENCH_SCORING_SECONDS change the rates and their length, for a
 * longer steady load under a profiler (BENCH_CPU_PROF, see web-system.ts).
 */
import { Client } from 'pg';
import { DemoApi } from '../demo/demo-api';
import { familyApplication } from './bench-applications';
import { percentile } from './bench-database';
import { startBenchServices } from './web-system';

const RATES = (process.env.BENCH_SCORING_RATES ?? '50,100').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SCORING_SECONDS ?? 10);
const WARM_UP_SECONDS = 5;
const SCORED_TIMEOUT_MS = 120_000;

interface Submitted {
  id?: string;
  status: number;
  /** Epoch ms when the request was sent: compared with the timeline's timestamps. */
  sentAt: number;
  createMs: number;
}

export async function run(): Promise<void> {
  const services = await startBenchServices('qollqa_bench_scoring');
  const db = new Client({ connectionString: services.databaseUrl });
  await db.connect();
  try {
    const api = new DemoApi(services.url);
    await api.signIn('officer');
    let family = 0;
    const measure = async (rate: number, seconds: number, label: string) => {
      const submitted = await submitAt(api, rate, seconds, family);
      family += rate * seconds;
      console.log(`scoring: ${label}${await summary(db, submitted)}`);
    };
    // The system's first seconds at load are slower (connections opened, code compiled): measured
    // from a cold start, submit → scored was p50 ~250 ms for 3–4 s, then ~50 ms. A warm-up at the
    // first rate is printed apart, and the rates are measured after it, in the steady state.
    await measure(
      RATES[0],
      WARM_UP_SECONDS,
      `warm-up (not counted), ${RATES[0]}/s for ${WARM_UP_SECONDS} s: `,
    );
    for (const rate of RATES) await measure(rate, SECONDS, `${rate}/s for ${SECONDS} s: `);
  } finally {
    await db.end();
    await services.stop();
  }
}

/** Once every registered application is scored (or the timeout passed): what the load got. */
async function summary(db: Client, submitted: Submitted[]): Promise<string> {
  const registered = submitted.filter((s) => s.id);
  const scoredAt = await waitUntilScored(
    db,
    registered.map((s) => s.id!),
  );
  const refused = new Map<number, number>();
  for (const s of submitted) {
    if (!s.id) refused.set(s.status, (refused.get(s.status) ?? 0) + 1);
  }
  const creates = submitted.map((s) => s.createMs).sort((a, b) => a - b);
  const toScore = registered
    .filter((s) => scoredAt.has(s.id!))
    .map((s) => scoredAt.get(s.id!)! - s.sentAt)
    .sort((a, b) => a - b);
  const unscored = registered.length - toScore.length;
  return (
    `${registered.length} of ${submitted.length} registered` +
    `${refused.size ? ` (refused: ${[...refused].map(([st, n]) => `${n} × ${st}`).join(', ')})` : ''}; ` +
    `create p50 ${percentile(creates, 50).toFixed(0)} ms, p99 ${percentile(creates, 99).toFixed(0)} ms; ` +
    (toScore.length
      ? `submit → scored p50 ${percentile(toScore, 50).toFixed(0)} ms, p99 ${percentile(toScore, 99).toFixed(0)} ms`
      : 'none scored') +
    (unscored ? `; ${unscored} not scored within ${SCORED_TIMEOUT_MS / 1000} s` : '')
  );
}

/** `rate` applications a second for `seconds`, each sent on its own schedule. */
async function submitAt(
  api: DemoApi,
  rate: number,
  seconds: number,
  firstFamily: number,
): Promise<Submitted[]> {
  const total = rate * seconds;
  const started = performance.now();
  const sends: Promise<Submitted>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sentAt = Date.now();
    const sent = performance.now();
    sends.push(
      api
        .post<{ id: string }>('officer', '/api/applications', familyApplication(firstFamily + i))
        .then(
          (created) => ({ id: created.id, status: 201 }),
          (err: Error) => ({ status: Number(/ → (\d{3}):/.exec(err.message)?.[1] ?? 0) }),
        )
        .then((outcome) => ({ ...outcome, sentAt, createMs: performance.now() - sent })),
    );
  }
  return Promise.all(sends);
}

/** When each application was scored (epoch ms), once all are or the timeout has passed. */
async function waitUntilScored(db: Client, ids: string[]): Promise<Map<string, number>> {
  const deadline = Date.now() + SCORED_TIMEOUT_MS;
  for (;;) {
    const { rows } = await db.query<{ application_id: string; at: Date }>(
      `SELECT application_id, at FROM applications.application_timeline
       WHERE application_id = ANY($1::uuid[]) AND detail->>'code' = 'SCORED'`,
      [ids],
    );
    if (rows.length >= ids.length || Date.now() > deadline) {
      return new Map(rows.map((row) => [row.application_id, row.at.getTime()]));
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
