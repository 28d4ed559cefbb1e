// The migration Job (deploy/k8s/base/migrate-job.yaml): `node deploy/migrate.js`, in the image, with
// the services' environment. Runs every service's pending migrations in its own schema, one service
// after the other, through the same code the services run at start (openServiceDataSource: the
// schema created if missing, migrations under a per-schema advisory lock). So it is safe while
// replicas start, and a service starting afterwards finds nothing to do. Exits 1, naming the
// service, at the first failure.
'use strict';

require('reflect-metadata');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const { SERVICE_NAMES, loadServiceConfig } = require(join(dist, 'libs', 'config', 'src'));
const { openServiceDataSource } = require(join(dist, 'libs', 'persistence', 'src'));

async function migrate(service) {
  const config = loadServiceConfig(service);
  const { entities, migrations } = require(
    join(dist, 'apps', service, 'src', 'database', 'entities'),
  );
  const dataSource = await openServiceDataSource({
    databaseUrl: config.databaseUrl,
    schema: config.schema,
    entities,
    migrations,
    poolSize: 2,
  });
  try {
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM "${config.schema}".migrations`,
    );
    console.log(`${service}: schema ${config.schema} is current (${count} migrations applied)`);
  } finally {
    await dataSource.destroy();
  }
}

async function main() {
  for (const service of SERVICE_NAMES) {
    try {
      await migrate(service);
    } catch (err) {
      console.error(`${service}: migrations failed: ${err?.message ?? err}`);
      process.exit(1);
    }
  }
}

void main();
