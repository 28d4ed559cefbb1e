import { dropDatabase, ensureDatabase, WriteBatch } from '@qollqa/persistence';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { testDatabaseUrl, uniqueName } from '../support/test-env';

/** The writes of a transaction in one statement: each happens, once, and rows keep their order. */
describe('WriteBatch against PostgreSQL', () => {
  const databaseUrl = testDatabaseUrl(uniqueName('qollqa_test_write_batch'));
  let client: Client;
  /** The one method of an EntityManager the batch uses, on a plain connection. */
  let manager: EntityManager;
  const statements: string[] = [];

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    client = new Client({ connectionString: databaseUrl });
    client.on('error', () => undefined);
    await client.connect();
    await client.query(`CREATE TABLE account (id int PRIMARY KEY, balance numeric NOT NULL)`);
    await client.query(
      `CREATE TABLE movement (seq bigint GENERATED ALWAYS AS IDENTITY, account_id int REFERENCES account (id),
         amount numeric NOT NULL, note text)`,
    );
    manager = {
      query: async (sql: string, params: unknown[]) => {
        statements.push(sql);
        return (await client.query(sql, params)).rows;
      },
    } as unknown as EntityManager;
  });

  afterAll(async () => {
    await client?.end();
    await dropDatabase(databaseUrl);
  });

  beforeEach(() => (statements.length = 0));

  it('sends every write in one statement, each with its own parameters', async () => {
    await client.query('BEGIN');
    const batch = new WriteBatch()
      .add('INSERT INTO account (id, balance) VALUES ($1, $2)', [1, '100.00'])
      .add('INSERT INTO account (id, balance) VALUES ($1, $2)', [2, '0.50']);
    batch.addRow('movement (account_id, amount, note)', [1, '100.00', 'opening']);
    batch.add('UPDATE account SET balance = balance + $2 WHERE id = $1', [3, '9.99']);
    await batch.run(manager);
    await client.query('COMMIT');

    expect(statements).toHaveLength(1);
    expect(batch.size).toBe(0);
    const { rows } = await client.query('SELECT id, balance::text FROM account ORDER BY id');
    expect(rows).toEqual([
      { id: 1, balance: '100.00' },
      { id: 2, balance: '0.50' },
    ]);
    // The row refers to an account inserted by the same statement: the reference holds.
    const movements = await client.query('SELECT account_id, amount::text, note FROM movement');
    expect(movements.rows).toEqual([{ account_id: 1, amount: '100.00', note: 'opening' }]);
  });

  it('inserts rows added for one table in the order they were added, whatever came between', async () => {
    const batch = new WriteBatch();
    batch.addRow('movement (account_id, amount, note)', [2, '1.00', 'first']);
    batch.add('UPDATE account SET balance = balance + $1 WHERE id = $2', ['3.00', 2]);
    batch.addRow('movement (account_id, amount, note)', [2, '2.00', 'second']);
    batch.addRow('movement (account_id, amount, note)', [2, '3.00', 'third']);
    await batch.run(manager);

    const { rows } = await client.query(
      `SELECT note FROM movement WHERE account_id = 2 ORDER BY seq`,
    );
    expect(rows.map((row) => row.note)).toEqual(['first', 'second', 'third']);
    const [account] = (await client.query(`SELECT balance::text FROM account WHERE id = 2`)).rows;
    expect(account.balance).toBe('3.50'); // 0.50 + 3.00
    expect(statements).toHaveLength(1);
  });

  it('changes nothing when one of its writes fails', async () => {
    const batch = new WriteBatch()
      .add('UPDATE account SET balance = balance + $1 WHERE id = $2', ['1000.00', 1])
      .add('INSERT INTO account (id, balance) VALUES ($1, $2)', [2, '0']); // id 2 exists
    await expect(batch.run(manager)).rejects.toThrow(/duplicate key/);
    const [account] = (await client.query(`SELECT balance::text FROM account WHERE id = 1`)).rows;
    expect(account.balance).toBe('100.00');
  });

  it('sends nothing for an empty batch', async () => {
    await new WriteBatch().run(manager);
    expect(statements).toEqual([]);
  });
});
