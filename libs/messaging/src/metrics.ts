import { Counter, Gauge, register } from 'prom-client';

// Metrics live in prom-client's default registry, which /metrics serves. Several services can share
// one process in tests, so each metric is created once and labelled by service.
function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames });
}
function gauge(name: string, help: string, labelNames: string[]): Gauge {
  return (register.getSingleMetric(name) as Gauge) ?? new Gauge({ name, help, labelNames });
}

export const messagingMetrics = {
  get published() {
    return counter('qollqa_outbox_published_total', 'Events the outbox relay published', [
      'service',
    ]);
  },
  get pending() {
    return gauge('qollqa_outbox_pending', 'Events waiting in the outbox at the last relay pass', [
      'service',
    ]);
  },
  get consumed() {
    return counter('qollqa_events_consumed_total', 'Events handled by a consumer, by outcome', [
      'service',
      'outcome',
    ]);
  },
};
