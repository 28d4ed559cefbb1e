import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { subjects } from '@qollqa/contracts';
import { Pool } from 'pg';

/** Where to look: the run's database, its NATS servers (a cluster's list) and subject prefix. */
export interface QuietTarget {
  db: Pool;
  servers: string[];
  prefix: string;
}

/**
 * Waits until the system is quiet: no outbox row pending in any schema, and no durable consumer of the
 * event stream with events pending or unacknowledged — twice in a row, so that an event published in
 * between is seen. What one service did has then reached every other.
 */
export async function waitUntilQuiet(target: QuietTarget, timeoutMs = 60_000): Promise<void> {
  const nc = await connect({ servers: target.servers, timeout: 5000 });
  try {
    const jsm = await jetstreamManager(nc);
    const stream = subjects.eventStream(target.prefix);
    const busy = async (): Promise<string | undefined> => {
      const pending = await pendingOutboxRows(target.db);
      if (pending.length > 0) return `outbox rows pending: ${pending.join(', ')}`;
      for await (const consumer of jsm.consumers.list(stream)) {
        const waiting = consumer.num_pending + consumer.num_ack_pending;
        if (waiting > 0) return `consumer ${consumer.name}: ${waiting} events waiting`;
      }
      return undefined;
    };
    const deadline = Date.now() + timeoutMs;
    let quietOnce = false;
    for (;;) {
      const why = await busy().catch((err: Error) => `not reachable: ${err.message}`);
      if (why === undefined && quietOnce) return;
      quietOnce = why === undefined;
      if (why !== undefined && Date.now() > deadline) {
        throw new Error(`the system did not settle within ${timeoutMs / 1000} s: ${why}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await nc.close();
  }
}

/** `schema: n` for each schema whose outbox has rows not yet published. */
async function pendingOutboxRows(db: Pool): Promise<string[]> {
  const { rows } = await db.query<{ schema: string }>(
    `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox'`,
  );
  const pending: string[] = [];
  for (const { schema } of rows) {
    const [{ n }] = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${schema}".outbox WHERE status = 'pending'`,
      )
    ).rows;
    if (n > 0) pending.push(`${schema} ${n}`);
  }
  return pending;
}

/** Events some consumer gave up on (the dead-letter stream's messages): none in a healthy system. */
export async function deadLetterCount(servers: string[], prefix: string): Promise<number> {
  const nc = await connect({ servers, timeout: 5000 });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(subjects.deadLetterStream(prefix));
    return info.state.messages;
  } finally {
    await nc.close();
  }
}

/**
 * How many servers hold a copy of each stream and durable consumer of the prefix (the leader and its
 * replicas, as the cluster reports them).
 */
export async function replicasOf(
  servers: string[],
  prefix: string,
): Promise<{ streams: Record<string, number>; consumers: Record<string, number> }> {
  const nc = await connect({ servers, timeout: 5000 });
  try {
    const jsm = await jetstreamManager(nc);
    const streams: Record<string, number> = {};
    const consumers: Record<string, number> = {};
    for (const name of [subjects.eventStream(prefix), subjects.deadLetterStream(prefix)]) {
      streams[name] = copies((await jsm.streams.info(name)).cluster);
    }
    for await (const consumer of jsm.consumers.list(subjects.eventStream(prefix))) {
      consumers[consumer.name] = copies(consumer.cluster);
    }
    return { streams, consumers };
  } finally {
    await nc.close();
  }
}

function copies(cluster: { leader?: string; replicas?: unknown[] } | undefined): number {
  return (cluster?.leader ? 1 : 0) + (cluster?.replicas?.length ?? 0);
}
