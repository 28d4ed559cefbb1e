import 'reflect-metadata';
/**
 * `npm start`: checks PostgreSQL and NATS, creates the database if missing, starts every service as
 * its own process, waits until each is healthy, loads the demo data (unless production or
 * DEMO_DATA=false), and prints where to go. Ctrl-C stops everything.
 *
 *   npm start                       all services
 *   npm run start:service gateway   one service (as a container would run it)
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { loadServiceConfig, SERVICE_NAMES, ServiceName } from '@qollqa/config';
import { ensureDatabase } from '@qollqa/persistence';
import { seedDemoData } from './demo/seed-demo';

/** Services that exist so far, in start order. */
const RUNNABLE: ServiceName[] = SERVICE_NAMES.filter((name) =>
  existsSync(join(__dirname, '..', 'apps', name, 'src', 'main.js')),
);

const children = new Map<ServiceName, ChildProcess>();
let stopping = false;

async function main(): Promise<void> {
  const only = process.argv.includes('--only') ? (process.argv.at(-1) as ServiceName) : undefined;
  const services = only ? [only] : RUNNABLE;
  if (only && !RUNNABLE.includes(only))
    fail(`Unknown service "${only}". Known: ${RUNNABLE.join(', ')}`);

  let gateway;
  try {
    gateway = loadServiceConfig('gateway');
  } catch (err) {
    fail((err as Error).message);
  }
  await checkPostgres(gateway.databaseUrl);
  await checkNats(gateway.natsServers);

  const today = limaDate(new Date());
  if (!only && gateway.demoData) {
    // The demo has a past: its business date starts about four months ago (read by the repayment
    // service at its first start only), and the demo brings it to today.
    process.env.BUSINESS_DATE_START ??= limaDate(new Date(Date.now() - 130 * 24 * 3600 * 1000));
  }

  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  for (const service of services) startService(service);
  for (const service of services) await waitForHealth(service, loadServiceConfig(service).port);

  if (!only && gateway.demoData) {
    const baseUrl = `http://127.0.0.1:${gateway.port}`;
    console.log('Loading demo data (about a minute the first time)…');
    const summary = await seedDemoData(baseUrl, today);
    console.log(`Demo data: ${summary}`);
  }
  if (!only) {
    const url = `http://localhost:${gateway.port}`;
    console.log(`
Qollqa is running.
  Web app      ${url}/
  API          ${url}/api   (OpenAPI: ${url}/api/docs)
  Health       ${url}/health, metrics ${url}/metrics
${gateway.demoData ? '  Sign in as   officer / officer-demo, manager / manager-demo, admin / admin-demo\n' : ''}Press Ctrl-C to stop.`);
  }
}

/** The calendar date in Peru: the programme's business day. */
function limaDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(at);
}

function startService(service: ServiceName): void {
  const entry = join(__dirname, '..', 'apps', service, 'src', 'main.js');
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(service, child);
  const print = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const text = formatLog(service, line);
      if (text) console.log(text);
    }
  };
  child.stdout?.on('data', print);
  child.stderr?.on('data', print);
  child.on('exit', (code) => {
    children.delete(service);
    if (stopping) return;
    // A crashed service is restarted: its work resumes from its outbox and its durable consumer.
    console.error(`[${service}] exited with code ${code}; restarting in 2 s`);
    setTimeout(() => !stopping && startService(service), 2000);
  });
}

/** Services log JSON (pino); here they are shown as one readable line each, warnings and up by default. */
function formatLog(service: string, line: string): string {
  try {
    const entry = JSON.parse(line) as { level: number; msg: string; context?: string };
    const verbose = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'info';
    if (entry.level < 40 && !verbose) return '';
    const level = entry.level >= 50 ? 'ERROR' : entry.level >= 40 ? 'WARN' : 'INFO';
    return `[${service}] ${level} ${entry.context ? `${entry.context}: ` : ''}${entry.msg}`;
  } catch {
    return `[${service}] ${line}`;
  }
}

async function waitForHealth(service: ServiceName, port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  fail(`${service} did not become healthy on port ${port} within 60 s`);
}

async function checkPostgres(databaseUrl: string): Promise<void> {
  try {
    await ensureDatabase(databaseUrl);
  } catch (err) {
    const where = new URL(databaseUrl).host;
    fail(
      `PostgreSQL is not reachable at ${where} (${(err as Error).message}).\n` +
        `Start it (on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start,\n` +
        `or: docker compose up -d postgres), or set DATABASE_URL.`,
    );
  }
}

async function checkNats(servers: string[]): Promise<void> {
  try {
    const nc = await connect({ servers, timeout: 3000 });
    const jetStreamOn = await nc
      .request('$JS.API.INFO', undefined, { timeout: 2000 })
      .then(() => true)
      .catch(() => false);
    await nc.close();
    if (!jetStreamOn)
      fail(`NATS at ${servers.join(',')} runs without JetStream: start it with -js.`);
  } catch (err) {
    fail(
      `NATS is not reachable at ${servers.join(',')} (${(err as Error).message}).\n` +
        `Start it with JetStream (nats-server -a 127.0.0.1 -p 4222 -js, or: docker compose up -d nats), or set NATS_URL.`,
    );
  }
}

function stopAll(): void {
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 3000).unref();
  if (children.size === 0) process.exit(0);
  for (const child of children.values())
    child.on('exit', () => children.size === 0 && process.exit(0));
}

function fail(message: string): never {
  console.error(`\n${message}\n`);
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  process.exit(1);
}

main().catch((err) => fail(`Qollqa could not start: ${err?.stack ?? err}`));
