import { ServiceName } from '@qollqa/config';
import { ConsumerFaults, HeldEventMatch } from '@qollqa/messaging';
import { TestSystem } from './test-system';

export interface CrashWhileHandling {
  /** The consumer that is frozen in A's handler and killed there. */
  service: ServiceName;
  /** Recognises event A among the events the consumer handles. */
  a: HeldEventMatch;
  /** Makes A happen (through the API). */
  produceA: () => Promise<void>;
  /** Runs while A's handler is held before its commit: makes B happen; returns B's event id. */
  whileHeld: () => Promise<string>;
}

/**
 * Reproduces, exactly, the order a crash gives one consumer's events: A is delivered and its handler
 * does its work but is held before its commit (the process frozen, taking no more messages), B is
 * produced, the process is killed there (nothing commits, A is not acked) and started again. The new
 * process handles B at once and gets A back only after ack_wait: A is handled last. Returns A's and
 * B's ids when the system is quiet again, having checked that order in the consumer's inbox.
 */
export async function crashWhileHandling(
  system: TestSystem,
  scenario: CrashWhileHandling,
): Promise<{ a: string; b: string }> {
  const { service } = scenario;
  await system.settle();
  const held = ConsumerFaults.of(system.prefix, service).holdBeforeCommit(scenario.a);
  await scenario.produceA();
  const a = await withTimeout(held.reached, 30_000, `${service} never reached the commit of A`);
  const b = await scenario.whileHeld();
  // B is in the stream, and every other consumer has it.
  await system.settle(30_000, [service]);

  held.crash();
  await system.stopService(service);
  await system.startService(service);
  await system.settle(60_000);

  const handled = await system.query<{ event_id: string }>(
    `SELECT event_id FROM ${service.replace('-', '_')}.inbox WHERE consumer = $1 AND event_id = ANY($2)
     ORDER BY processed_at`,
    [service, [a, b]],
  );
  const order = handled.map((row) => row.event_id);
  if (order.join() !== [b, a].join()) {
    throw new Error(`${service} did not handle B (${b}) before A (${a}): ${order.join(', ')}`);
  }
  return { a, b };
}

/** The id of the newest event of `type` in a service's outbox whose payload has `field` = `value`. */
export async function newestEventId(
  system: TestSystem,
  producer: ServiceName,
  type: string,
  field: string,
  value: string,
): Promise<string> {
  const [row] = await system.query<{ event_id: string }>(
    `SELECT event_id FROM ${producer.replace('-', '_')}.outbox
     WHERE type = $1 AND envelope->'payload'->>$2 = $3 ORDER BY seq DESC LIMIT 1`,
    [type, field, value],
  );
  if (!row) throw new Error(`no ${type} with ${field} ${value} in the ${producer} outbox`);
  return row.event_id;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}
