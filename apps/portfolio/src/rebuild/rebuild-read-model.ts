import { INestApplication } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { ServiceConfig } from '@qollqa/config';
import { PortfolioSummaryView, subjects } from '@qollqa/contracts';
import { connectNats } from '@qollqa/messaging';
import { PortfolioSummaryService } from '../summary/portfolio-summary.service';
import { ReadModelRepository } from './read-model.repository';

/**
 * Drops the read model and the portfolio's durable consumer, so the next consumer starts from the
 * first event in the stream and builds everything again. Run with the portfolio's transports stopped
 * (the `portfolio:rebuild` script does), then start them.
 */
export async function resetReadModel(app: INestApplication, config: ServiceConfig): Promise<void> {
  await app.get(ReadModelRepository).reset(config.service);
  const nc = await connectNats(config.natsServers, `${config.service}-rebuild`);
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.consumers
      .delete(subjects.eventStream(config.natsPrefix), config.service)
      .catch((err) => {
        if (!/not found/i.test(String(err?.message))) throw err;
      });
  } finally {
    await nc.close();
  }
}

/** Resolves when the portfolio's consumer has processed every event in the stream. */
export async function waitUntilCaughtUp(
  config: ServiceConfig,
  timeoutMs = 10 * 60_000,
): Promise<void> {
  const nc = await connectNats(config.natsServers, `${config.service}-rebuild-wait`);
  try {
    const jsm = await jetstreamManager(nc);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const info = await jsm.consumers.info(
        subjects.eventStream(config.natsPrefix),
        config.service,
      );
      if (info.num_pending === 0 && info.num_ack_pending === 0) return;
      if (Date.now() > deadline)
        throw new Error(`replay not finished: ${info.num_pending} events left`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await nc.close();
  }
}

/**
 * The whole rebuild on an app whose transports are not started yet: reset, start consuming from the
 * first event, wait until the consumer has caught up, and return the rebuilt summary.
 */
export async function rebuildPortfolio(
  app: INestApplication,
  config: ServiceConfig,
): Promise<PortfolioSummaryView> {
  await app.init();
  await resetReadModel(app, config);
  await app.startAllMicroservices();
  await waitUntilCaughtUp(config);
  return app.get(PortfolioSummaryService).summary();
}
