import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase } from '@qollqa/persistence';
import { Pool } from 'pg';
import { distPath } from './dist-paths';
import { Fault, FaultInjector } from './fault-injector';
import { changesMissingFromAudit, checkInvariants, Invariant } from './invariants';
import { NatsCluster } from './nats-cluster';
import { PostgresServer } from './postgres-server';
import { deadLetterCount, waitUntilQuiet } from './quiet';
import { Random } from './random';
import { RetryingClient } from './retrying-client';
import { Season, SeasonRecord, SeasonStaff } from './season';
import { ServiceReplicas } from './service-replicas';

export interface ChaosOptions {
  /** Faults to inject (at least). */
  faults: number;
  /** Over how long the faults are spread, in seconds. */
  durationS: number;
  seed: number;
  /** Applications registered over the season. */
  applications: number;
  /** Closes of business at least. */
  closes: number;
  /** Application journeys at once. */
  journeys?: number;
  /** Replicas of every service. */
  replicas?: number;
  /** Keeps the services' logs after a run where every invariant holds (always kept otherwise). */
  keepLogs?: boolean;
  /** Progress lines (each fault, each phase). */
  say?: (line: string) => void;
}

export interface ChaosReport {
  invariants: Invariant[];
  faults: Fault[];
  record: SeasonRecord;
  /** Replicas that exited by themselves (each a crash to look into). */
  crashes: string[];
  /** Acknowledged changes and sign-ins the audit trail does not hold (reported, not checked). */
  unaudited: string[];
  /** POSTs answered 2xx over the season. */
  acknowledgedPosts: number;
  /** Why the season stopped early, if it did. */
  seasonError?: string;
  seconds: number;
  logDir: string;
  holds: boolean;
  summary: string;
}

const NATS_PREFIX = 'qollqa';

/**
 * The fault run: a PostgreSQL and a 3-node NATS cluster of the run's own, `replicas` processes of
 * every service from dist/ (as `npm start` runs them, in production mode), a season driven through
 * the API by retrying clients while faults are injected; then, once everything is back and quiet,
 * the invariants. Everything it started is stopped and removed at the end (the logs stay when an
 * invariant fails).
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const say = options.say ?? (() => undefined);
  const began = Date.now();
  const logDir = mkdtempSync(join(tmpdir(), 'qollqa-chaos-logs-'));
  const random = new Random(options.seed);
  const postgres = new PostgresServer();
  let nats: NatsCluster | undefined;
  let replicas: ServiceReplicas | undefined;
  let db: Pool | undefined;
  let holds = false;
  try {
    await postgres.start();
    const databaseUrl = postgres.url('qollqa');
    await ensureDatabase(databaseUrl);
    nats = await NatsCluster.start();
    const maxCloses = 100;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DEMO_DATA: 'false',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '5',
      NATS_URL: nats.urls,
      NATS_PREFIX,
      STREAM_REPLICAS: '3',
      JWT_SECRET: randomBytes(48).toString('base64'),
      LOG_LEVEL: 'warn',
      CLOSE_OF_BUSINESS_CRON: 'off',
      // The season's business days are behind today (in production a close may not run ahead).
      BUSINESS_DATE_START: limaDate(Date.now() - (maxCloses + 5) * 24 * 3600 * 1000),
      // A killed replica's unacknowledged events come back to the other one in seconds, and a key
      // its gateway held is free for the retry in seconds (both well above any handler's run).
      EVENT_ACK_WAIT_MS: '10000',
      IDEMPOTENCY_LEASE_MS: '4000',
      // The defaults, whatever the calling process had set (a test runner's other suites).
      RPC_TIMEOUT_MS: '5000',
      RETENTION_INTERVAL_MS: '3600000',
      SHUTDOWN_GRACE_MS: '0',
      TRUST_PROXY: 'loopback',
    };
    replicas = await ServiceReplicas.start({ env, count: options.replicas ?? 2, logDir });
    say(
      `chaos: ${replicas.replicas.length} service processes, 3 NATS servers and PostgreSQL ` +
        `(port ${postgres.port}) up in ${seconds(began)} s; seed ${options.seed}; logs in ${logDir}`,
    );

    const api = new RetryingClient(replicas.gatewayUrls());
    const staff = await hireStaff(api, env, random);
    const season = new Season(
      api,
      staff,
      random,
      {
        applications: options.applications,
        minCloses: options.closes,
        journeys: options.journeys ?? 6,
        dayMs: (options.durationS * 1000) / Math.max(1, options.closes),
        maxCloses,
      },
      `s${options.seed}`,
    );
    await season.fundTheProgramme();

    const injector = new FaultInjector(
      { replicas, nats, postgres },
      new Random(options.seed + 1),
      say,
    );
    const faults = injector.run(options.faults, options.durationS * 1000);
    // Awaited after the season; until then a failure of the injector must not end the process.
    faults.catch(() => undefined);
    let seasonError: string | undefined;
    await season
      .run(() => !injector.finished)
      .catch((err: Error) => {
        seasonError = err.message;
      });
    await faults;
    say(`chaos: season over after ${seconds(began)} s; waiting until every event has arrived`);

    db = new Pool({ connectionString: databaseUrl, max: 3 });
    // pool.end() returns before its connections have closed; the server stopped at the end may still
    // reach one, and that is the run's clean-up, not a finding.
    db.on('error', () => undefined);
    await waitUntilQuiet({ db, servers: nats.servers, prefix: NATS_PREFIX }, 180_000);
    const inputs = {
      db,
      databaseUrl,
      api,
      staff,
      record: season.record,
      clients: api.stats,
      deadLetters: await deadLetterCount(nats.servers, NATS_PREFIX),
    };
    const invariants = await checkInvariants(inputs);
    const unaudited = await changesMissingFromAudit(inputs);
    holds = invariants.every((check) => check.holds) && !seasonError;
    const report: ChaosReport = {
      invariants,
      faults: injector.faults,
      record: season.record,
      crashes: [...replicas.crashes],
      unaudited,
      acknowledgedPosts: api.stats.acknowledgedPosts.length,
      seasonError,
      seconds: Math.round((Date.now() - began) / 1000),
      logDir,
      holds,
      summary: '',
    };
    report.summary = summarise(report);
    return report;
  } finally {
    await db?.end().catch(() => undefined);
    await replicas?.stop().catch(() => undefined);
    await nats?.destroy().catch(() => undefined);
    await postgres.dispose().catch(() => undefined);
    if (holds && !options.keepLogs) rmSync(logDir, { recursive: true, force: true });
  }
}

/**
 * The staff of a production deployment: the first admin from the command line (`npm run admin`, as
 * deploy/README.md says), the others created by that admin through the API; all signed in.
 */
