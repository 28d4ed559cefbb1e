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
  /** The events the server delivers to it (one subject, maybe a wildcard); all events by default. */
  filterSubject?: string;
}

/**
 * A durable pull consumer over the events (all, or `filterSubject`), with explicit acks; creating it
 * twice is harmless. An existing consumer whose filter differs gets the new one (NATS allows that
 * edit): from then on the server delivers only what the filter matches.
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  options: DurableConsumerOptions,
): Promise<void> {
  const stream = subjects.eventStream(options.prefix);
  const filterSubject = options.filterSubject ?? subjects.allEvents(options.prefix);
  const existing = await jsm.consumers.info(stream, options.durableName).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  if (existing) {
    if (existing.config.filter_subject !== filterSubject) {
      await jsm.consumers.update(stream, options.durableName, { filter_subject: filterSubject });
    }
  } else {
    await jsm.consumers.add(stream, {
      durable_name: options.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filterSubject,
      ack_wait: nanos(options.ackWaitMs),
      // Unlimited here: the consumer itself dead-letters an event after its own delivery limit, so
      // the server never silently stops redelivering one.
      max_deliver: -1,
      max_ack_pending: 1000,
      num_replicas: options.replicas ?? 1,
    });
  }
}

/**
 * The narrowest single subject that covers every one of `types`: the event's own subject for one
 * type, else the tokens they share followed by `>` (`loan.disbursed` and `loan.repaid` give
 * `<prefix>.events.loan.>`). With no types, all events.
 */
export function subjectCovering(prefix: string, types: readonly string[]): string {
  if (types.length === 0) return subjects.allEvents(prefix);
  const tokens = types.map((type) => type.split('.'));
  const [first, ...rest] = tokens;
  if (rest.every((other) => other.join('.') === first.join('.'))) {
    return subjects.event(prefix, first.join('.'));
  }
  const shared: string[] = [];
  for (let i = 0; i < first.length && rest.every((other) => other[i] === first[i]); i++) {
    // A type that ends where the others go on is not matched by `shared.>` (which needs one more
    // token): stop before its last token.
    if (tokens.some((t) => t.length === i + 1)) break;
    shared.push(first[i]);
  }
  return shared.length > 0
    ? `${subjects.event(prefix, shared.join('.'))}.>`
    : subjects.allEvents(prefix);
}

function isNotFound(err: unknown): boolean {
  return /not found/i.test(String((err as Error)?.message));
}
