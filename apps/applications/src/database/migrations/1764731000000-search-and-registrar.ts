import { searchableText } from '@qollqa/contracts';
import { trigramOperatorClass } from '@qollqa/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search and exports of GET /api/applications, and who registered each application:
 * - `enterprise.search_name`: the name in searchableText()'s form (lower case, no accents), kept by
 *   the code that writes the name, with a pg_trgm GIN index so "part of the name" is found without
 *   scanning the enterprises. References and DNI/RUC already have their unique indexes.
 * - `application.created_by`: the username of the loan officer who registered the application (the
 *   first timeline entry of the existing ones), carried to the loan for the collection sheet.
 * - `application (created_at, id)`: the list's order, which exports read in batches.
 */
export class SearchAndRegistrar1764731000000 implements MigrationInterface {
  name = 'SearchAndRegistrar1764731000000';

  async up(runner: QueryRunner): Promise<void> {
    const trigramOps = await trigramOperatorClass(runner);
    await runner.query(`ALTER TABLE enterprise ADD COLUMN search_name text`);
    const enterprises: { id: string; name: string }[] = await runner.query(
      `SELECT id, name FROM enterprise`,
    );
    for (let start = 0; start < enterprises.length; start += 5000) {
      const slice = enterprises.slice(start, start + 5000);
      await runner.query(
        `UPDATE enterprise e SET search_name = s.search_name
         FROM unnest($1::uuid[], $2::text[]) AS s(id, search_name) WHERE e.id = s.id`,
        [slice.map((e) => e.id), slice.map((e) => searchableText(e.name))],
      );
    }
    await runner.query(`ALTER TABLE enterprise ALTER COLUMN search_name SET NOT NULL`);
    await runner.query(
      `CREATE INDEX enterprise_search_name_idx ON enterprise USING gin (search_name ${trigramOps})`,
    );

    await runner.query(`ALTER TABLE application ADD COLUMN created_by text`);
    await runner.query(
      `UPDATE application a SET created_by = (
         SELECT t.by FROM application_timeline t WHERE t.application_id = a.id ORDER BY t.id LIMIT 1)`,
    );
    await runner.query(`CREATE INDEX application_list_idx ON application (created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX application_list_idx`);
    await runner.query(`ALTER TABLE application DROP COLUMN created_by`);
    await runner.query(`DROP INDEX enterprise_search_name_idx`);
    await runner.query(`ALTER TABLE enterprise DROP COLUMN search_name`);
  }
}
