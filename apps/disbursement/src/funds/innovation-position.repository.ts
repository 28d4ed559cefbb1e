import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal, formatMoney, money } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';

/** The innovation fund's maintained position (kept equal to the journal, see the reconciliation). */
export interface InnovationPosition {
  budget: Decimal;
  committed: Decimal;
  disbursed: Decimal;
}

/**
 * The innovation fund's one position row. Every write is one UPDATE of it, which locks the row until
 * the caller's transaction ends.
 */
@Injectable()
export class InnovationPositionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(manager: EntityManager = this.dataSource.manager): Promise<InnovationPosition> {
    const [row] = await manager.query(
      'SELECT budget, committed, disbursed FROM innovation_position WHERE id = 1',
    );
    return {
      budget: new Decimal(row.budget),
      committed: new Decimal(row.committed),
      disbursed: new Decimal(row.disbursed),
    };
  }

  /** Budget − committed − disbursed. */
  async available(manager: EntityManager): Promise<Decimal> {
    const [row] = await manager.query(
      'SELECT budget - committed - disbursed AS available FROM innovation_position WHERE id = 1',
    );
    return money(row.available);
  }

  /** Commits `amount` of the budget if that much is left; one statement, check and commitment. */
  async commitGrant(manager: EntityManager, amount: Decimal): Promise<boolean> {
    const committed = await manager.query(
      `UPDATE innovation_position SET committed = committed + $1
       WHERE id = 1 AND budget - committed - disbursed >= $1 RETURNING budget - committed - disbursed AS available`,
      [formatMoney(amount)],
    );
    return committed[0].length > 0;
  }

  /** A committed grant paid out: from committed to disbursed. */
  async payOutGrant(manager: EntityManager, amount: Decimal): Promise<void> {
    await manager.query(
      'UPDATE innovation_position SET committed = committed - $1, disbursed = disbursed + $1 WHERE id = 1',
      [formatMoney(amount)],
    );
  }

  async addBudget(manager: EntityManager, amount: Decimal): Promise<void> {
    await manager.query('UPDATE innovation_position SET budget = budget + $1 WHERE id = 1', [
      formatMoney(amount),
    ]);
  }
}
