import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EventEnvelope, subjects } from '@qollqa/contracts';
import { randomUUID } from 'node:crypto';

/** An event envelope as a service's outbox would write it (version 1 of its aggregate unless said). */
export function envelope<T>(
  type: string,
  aggregateId: string,
  payload: T,
  aggregateVersion = 1,
): EventEnvelope<T> {
  const id = randomUUID();
  return {
    id,
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId,
    aggregateVersion,
    correlationId: id,
    causationId: null,
    payload,
  };
}

/**
 * Publishes events to a test system's stream exactly as the outbox relay does (event id as message
 * id), standing in for a service the suite does not run.
 */
export async function publishEvents(
  system: { natsUrl: string; prefix: string },
  events: EventEnvelope[],
  messageId: (event: EventEnvelope) => string = (event) => event.id,
): Promise<void> {
  const nc = await connect({ servers: system.natsUrl });
  try {
    const js = jetstream(nc);
    for (const event of events) {
      await js.publish(subjects.event(system.prefix, event.type), JSON.stringify(event), {
        msgID: messageId(event),
      });
    }
  } finally {
    await nc.close();
  }
}
