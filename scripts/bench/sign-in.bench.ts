import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase } from '@qollqa/persistence';
import { percentile } from './bench-database';

const SIGN_INS = 200;
const USERS = 50;
const HEALTH_EVERY_MS = 100;

/**
 * 200 concurrent staff sign-ins against a gateway process of its own (its own database, demo users
 * on), while /health is polled every 100 ms: argon2id hashes off the event loop, so the gateway
 * keeps answering. Prints the sign-ins' p50 and p99 and whether /health answered 200 throughout.
 */
export async function run(): Promise<void> {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qollqa');
  url.pathname = '/qollqa_bench_sign_in';
  const databaseUrl = url.toString();
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const gateway = startGateway(databaseUrl, port);
  try {
    await waitForHealth(base, gateway);
    const admin = await signIn(base, 'admin', 'admin-demo');
    for (let i = 0; i < USERS; i++) {
      const response = await fetch(`${base}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          username: `bench.${i}`,
          displayName: `Bench ${i}`,
          role: 'loan_officer',
          password: `bench-password-${i}`,
        }),
      });
      if (response.status !== 201) throw new Error(`creating bench.${i}: ${response.status}`);
    }

    const health = pollHealth(base);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: SIGN_INS }, async (_, i) => {
        const sent = performance.now();
        const response = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            username: `bench.${i % USERS}`,
            password: `bench-password-${i % USERS}`,
          }),
        });
        await response.arrayBuffer();
        return { status: response.status, ms: performance.now() - sent };
      }),
    );
    const wallMs = performance.now() - started;
    const polls = await health.stop();

    const times = results.map((result) => result.ms).sort((a, b) => a - b);
    const signedIn = results.filter((result) => result.status === 200).length;
    const healthy = polls.filter((poll) => poll.status === 200).length;
    const slowestHealth = Math.max(...polls.map((poll) => poll.ms));
    console.log(
      `sign-in: ${SIGN_INS} concurrent sign-ins (${USERS} users, argon2id m=19 MiB t=2) in ${(wallMs / 1000).toFixed(2)} s, ` +
        `${signedIn} answered 200 — p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms`,
    );
    console.log(
      `sign-in: /health polled ${polls.length} times during the burst: ${healthy === polls.length ? 'all 200' : `${polls.length - healthy} not 200`}, ` +
        `slowest ${slowestHealth.toFixed(0)} ms, p50 ${percentile(
          polls.map((poll) => poll.ms).sort((a, b) => a - b),
          50,
        ).toFixed(0)} ms`,
    );
  } finally {
    gateway.kill('SIGTERM');
    if (gateway.exitCode === null) await once(gateway, 'exit');
    await dropDatabase(databaseUrl);
  }
}

function startGateway(databaseUrl: string, port: number): ChildProcess {
  const entry = join(__dirname, '..', '..', 'apps', 'gateway', 'src', 'main.js');
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NATS_PREFIX: 'bench_sign_in',
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function waitForHealth(base: string, gateway: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (gateway.exitCode !== null) throw new Error(`the gateway exited (${gateway.exitCode})`);
    const ok = await fetch(`${base}/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('the gateway did not become healthy within 60 s');
}

async function signIn(base: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`signing in ${username}: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Polls /health every HEALTH_EVERY_MS (each with a 5 s timeout) until stopped. */
function pollHealth(base: string) {
  const polls: { status: number; ms: number }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const sent = performance.now();
      const status = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5000) })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => 0);
      polls.push({ status, ms: performance.now() - sent });
      await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return polls;
    },
  };
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
