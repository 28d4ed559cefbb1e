import { PortfolioSummaryView } from '@qollqa/contracts';
import { closeServiceApp, createServiceApp } from '@qollqa/platform';
import { AppModule as PortfolioModule } from '../../apps/portfolio/src/app.module';
import { rebuildPortfolio } from '../../apps/portfolio/src/rebuild/rebuild-read-model';
import { TestSystem } from './test-system';

/**
 * `npm run portfolio:rebuild` in a test: the portfolio service stopped, its read model replayed from
 * the first event of the stream, the service started again. Returns the rebuilt summary.
 */
export async function rebuildPortfolioFromStream(
  system: TestSystem,
): Promise<PortfolioSummaryView> {
  await system.stopService('portfolio');
  const { app, config } = await createServiceApp(PortfolioModule, 'portfolio', {
    rpc: true,
    events: true,
  });
  try {
    return await rebuildPortfolio(app, config);
  } finally {
    await closeServiceApp(app);
    await system.startService('portfolio');
  }
}
