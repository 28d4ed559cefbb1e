import { QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service has in its own schema. Each service's first migration
 * calls this, so the tables are versioned with the rest of its schema.
 */
export async function createMessagingTables(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TABLE outbox (
      seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id    uuid NOT NULL UNIQUE,
      type        text NOT NULL,
      envelope    jsonb NOT NULL,
      status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
      attempts    integer NOT NULL DEFAULT 0,
      last_error  text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      sent_at     timestamptz
    )`);
  await runner.query(`CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE status = 'pending'`);
  await runner.query(`
    CREATE TABLE inbox (
      consumer     text NOT NULL,
      event_id     uuid NOT NULL,
      event_type   text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropMessagingTables(runner: QueryRunner): Promise<void> {
  await runner.query('DROP TABLE inbox');
  await runner.query('DROP TABLE outbox');
}
