import { Injectable } from '@nestjs/common';
import { hydrate, WriteBatch } from '@qollqa/persistence';
import { EntityManager, EntityNotFoundError } from 'typeorm';
import { CreditHistory } from '../credit-history/entities/credit-history.entity';
import { QuotePolicy, quotePolicyOf } from '../quotes/quote-policy';
import { ScorecardRecord } from '../scorecards/entities/scorecard.entity';
import { Score } from './entities/score.entity';

/** What scoring a submission reads. */
export interface ScoringInputs {
  scorecard: ScorecardRecord;
  /** Null when the fund knows nothing of the enterprise yet. */
  history: CreditHistory | null;
  policy: QuotePolicy;
}

/** A score to write: its id made by the caller, so its event can name it; created_at is the database's. */
export type NewScore = Omit<Score, 'createdAt'>;

/**
 * What scoring reads and writes — the hot path of the service, so in few round trips: the reads in
 * one statement, the score in the caller's WriteBatch (with its event, one statement for both).
 */
@Injectable()
export class ScoringRepository {
  /**
   * The active scorecard, the enterprise's credit history and the quote policy. The three tables'
   * columns share no name, so each entity takes its own from the one row. Throws as
   * `findOneByOrFail` would (EntityNotFoundError) when no scorecard is active.
   */
  async loadFor(manager: EntityManager, enterpriseId: string): Promise<ScoringInputs> {
    // One row whatever is missing: each table joins at most one row to it (a unique index on the
    // active scorecard, the keys of the others).
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT s.version, s.definition, s.active,
         h.enterprise_id, h.loans_repaid, h.max_days_past_due,
         q.coverage::text, q.coverage_with_collateral::text, q.collateral_share_required::text,
         q.guarantee_fee_rate::text
       FROM (SELECT 1) AS one
       LEFT JOIN scorecard s ON s.active
       LEFT JOIN credit_history h ON h.enterprise_id = $1
       LEFT JOIN quote_policy q ON q.id = 1`,
      [enterpriseId],
    );
    if (row.version === null) throw new EntityNotFoundError(ScorecardRecord, { active: true });
    if (row.coverage === null) throw new Error('quote_policy has no policy (row 1)');
    return {
      scorecard: hydrate(manager, ScorecardRecord, row),
      history: row.enterprise_id === null ? null : hydrate(manager, CreditHistory, row),
      policy: quotePolicyOf(row),
    };
  }

  /** The score's row, as `manager.save` wrote it (TypeORM's own insert), into the caller's batch. */
  addScore(manager: EntityManager, batch: WriteBatch, score: NewScore): void {
    batch.addBuilt(manager.createQueryBuilder().insert().into(Score).values(score));
  }
}
