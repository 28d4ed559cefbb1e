import {
  AckPolicy,
  DeliverPolicy,
  JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { subjects } from '@qollqa/contracts';

/** How long JetStream remembers a message id to drop a re-published duplicate. */
const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  subject: string,
  maxAgeMs: number,
  replicas: number,
): Promise<void> {
  try {
    await jsm.streams.info(name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.streams
      .add({
        name,
        subjects: [subject],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: nanos(maxAgeMs),
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
        num_replicas: replicas,
      })
      .catch((addErr) => {
        // Another service created it in the meantime.
        if (!/already in use/i.test(String(addErr?.message))) throw addErr;
      });
  }
}

/**
 * The event stream keeps every event for ever (max_age 0): read models such as the portfolio are
 * rebuilt by replaying it from the start. The dead-letter stream keeps rejected events 90 days.
 * `replicas` copies of each are kept by a NATS cluster (STREAM_REPLICAS); an existing stream keeps
 * its own (`nats stream edit <name> --replicas 3` changes it).
 */
export async function ensureEventStreams(
  jsm: JetStreamManager,
  prefix: string,
  replicas = 1,
): Promise<void> {
  await ensureStream(jsm, subjects.eventStream(prefix), subjects.allEvents(prefix), 0, replicas);
  await ensureStream(
    jsm,
    subjects.deadLetterStream(prefix),
    subjects.allDeadLetters(prefix),
    90 * 24 * 3600 * 1000,
    replicas,
  );
}

export interface DurableConsumerOptions {
  prefix: string;
  durableName: string;
  ackWaitMs: number;
  /** Copies of the consumer's state in a NATS cluster (as the stream's). */
  replicas?: number;
}

/** A durable pull consumer over all events, with explicit acks; creating it twice is harmless. */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  options: DurableConsumerOptions,
): Promise<void> {
  const stream = subjects.eventStream(options.prefix);
  try {
    await jsm.consumers.info(stream, options.durableName);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.consumers.add(stream, {
      durable_name: options.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: subjects.allEvents(options.prefix),
      ack_wait: nanos(options.ackWaitMs),
      // Unlimited here: the consumer itself dead-letters an event after its own delivery limit, so
      // the server never silently stops redelivering one.
      max_deliver: -1,
      max_ack_pending: 1000,
      num_replicas: options.replicas ?? 1,
    });
  }
}

function isNotFound(err: unknown): boolean {
  return /not found/i.test(String((err as Error)?.message));
}