async function hireStaff(
  api: RetryingClient,
  env: NodeJS.ProcessEnv,
  random: Random,
): Promise<SeasonStaff> {
  const password = () => `Qollqa-${random.int(1e8, 9e8)}-${random.int(1e8, 9e8)}`;
  const adminPassword = password();
  await createFirstAdmin(env, 'chaos.admin', adminPassword);
  await api.signIn('chaos.admin', 'chaos.admin', adminPassword);
  const staff: SeasonStaff = {
    admin: 'chaos.admin',
    officers: ['chaos.officer1', 'chaos.officer2'],
    manager: 'chaos.manager',
  };
  const accounts = [
    { username: staff.officers[0], displayName: 'Rosa Huamán', role: 'loan_officer' },
    { username: staff.officers[1], displayName: 'Julio Condori', role: 'loan_officer' },
    { username: staff.manager, displayName: 'Elena Quispe', role: 'fund_manager' },
  ];
  for (const account of accounts) {
    const secret = password();
    const created = await api.post(
      staff.admin,
      '/api/users',
      { ...account, password: secret },
      `create-${account.username}`,
    );
    if (created.status !== 201) {
      throw new Error(
        `${account.username} not created: ${created.status} ${JSON.stringify(created.body)}`,
      );
    }
    await api.signIn(account.username, account.username, secret);
  }
  return staff;
}

function createFirstAdmin(
  env: NodeJS.ProcessEnv,
  username: string,
  password: string,
): Promise<void> {
  const entry = distPath('scripts', 'admin.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        entry,
        'create-user',
        '--username',
        username,
        '--display-name',
        'Administración',
        '--role',
        'admin',
        '--password-file',
        '-',
      ],
      { env, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`the first admin was not created: ${errors.trim()}`)),
    );
    child.stdin.end(password);
  });
}

/** `chaos: 52 faults (31 replica kills, …), 180 applications, 240 repayments, 6 closes in 214 s — …` */
function summarise(report: ChaosReport): string {
  const count = (kind: Fault['kind']) =>
    report.faults.filter((fault) => fault.kind === kind).length;
  const failing = report.invariants.filter((check) => !check.holds).length;
  const verdict = report.holds
    ? 'every invariant holds'
    : report.seasonError
      ? `the season stopped early (${report.seasonError}); ${failing} invariant(s) fail`
      : `${failing} invariant(s) fail`;
  return (
    `chaos: ${report.faults.length} faults (${count('replica')} replica kills, ${count('nats')} NATS ` +
    `node kills, ${count('postgres')} PostgreSQL restarts), ` +
    `${report.record.applications.length} applications, ${report.record.repayments.length} repayments, ` +
    `${report.record.closes.length} closes in ${report.seconds} s — ${verdict}`
  );
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 1000);
}

/** The calendar date in Peru: the programme's business day. */
function limaDate(at: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(new Date(at));
}
