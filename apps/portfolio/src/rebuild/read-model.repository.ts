import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { READ_MODEL_TABLES } from '../database/entities';

/** The read model as a whole, for a rebuild from the event stream. */
@Injectable()
export class ReadModelRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Empties the read model and forgets which events `consumer` has processed, in one transaction:
   * what remains is the programme data (policy, target) and a portfolio state as before any event.
   */
  reset(consumer: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
      await manager.query(
        `UPDATE portfolio_state SET business_date = NULL, enterprises = 0, women_led = 0, position_version = 0,
         available_capital = NULL, exposure = NULL, leverage_limit = NULL WHERE id = 1`,
      );
      await manager.query(`DELETE FROM inbox WHERE consumer = $1`, [consumer]);
    });
  }
}
