/**
 * Rows a service may forget: those of `table` (in its own schema) matching `where`, an SQL condition
 * that names the horizon. Each rule says why its horizon is safe (README, "Retention").
 */
export interface RetentionRule {
  name: string;
  table: string;
  where: string;
}

/**
 * Every service's messaging tables (libs/messaging):
 * - an outbox row once sent is only kept for inquiries: JetStream has the event, and the relay's
 *   duplicate detection needs it for 2 minutes at most;
 * - an inbox id guards against applying an event twice, which can only happen while the event can
 *   still be delivered again: within JetStream's duplicate window (2 minutes) for a re-publish, or
 *   an ack_wait (60 s) after a lost ack for a redelivery, a few times over. Seven days is far beyond.
 *   (A rebuild replays the stream from the start but clears its consumer's ids first.)
 */
export const MESSAGING_RETENTION: RetentionRule[] = [
  {
    name: 'outbox sent for 7 days',
    table: 'outbox',
    where: `status = 'sent' AND sent_at < now() - interval '7 days'`,
  },
  {
    name: 'inbox ids after 7 days',
    table: 'inbox',
    where: `processed_at < now() - interval '7 days'`,
  },
];
