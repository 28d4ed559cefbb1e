import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';
import { Counter, Histogram, register } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  DatabaseGaugeDefinition,
  registerDatabaseGauge,
  unregisterDatabaseGauges,
} from './database-gauge';

// The metrics an operator alerts on (deploy/prometheus/rules.yaml names them). Those about what the
// replicas share are read from the database at each scrape; counts of what one replica did are
// counters that Prometheus sums.

/** Events in the outbox not yet published, and how long the oldest has waited. */
export const OUTBOX_GAUGES: DatabaseGaugeDefinition[] = [
  {
    name: 'qollqa_outbox_backlog',
    help: 'Events in the outbox not yet published',
    labelNames: ['service'],
    sql: `SELECT count(*) AS value FROM outbox WHERE status = 'pending'`,
  },
  {
    name: 'qollqa_outbox_oldest_age_seconds',
    help: 'How long the oldest event not yet published has waited in the outbox (0 when none)',
    labelNames: ['service'],
    sql: `SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) AS value
          FROM outbox WHERE status = 'pending'`,
  },
];

function counter(name: string, help: string, labelNames: string[] = []): Counter {
  return (register.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames });
}

/** Counts of what a replica did (Prometheus sums the replicas). */
export const domainMetrics = {
  get repayments() {
    return counter('qollqa_repayments_total', 'Repayments recorded');
  },
  get payouts() {
    return counter('qollqa_payouts_total', 'Loans paid out');
  },
};

/** The gateway's answers, by route template (never a raw path: an id is not a label). */
export function httpRequestDuration(): Histogram {
  const name = 'qollqa_http_request_duration_seconds';
  return (
    (register.getSingleMetric(name) as Histogram) ??
    new Histogram({
      name,
      help: 'HTTP answers by route template, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    })
  );
}

/** Registers the service's database as the source of its outbox gauges. */
@Injectable()
export class ServiceMetrics implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    for (const gauge of OUTBOX_GAUGES) this.gauge(gauge);
  }

  /** Another gauge read from this service's database at each scrape (labelled by service). */
  gauge(definition: DatabaseGaugeDefinition): void {
    registerDatabaseGauge(definition, this.dataSource, { service: this.config.service });
  }

  onApplicationShutdown(): void {
    unregisterDatabaseGauges(this.dataSource);
  }
}
