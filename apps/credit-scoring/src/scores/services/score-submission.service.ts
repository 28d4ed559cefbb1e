import { Injectable } from '@nestjs/common';
import {
  ApplicationEvents,
  ApplicationScoredPayload,
  ApplicationSubmittedEvent,
} from '@qollqa/contracts';
import { InboxService, OutboxService } from '@qollqa/messaging';
import { money } from '@qollqa/money';
import { WriteBatch } from '@qollqa/persistence';
import { randomUUID } from 'node:crypto';
import { CreditHistory } from '../../credit-history/entities/credit-history.entity';
import { quoteFor } from '../../quotes/quote-policy';
import { scoreApplication } from '../../scoring/score-application';
import { ScoreInput } from '../../scoring/scorecard';
import { ScoringRepository } from '../scoring.repository';

/**
 * Scores a submitted application with the active scorecard and publishes `application.scored`. The
 * score, the inbox record and the outgoing event commit together: one score per submission. Besides
 * the inbox record, one statement reads and one writes (the hot path of intake).
 */
@Injectable()
export class ScoreSubmissionService {
  constructor(
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
    private readonly scoring: ScoringRepository,
  ) {}

  async execute(event: ApplicationSubmittedEvent): Promise<void> {
    const { applicationId, enterpriseId, submission, inputs } = event.payload;
    await this.inbox.processOnce(event, async (manager) => {
      const { scorecard, history, policy } = await this.scoring.loadFor(manager, enterpriseId);
      const input: ScoreInput = {
        monthlyRevenue: inputs.monthlyRevenue,
        productionCosts: inputs.monthlyCosts,
        householdExpenses: inputs.householdExpenses,
        otherDebtPayments: inputs.otherDebtPayments,
        yearsInActivity: inputs.yearsInActivity,
        associationMember: inputs.associationMember,
        valueChain: inputs.valueChain,
        repaymentHistory: CreditHistory.classify(history),
        requestedAmount: inputs.amount,
        termMonths: inputs.termMonths,
        graceMonths: inputs.graceMonths,
        tea: inputs.tea,
      };
      const result = scoreApplication(scorecard.definition, input);
      // What the requested loan would cost the family, fee included (the score's cost disclosure).
      const tcea = quoteFor(policy, {
        amount: inputs.amount,
        tea: inputs.tea,
        termMonths: inputs.termMonths,
        graceMonths: inputs.graceMonths,
        collateralValue: inputs.collateralValue,
      });
      // The id is made here so the event can name the score it is written with.
      const scoreId = randomUUID();
      const writes = new WriteBatch();
      this.scoring.addScore(manager, writes, {
        id: scoreId,
        applicationId,
        submission,
        scorecardVersion: result.scorecardVersion,
        inputs: input,
        value: result.value,
        grade: result.grade,
        recommendation: result.recommendation,
        reasons: result.reasons,
        factors: result.factors,
        installment: money(result.installment),
        netSurplus: money(result.netSurplus),
        maxAffordableAmount: money(result.maxAffordableAmount),
        tcea,
      });
      await this.outbox.add(
        manager,
        OutboxService.causedBy(event, {
          type: ApplicationEvents.Scored,
          aggregateId: applicationId,
          // The score answers this version of the application (applications keeps only the score
          // of its current submission).
          aggregateVersion: event.aggregateVersion,
          payload: {
            applicationId,
            submission,
            scoreId,
            value: result.value,
            grade: result.grade,
            recommendation: result.recommendation,
            reasons: result.reasons,
            installment: result.installment,
            netSurplus: result.netSurplus,
            maxAffordableAmount: result.maxAffordableAmount,
            scorecardVersion: result.scorecardVersion,
            tcea,
          } satisfies ApplicationScoredPayload,
        }),
        writes,
      );
      await writes.run(manager);
    });
  }
}
