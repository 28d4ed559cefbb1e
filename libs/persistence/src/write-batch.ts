import { EntityManager } from 'typeorm';

interface Statement {
  sql: string;
  params: unknown[];
  /** For rows added with addRow: the table and columns they go into, and the rows, in order. */
  into?: string;
  rows?: unknown[][];
}

/**
 * The writes of one transaction sent to PostgreSQL as one statement (each write a data-modifying
 * `WITH`), so a hot path pays one round trip for them instead of one each. The writes run on one
 * snapshot: none may need another's effect, and no two may change the same row. Each statement
 * numbers its own parameters from $1 and holds no `$` outside its parameters.
 *
 * Rows added with `addRow` for the same table become one multi-row INSERT, in the order they were
 * added (PostgreSQL gives them their sequence numbers in that order: an outbox keeps its events'
 * order that way; two INSERTs in one statement would not).
 */
export class WriteBatch {
  private readonly statements: Statement[] = [];

  add(sql: string, params: unknown[] = []): this {
    this.statements.push({ sql, params });
    return this;
  }

  /**
   * A statement a TypeORM query builder makes (an entity's `insert()` or `update()`: its columns,
   * value transformers and update date as TypeORM writes them), sent with the batch's others.
   */
  addBuilt(builder: { getQueryAndParameters(): [string, unknown[]] }): this {
    const [sql, params] = builder.getQueryAndParameters();
    return this.add(sql, params);
  }

  /** A row to insert `into` ("outbox (event_id, type, envelope)"), after the rows added before. */
  addRow(into: string, row: unknown[]): this {
    const statement = this.statements.find((candidate) => candidate.into === into);
    if (statement) statement.rows!.push(row);
    else this.statements.push({ sql: '', params: [], into, rows: [row] });
    return this;
  }

  get size(): number {
    return this.statements.length;
  }

  /** Sends the writes in the caller's transaction; the batch is empty afterwards. */
  async run(manager: EntityManager): Promise<void> {
    const statements = this.statements.splice(0).map(rowsAsInsert);
    if (statements.length === 0) return;
    if (statements.length === 1) {
      await manager.query(statements[0].sql, statements[0].params);
      return;
    }
    const params: unknown[] = [];
    const parts = statements.map(({ sql, params: own }) => {
      const offset = params.length;
      params.push(...own);
      return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    });
    const last = parts.pop()!;
    await manager.query(
      `WITH ${parts.map((sql, i) => `w${i} AS (${sql})`).join(',\n')}\n${last}`,
      params,
    );
  }
}

function rowsAsInsert(statement: Statement): Statement {
  if (!statement.rows) return statement;
  let n = 0;
  const values = statement.rows.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`);
  return {
    sql: `INSERT INTO ${statement.into} VALUES ${values.join(', ')}`,
    params: statement.rows.flat(),
  };
}
