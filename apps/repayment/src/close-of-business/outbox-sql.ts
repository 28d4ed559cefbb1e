/**
 * SQL that writes one event per row of `source` into the outbox, set-based (INSERT … SELECT), with
 * the envelope every event has (libs/contracts EventEnvelope) built by PostgreSQL. `source` must
 * have an `aggregate_id` column; `payload` is a jsonb expression over its columns, aliased `e`.
 * Amounts in payloads must be cast to text: JSON numbers are not money.
 */
export function insertEventsSql(options: {
  type: string;
  source: string;
  payload: string;
  /** SQL expression of the correlation id shared by the events (a parameter such as `$2`). */
  correlationId: string;
}): string {
  return `INSERT INTO outbox (event_id, type, envelope)
    SELECT e.event_id, '${options.type}', jsonb_build_object(
      'id', e.event_id,
      'type', '${options.type}',
      'version', 1,
      'occurredAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'aggregateId', e.aggregate_id,
      'correlationId', ${options.correlationId}::uuid,
      'causationId', NULL,
      'payload', ${options.payload})
    FROM (SELECT gen_random_uuid() AS event_id, s.* FROM ${options.source} s) e
    RETURNING 1`;
}
