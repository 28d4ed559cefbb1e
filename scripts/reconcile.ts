/**
 * `npm run reconcile`: compares every service's derived figures with their source (DATABASE_URL, or
 * the default local database) and prints each difference. Exits 1 when there is any, 0 when the
 * books and their views agree. Run it on a quiet system: events on their way show as differences.
 */
import 'reflect-metadata';
import { loadServiceConfig } from '@qollqa/config';
import { reconcile } from './reconcile/reconcile-checks';

async function main(): Promise<void> {
  const { databaseUrl } = loadServiceConfig('gateway');
  const differences = await reconcile(databaseUrl);
  if (differences.length === 0) {
    console.log('Reconciled: every derived figure agrees with its source.');
    return;
  }
  console.log(`${differences.length} difference(s):`);
  for (const difference of differences) console.log(`- ${difference}`);
  process.exitCode = 1;
}

main().catch((err) => {
  console.error(`Reconciliation failed: ${err?.stack ?? err}`);
  process.exit(2);
});
