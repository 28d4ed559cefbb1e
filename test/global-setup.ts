import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { connect } from '@nats-io/transport-node';
import { createdAt, testDatabaseUrl } from './support/test-env';

/** Test databases older than this are leftovers of runs that died; younger ones may be in use by another run. */
const LEFTOVER_AFTER_MS = 2 * 60 * 60 * 1000;

/**
 * Runs once before the integration suites: PostgreSQL and NATS must be reachable (say how to start
 * them if not), and databases left behind by earlier runs (older than two hours) are dropped.
 */
export default async function globalSetup(): Promise<void> {
  // The web app, built for this run alone (another run may be rebuilding dist/web at the same time).
  const webDir = join(mkdtempSync(join(tmpdir(), 'qollqa-web-')), 'web');
  execFileSync(process.execPath, [join(__dirname, '..', 'apps', 'web', 'build.mjs'), webDir]);
  process.env.WEB_DIR = webDir;

  const admin = new Client({ connectionString: testDatabaseUrl('postgres') });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable (${(err as Error).message}). Start it with: ` +
        `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  }
  const stale = await admin.query(
    `SELECT datname FROM pg_database WHERE datname LIKE 'qollqa_test_%'`,
  );
  for (const { datname } of stale.rows) {
    const created = createdAt(datname);
    if (created !== undefined && Date.now() - created < LEFTOVER_AFTER_MS) continue;
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  }
  await admin.end();

  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  try {
    const nc = await connect({ servers: natsUrl.split(','), timeout: 3000 });
    await nc.close();
  } catch (err) {
    throw new Error(
      `NATS is not reachable at ${natsUrl} (${(err as Error).message}). Start it with JetStream: ` +
        `nats-server -a 127.0.0.1 -p 4222 -js`,
    );
  }
}
