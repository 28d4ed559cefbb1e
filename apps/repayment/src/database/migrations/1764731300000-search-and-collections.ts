import { searchableText } from '@qollqa/contracts';
import { trigramOperatorClass } from '@qollqa/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search of GET /api/loans and the collection sheet:
 * - `search_name`: the enterprise's name in searchableText()'s form (lower case, no accents), with a
 *   pg_trgm GIN index so "part of the name" is found without scanning the loans;
 * - `document_id` (DNI/RUC) and an index on `reference`, for the exact searches;
 * - `registered_by`: the loan officer who registered the application (the collection sheet's
 *   `officer`), carried by application.approved → loan.disbursed.
 * Loans opened before this migration have no document id or officer: their events did not carry
 * them, and this service never reads another's schema. They are found by reference and name.
 */
export class SearchAndCollections1764731300000 implements MigrationInterface {
  name = 'SearchAndCollections1764731300000';

  async up(runner: QueryRunner): Promise<void> {
    const trigramOps = await trigramOperatorClass(runner);
    await runner.query(
      `ALTER TABLE loan ADD COLUMN search_name text, ADD COLUMN document_id text,
         ADD COLUMN registered_by text`,
    );
    const loans: { id: string; enterprise_name: string }[] = await runner.query(
      `SELECT id, enterprise_name FROM loan`,
    );
    for (let start = 0; start < loans.length; start += 5000) {
      const slice = loans.slice(start, start + 5000);
      await runner.query(
        `UPDATE loan l SET search_name = s.search_name
         FROM unnest($1::uuid[], $2::text[]) AS s(id, search_name) WHERE l.id = s.id`,
        [slice.map((loan) => loan.id), slice.map((loan) => searchableText(loan.enterprise_name))],
      );
    }
    await runner.query(`ALTER TABLE loan ALTER COLUMN search_name SET NOT NULL`);
    await runner.query(
      `CREATE INDEX loan_search_name_idx ON loan USING gin (search_name ${trigramOps})`,
    );
    await runner.query(`CREATE INDEX loan_reference_idx ON loan (reference)`);
    await runner.query(`CREATE INDEX loan_document_idx ON loan (document_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX loan_document_idx`);
    await runner.query(`DROP INDEX loan_reference_idx`);
    await runner.query(`DROP INDEX loan_search_name_idx`);
    await runner.query(
      `ALTER TABLE loan DROP COLUMN registered_by, DROP COLUMN document_id, DROP COLUMN search_name`,
    );
  }
}
