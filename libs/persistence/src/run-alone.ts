import { DataSource } from 'typeorm';

/** The first key of every lock runAlone takes: its own space among the advisory locks. */
const SCHEDULED_WORK = 'qollqa.scheduled-work';

export type RunAloneOutcome<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs `work` unless another process (a replica) is running the work of the same `name` right now,
 * in which case it does nothing and says so: scheduled work runs once per tick across replicas.
 * The claim is a session-level advisory lock held on one connection for as long as `work` runs, so
 * a replica that dies mid-way frees it with its connection.
 */
export async function runAlone<T>(
  dataSource: DataSource,
  name: string,
  work: () => Promise<T>,
): Promise<RunAloneOutcome<T>> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ claimed }] = await runner.query(
      'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS claimed',
      [SCHEDULED_WORK, name],
    );
    if (!claimed) return { ran: false };
    try {
      return { ran: true, result: await work() };
    } finally {
      await runner
        .query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [SCHEDULED_WORK, name])
        .catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
