/**
 * `npm run portfolio:rebuild`: drops the portfolio read model and replays the event stream from its
 * first event, then prints the summary. Stop the running portfolio service first (its replicas would
 * otherwise share the replay; harmless, as consumers are idempotent, but slower to follow).
 */
import 'reflect-metadata';
import { closeServiceApp, createServiceApp } from '@qollqa/platform';
import { AppModule } from '../apps/portfolio/src/app.module';
import { rebuildPortfolio } from '../apps/portfolio/src/rebuild/rebuild-read-model';

async function main(): Promise<void> {
  const { app, config } = await createServiceApp(AppModule, 'portfolio', {
    rpc: false,
    events: true,
  });
  const started = Date.now();
  const summary = await rebuildPortfolio(app, config);
  console.log(
    `Portfolio rebuilt from the stream in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    JSON.stringify({
      asOf: summary.asOf,
      activeLoans: summary.activeLoans,
      grossPortfolio: summary.grossPortfolio,
      par30: summary.par30,
    }),
  );
  await closeServiceApp(app);
}

main().catch((err) => {
  console.error(`Rebuild failed: ${err?.stack ?? err}`);
  process.exit(1);
});
