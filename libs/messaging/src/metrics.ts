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
  get deadLetters() {
    return counter('qollqa_dead_letters_total', 'Events sent to the dead-letter stream', [
      'service',
    ]);
  },
  get redeliveries() {
    return counter(
      'qollqa_redeliveries_total',
      'Events delivered again (a nak, an ack_wait that passed, a process that died)',
      ['service'],
    );
  },
  get rpcExpired() {
    return counter(
      'qollqa_rpc_expired_total',
      'Requests dropped unhandled: their wait for a turn (with the usual handling time) outlasts their caller',
      ['service'],
    );
  },
  get consumed() {
    return counter('qollqa_events_consumed_total', 'Events handled by a consumer, by outcome', [
      'service',
      'outcome',
    ]);
  },
};

/**
 * Where each consumer's lag is read from when Prometheus scrapes: one source per subscriber (a
 * replica's consumer is the same durable as the others', so any one of them gives the figure).
 */
const lagSources = new Map<object, { consumer: string; read: () => Promise<number> }>();

/**
 * qollqa_consumer_pending{service, consumer}: the events of the stream the durable consumer has
 * not been given yet (JetStream's num_pending) plus those given and not acknowledged — the same
 * on every replica, read at each scrape. A consumer that cannot be asked is left out.
 */
export function registerConsumerLag(
  subscriber: object,
  consumer: string,
  read: (() => Promise<number>) | null,
): void {
  if (read) lagSources.set(subscriber, { consumer, read });
  else lagSources.delete(subscriber);
  const name = 'qollqa_consumer_pending';
  if (register.getSingleMetric(name)) return;
  new Gauge({
    name,
    help: 'Events the durable consumer has not acknowledged yet (not delivered or in flight)',
    labelNames: ['service', 'consumer'],
    async collect() {
      this.reset();
      const asked = new Set<string>();
      for (const { consumer, read } of lagSources.values()) {
        if (asked.has(consumer)) continue;
        const pending = await read().catch(() => undefined);
        if (pending === undefined) continue;
        asked.add(consumer);
        this.set({ service: consumer, consumer }, pending);
      }
    },
  });
}
