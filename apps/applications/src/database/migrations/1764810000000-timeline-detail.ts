import { MigrationInterface, QueryRunner } from 'typeorm';

const MONEY = String.raw`\d+\.\d{2}`;

/**
 * What the system did at each step of the timeline, coded, so every client says it in its own
 * language:
 * - `application_timeline.detail` (jsonb): SCORED, SECOND_APPROVAL_REQUIRED, WAITLISTED or DISBURSED
 *   with their figures (libs/contracts timeline-detail.ts); null for a step that is only a person's.
 * - `application_timeline.note_by_system`: the `note` is an English text the system wrote (kept for
 *   older clients), not a person's words.
 * Steps from before get theirs from their note: the system wrote only these few sentences. An
 * officer's approval above the threshold that carried the officer's own reason keeps no detail
 * (the amounts were not in its note).
 */
export class TimelineDetail1764810000000 implements MigrationInterface {
  name = 'TimelineDetail1764810000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE application_timeline
        ADD COLUMN detail jsonb,
        ADD COLUMN note_by_system boolean NOT NULL DEFAULT false`);

    await runner.query(`
      UPDATE application_timeline SET note_by_system = true
      WHERE note IS NOT NULL AND (by = 'system' OR (status = 'awaiting_second_approval'
        AND note ~ '^Approved for ${MONEY}: above ${MONEY}, a fund manager must confirm$'))`);

    await runner.query(`
      UPDATE application_timeline t SET detail = jsonb_build_object(
          'code', 'SCORED', 'score', p.m[1]::int, 'grade', p.m[2], 'recommendation', p.m[3])
      FROM (SELECT id, regexp_match(note, '^Scored (\\d+) \\(([A-E])\\), recommendation: (approve|review|decline)$') AS m
            FROM application_timeline WHERE status = 'in_review' AND by = 'system') p
      WHERE t.id = p.id AND p.m IS NOT NULL`);

    await runner.query(`
      UPDATE application_timeline t SET detail = jsonb_build_object(
          'code', 'SECOND_APPROVAL_REQUIRED', 'amount', p.m[1], 'threshold', p.m[2])
      FROM (SELECT id, regexp_match(note, '^Approved for (${MONEY}): above (${MONEY}), a fund manager must confirm$') AS m
            FROM application_timeline WHERE status = 'awaiting_second_approval' AND note_by_system) p
      WHERE t.id = p.id AND p.m IS NOT NULL`);

    // One waitlist sentence was ever written: the guarantee fund at its leverage limit.
    await runner.query(`
      UPDATE application_timeline
      SET detail = jsonb_build_object('code', 'WAITLISTED', 'reason', 'GUARANTEE_CAPACITY')
      WHERE status = 'waitlisted' AND by = 'system'`);

    await runner.query(`
      WITH paid AS (
        SELECT t.id, a.grant_requested::text AS grant_requested,
          regexp_match(t.note, '^Paid out S/ (${MONEY}) on (\\d{4}-\\d{2}-\\d{2}): loan S/ (${MONEY}) less guarantee fee S/ (${MONEY})(?:; (.*))?$') AS m
        FROM application_timeline t JOIN application a ON a.id = t.application_id
        WHERE t.status = 'disbursed' AND t.by = 'system' AND t.note IS NOT NULL
      ), grants AS (
        SELECT id, grant_requested, m,
          regexp_match(m[5], '^with a matching grant of S/ (${MONEY})$') AS g,
          regexp_match(m[5], '^Grant of (${MONEY}) refused: at most (${MONEY}) per enterprise, and (${MONEY}) remain for this one$') AS e,
          regexp_match(m[5], '^Grant of (${MONEY}) refused: the innovation fund has (${MONEY}) of budget left') AS b
        FROM paid WHERE m IS NOT NULL
      )
      UPDATE application_timeline t SET detail = jsonb_build_object(
          'code', 'DISBURSED', 'disbursedOn', g.m[2], 'principal', g.m[3], 'guaranteeFee', g.m[4],
          'grant', coalesce(g.g[1], '0.00'), 'payout', g.m[1], 'grantRequested', g.grant_requested,
          'grantRefusal', CASE
            WHEN g.e IS NOT NULL THEN jsonb_build_object('code', 'GRANT_ENTERPRISE_LIMIT',
              'requested', g.e[1], 'limit', g.e[2], 'remaining', g.e[3])
            WHEN g.b IS NOT NULL THEN jsonb_build_object('code', 'GRANT_BUDGET_EXHAUSTED',
              'requested', g.b[1], 'available', g.b[2])
          END)
      FROM grants g WHERE t.id = g.id`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE application_timeline DROP COLUMN detail, DROP COLUMN note_by_system`,
    );
  }
}
