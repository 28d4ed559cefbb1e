import { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';

/**
 * How a relay learns that there is something to publish without waiting for its poll. After the
 * commit of a transaction that wrote to the outbox (OutboxService marks the transaction's query
 * runner; a subscriber on its DataSource sees the commit):
 *
 * - the relay of the same process, if it is running and publishing, is woken directly;
 * - otherwise (no relay in this process, or its relay cannot reach NATS) the relays of the other
 *   processes on the schema (replicas) are woken by a NOTIFY on `outboxChannel(schema)`.
 *
 * The NOTIFY is sent after the commit, in a statement of its own, never inside the writing
 * transaction: PostgreSQL serialises the commits of every transaction that notifies (a lock held
 * until the commit is flushed), which would make every repayment's commit wait for the others'.
 */
const wroteToOutbox = new WeakSet<QueryRunner>();

interface CommitHook {
  /** The relay of this process on this DataSource, when it can publish. */
  wakeLocalRelay?: () => boolean;
  notifying?: Promise<void>;
  notifyAgain: boolean;
}
const hooks = new WeakMap<DataSource, CommitHook>();

/** The NOTIFY channel of a schema's outbox. */
export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}

/** Marks the transaction of `runner` as one that wrote an event: its commit wakes a relay. */
export function markOutboxWritten(runner: QueryRunner): void {
  wroteToOutbox.add(runner);
  hookCommits(runner.connection);
}

/**
 * Registers this process's relay on `dataSource`: `wake` is called after each commit of a
 * transaction that wrote to the outbox, and returns false when the relay cannot publish now (the
 * other replicas are notified then). Returns the function that unregisters it.
 */
export function wakeAfterOutboxCommits(dataSource: DataSource, wake: () => boolean): () => void {
  const hook = hookCommits(dataSource);
  hook.wakeLocalRelay = wake;
  return () => {
    if (hook.wakeLocalRelay === wake) hook.wakeLocalRelay = undefined;
  };
}

function hookCommits(dataSource: DataSource): CommitHook {
  let hook = hooks.get(dataSource);
  if (hook) return hook;
  const created: CommitHook = { notifyAgain: false };
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit({ queryRunner }) {
      // A savepoint's release is not the commit: only the outermost one counts.
      if (queryRunner.isTransactionActive || !wroteToOutbox.delete(queryRunner)) return;
      if (!created.wakeLocalRelay?.()) notifyReplicas(dataSource, created);
    },
    afterTransactionRollback({ queryRunner }) {
      if (!queryRunner.isTransactionActive) wroteToOutbox.delete(queryRunner);
    },
  };
  dataSource.subscribers.push(subscriber);
  hooks.set(dataSource, created);
  hook = created;
  return hook;
}

/** One NOTIFY at a time; commits that come while one is on its way get one more after it. */
function notifyReplicas(dataSource: DataSource, hook: CommitHook): void {
  if (hook.notifying) {
    hook.notifyAgain = true;
    return;
  }
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema || !dataSource.isInitialized) return;
  hook.notifying = dataSource
    .query('SELECT pg_notify($1, $2)', [outboxChannel(schema), ''])
    .then(
      () => undefined,
      // The replicas' poll publishes the event all the same.
      () => undefined,
    )
    .finally(() => {
      hook.notifying = undefined;
      if (hook.notifyAgain) {
        hook.notifyAgain = false;
        notifyReplicas(dataSource, hook);
      }
    });
}
