import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_NAMES } from '@qollqa/config';
import { dropDatabase, ensureDatabase } from '@qollqa/persistence';
import { DemoApi, waitUntil } from '../demo/demo-api';
import { familyApplication } from './bench-applications';

/** The repository's root, from dist/scripts/bench. */
const ROOT = join(__dirname, '..', '..', '..');

/**
 * The web app built for the benchmark (apps/web/build.mjs, as `npm run build:web` runs it) into a
 * directory of its own, and the sizes of what it wrote (plain, brotli) per file.
 */
export function buildWebApp(): { dir: string; files: { path: string; bytes: number }[] } {
  const dir = join(mkdtempSync(join(tmpdir(), 'qollqa-bench-web-')), 'web');
  execFileSync(process.execPath, [join(ROOT, 'apps', 'web', 'build.mjs'), dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: path.slice(dir.length), bytes: statSync(path).size };
    });
  return { dir, files };
}

export interface BenchSystem {
  url: string;
  /** A family whose loan is paid out: the code and PIN its officer wrote down. */
  family: { reference: string; pin: string };
  stop(): Promise<void>;
}

/** Every service running as its own process, on a database and NATS prefix of the benchmark's own. */
export interface BenchServices {
  /** The gateway's base URL. */
  url: string;
  databaseUrl: string;
  /** Stops every service (SIGTERM, so a CPU profile is written) and drops the database. */
  stop(): Promise<void>;
}

/**
 * Every service as its own process (as `npm start` runs them) on free ports, against the database
 * `database` on DATABASE_URL's server (created afresh, dropped by `stop`) and a NATS prefix of its
 * own, demo users on. With BENCH_CPU_PROF=<dir> each service writes a V8 CPU profile there when it
 * stops (`node --cpu-prof`).
 */
export async function startBenchServices(
  database: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<BenchServices> {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qollqa');
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);

  const ports = await Promise.all(SERVICE_NAMES.map(() => freePort()));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    NATS_PREFIX: `${database}_${process.pid}`,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    CLOSE_OF_BUSINESS_CRON: 'off',
    PORT: String(ports[0]),
    ...extraEnv,
  };
  SERVICE_NAMES.forEach((service, i) => {
    if (i > 0) env[`${service.toUpperCase().replace('-', '_')}_PORT`] = String(ports[i]);
  });
  const profileDir = process.env.BENCH_CPU_PROF;
  const children: ChildProcess[] = SERVICE_NAMES.map((service) =>
    spawn(
      process.execPath,
      [
        ...(profileDir
          ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${service}.cpuprofile`]
          : []),
        join(ROOT, 'dist', 'apps', service, 'src', 'main.js'),
      ],
      { env, stdio: ['ignore', 'ignore', 'inherit'] },
    ),
  );
  const stop = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)),
    );
    await dropDatabase(databaseUrl);
  };
  try {
    await Promise.all(
      SERVICE_NAMES.map((service, i) => waitForHealth(service, ports[i], children[i])),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${ports[0]}`, databaseUrl, stop };
}

/**
 * Every service (startBenchServices), the gateway serving `webDir`; then one family's application
 * registered, approved and paid out through the public API.
 */
export async function startBenchSystem(webDir: string): Promise<BenchSystem> {
  const services = await startBenchServices('qollqa_bench_web', { WEB_DIR: webDir });
  const stop = async () => {
    await services.stop();
    rmSync(join(webDir, '..'), { recursive: true, force: true });
  };
  try {
    const family = await payOutFamily(services.url);
    return { url: services.url, family, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** API.md's example family (PEN 6,000 over 18 months), registered, approved and paid out. */
async function payOutFamily(base: string): Promise<{ reference: string; pin: string }> {
  const api = new DemoApi(base);
  await api.signIn('officer');
  await api.signIn('manager');
  await api.post('manager', '/api/funds/guarantee/capital', {
    amount: '50000.00',
    reference: 'BENCH-WEB-CAPITAL',
  });
  await api.post('manager', '/api/funds/innovation/budget', {
    amount: '10000.00',
    reference: 'BENCH-WEB-BUDGET',
  });
  const created = await api.post<{ id: string; reference: string; pin: string }>(
    'officer',
    '/api/applications',
    familyApplication(0, { name: 'Familia Quispe Mamani', documentId: '45871236' }),
  );
  const statusOf = async () =>
    (await api.get<{ status: string }>('officer', `/api/applications/${created.id}`)).status;
  await waitUntil(async () => ((await statusOf()) === 'in_review' ? true : undefined), 60_000);
  await api.post('officer', `/api/applications/${created.id}/decision`, {
    decision: 'approve',
    reason: 'Visitamos el establo',
  });
  await waitUntil(async () => ((await statusOf()) === 'disbursed' ? true : undefined), 60_000);
  // The loan account opens from the payout's event: wait until the family's page can show it.
  const { loanId } = await api.get<{ loanId: string }>(
    'officer',
    `/api/applications/${created.id}`,
  );
  await waitUntil(
    () =>
      api.get('officer', `/api/loans/${loanId}`).then(
        () => true,
        () => undefined,
      ),
    60_000,
  );
  return { reference: created.reference, pin: created.pin };
}

async function waitForHealth(service: string, port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${service} exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${service} did not become healthy on port ${port} within 180 s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
