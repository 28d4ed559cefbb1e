import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refused grant, coded: `disbursement.grant_refusal_detail` holds the refusal's code and figures
 * (GRANT_ENTERPRISE_LIMIT: requested, limit, remaining; GRANT_BUDGET_EXHAUSTED: requested, available)
 * next to the English `grant_refusal`, so `loan.disbursed` carries both. Rows from before get theirs
 * from their text, the only two sentences ever written there.
 */
export class GrantRefusalDetail1764810100000 implements MigrationInterface {
  name = 'GrantRefusalDetail1764810100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE disbursement ADD COLUMN grant_refusal_detail jsonb`);
    await runner.query(`
      UPDATE disbursement SET grant_refusal_detail = jsonb_build_object(
          'code', 'GRANT_ENTERPRISE_LIMIT', 'requested', m[1], 'limit', m[2], 'remaining', m[3])
      FROM (SELECT application_id AS id, regexp_match(grant_refusal,
              '^Grant of (\\d+\\.\\d{2}) refused: at most (\\d+\\.\\d{2}) per enterprise, and (\\d+\\.\\d{2}) remain for this one$') AS m
            FROM disbursement WHERE grant_refusal IS NOT NULL) parsed
      WHERE application_id = parsed.id AND parsed.m IS NOT NULL`);
    await runner.query(`
      UPDATE disbursement SET grant_refusal_detail = jsonb_build_object(
          'code', 'GRANT_BUDGET_EXHAUSTED', 'requested', m[1], 'available', m[2])
      FROM (SELECT application_id AS id, regexp_match(grant_refusal,
              '^Grant of (\\d+\\.\\d{2}) refused: the innovation fund has (\\d+\\.\\d{2}) of budget left') AS m
            FROM disbursement WHERE grant_refusal IS NOT NULL) parsed
      WHERE application_id = parsed.id AND parsed.m IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE disbursement DROP COLUMN grant_refusal_detail`);
  }
}
