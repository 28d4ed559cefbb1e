import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme's impact (GET /api/portfolio/impact), pre-summed from loan.disbursed like the rest of
 * the read model:
 * - `portfolio_impact_loan`: each loan counted once (its grant, which no other table keeps);
 * - `portfolio_impact_member`: which enterprises have a loan in each value chain and municipality,
 *   so each is counted once in each;
 * - `portfolio_impact_segment`: per value chain and per municipality, its enterprises (women-led
 *   among them), loans, principal disbursed and grants.
 * The target is programme data, not read model: `portfolio_programme` (default 50 enterprises, the
 * first project's goal), kept by a rebuild.
 *
 * Loans paid out before this migration are counted from the read model's loans, without their
 * grants (loan.disbursed carried them, the read model did not keep them): `npm run portfolio:rebuild`
 * counts those too.
 */
export class ProgrammeImpact1764850000100 implements MigrationInterface {
  name = 'ProgrammeImpact1764850000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE portfolio_programme (
        id                 integer PRIMARY KEY CHECK (id = 1),
        target_enterprises integer NOT NULL CHECK (target_enterprises > 0)
      )`);
    await runner.query(`INSERT INTO portfolio_programme VALUES (1, 50)`);
    await runner.query(`
      CREATE TABLE portfolio_impact_loan (
        loan_id       uuid PRIMARY KEY,
        enterprise_id uuid NOT NULL,
        grant_amount  numeric(14,2) NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE portfolio_impact_member (
        dimension     text NOT NULL CHECK (dimension IN ('value_chain', 'municipality')),
        segment       text NOT NULL,
        enterprise_id uuid NOT NULL,
        PRIMARY KEY (dimension, segment, enterprise_id)
      )`);
    await runner.query(`
      CREATE TABLE portfolio_impact_segment (
        dimension    text NOT NULL CHECK (dimension IN ('value_chain', 'municipality')),
        segment      text NOT NULL,
        enterprises  integer NOT NULL,
        women_led    integer NOT NULL,
        loans        integer NOT NULL,
        disbursed    numeric(16,2) NOT NULL,
        grant_count  integer NOT NULL,
        grant_amount numeric(16,2) NOT NULL,
        PRIMARY KEY (dimension, segment)
      )`);

    // What the read model already holds.
    await runner.query(`
      INSERT INTO portfolio_impact_loan (loan_id, enterprise_id, grant_amount)
      SELECT loan_id, enterprise_id, 0 FROM portfolio_loan WHERE disbursed_seen`);
    for (const dimension of ['value_chain', 'municipality']) {
      await runner.query(`
        INSERT INTO portfolio_impact_member (dimension, segment, enterprise_id)
        SELECT DISTINCT '${dimension}', ${dimension}, enterprise_id FROM portfolio_loan WHERE disbursed_seen`);
      await runner.query(`
        INSERT INTO portfolio_impact_segment (dimension, segment, enterprises, women_led, loans, disbursed, grant_count, grant_amount)
        SELECT '${dimension}', l.${dimension}, count(DISTINCT l.enterprise_id),
               count(DISTINCT l.enterprise_id) FILTER (WHERE e.women_led), count(*), sum(l.principal), 0, 0
        FROM portfolio_loan l JOIN portfolio_enterprise e USING (enterprise_id)
        WHERE l.disbursed_seen
        GROUP BY l.${dimension}`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'portfolio_impact_segment',
      'portfolio_impact_member',
      'portfolio_impact_loan',
      'portfolio_programme',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
