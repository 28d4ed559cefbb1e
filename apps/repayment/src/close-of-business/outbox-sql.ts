/**
 * SQL that writes one event per row of `source` into the outbox, set-based (INSERT … SELECT), with
 * the envelope every event has (libs/contracts EventEnvelope) built by PostgreSQL. `source` must
 * have `aggregate_id` and `aggregate_version` columns (the loan's version after the change); `payload` is a jsonb expression over its columns, aliased `e`.
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
      'aggregateVersion', e.aggregate_version,
      'correlationId', ${options.correlationId}::uuid,
      'causationId', NULL,
      'payload', ${options.payload})
    FROM (SELECT gen_random_uuid() AS event_id, s.* FROM ${options.source} s) e
    RETURNING 1`;
}

/**
 * The loan's state (libs/contracts LoanStateDto) as jsonb, from a row of `source` (aliased `e`) with
 * the loan's status, outstanding_principal, days_past_due, classification, claimed_on and
 * reprogrammings (`reprogrammed` only once it has been, as loanState() writes it).
 */
export const LOAN_STATE_SQL = `(jsonb_build_object(
  'status', e.status,
  'outstandingPrincipal', e.outstanding_principal::text,
  'daysPastDue', e.days_past_due,
  'classification', e.classification,
  'claimed', e.claimed_on IS NOT NULL)
  || CASE WHEN e.reprogrammings > 0 THEN jsonb_build_object('reprogrammed', true) ELSE '{}'::jsonb END)`;
