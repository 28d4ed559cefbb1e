import { Injectable, OnModuleInit } from '@nestjs/common';
import { ServiceMetrics } from '@qollqa/platform';

/**
 * The close of business as an operator watches it (a missed close alerts): the last closed date and
 * how long that close took, read from the close history at each scrape, the same on every replica.
 */
@Injectable()
export class CloseMetrics implements OnModuleInit {
  constructor(private readonly metrics: ServiceMetrics) {}

  onModuleInit(): void {
    this.metrics.gauge({
      name: 'qollqa_last_closed_business_date_timestamp_seconds',
      help: 'The last closed business date, as the Unix time of its midnight (UTC)',
      labelNames: ['service'],
      sql: `SELECT extract(epoch FROM business_date::timestamp) AS value
            FROM business_day_close ORDER BY business_date DESC LIMIT 1`,
    });
    this.metrics.gauge({
      name: 'qollqa_close_duration_seconds',
      help: 'How long the last close of business took',
      labelNames: ['service'],
      sql: `SELECT duration_ms / 1000.0 AS value FROM business_day_close
            WHERE duration_ms IS NOT NULL ORDER BY business_date DESC LIMIT 1`,
    });
  }
}
