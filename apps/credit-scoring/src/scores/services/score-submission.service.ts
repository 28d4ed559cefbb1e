import { Injectable } from '@nestjs/common';
import {
  ApplicationEvents,
  ApplicationScoredPayload,
  ApplicationSubmittedEvent,
} from '@qollqa/contracts';
import { InboxService, OutboxService } from '@qollqa/messaging';
import { money } from '@qollqa/money';
import { CreditHistory } from '../../credit-history/entities/credit-history.entity';
import { ScorecardRecord } from '../../scorecards/entities/scorecard.entity';
import { scoreApplication } from '../../scoring/score-application';
import { ScoreInput } from '../../scoring/scorecard';
import { loadQuotePolicy, quoteFor } from '../../quotes/quote-policy';
import { Score } from '../entities/score.entity';

/**
 * Scores a submitted application with the active scorecard and publishes `application.scored`. The
 * score, the inbox record and the outgoing event commit together: one score per submission.
 */
@Injectable()
export class ScoreSubmissionService {
  constructor(
    private readonly inbox: InboxService,
    private readonly outbox: OutboxService,
  ) {}

  async execute(event: ApplicationSubmittedEvent): Promise<void> {
    const { applicationId, enterpriseId, submission, inputs } = event.payload;
    await this.inbox.processOnce(event, async (manager) => {
      const scorecard = await manager.findOneByOrFail(ScorecardRecord, { active: true });
      const history = await manager.findOneBy(CreditHistory, { enterpriseId });
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
      const tcea = quoteFor(await loadQuotePolicy(manager), {
        amount: inputs.amount,
        tea: inputs.tea,
        termMonths: inputs.termMonths,
        graceMonths: inputs.graceMonths,
        collateralValue: inputs.collateralValue,
      });
      const score = await manager.save(
        manager.create(Score, {
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
        }),
      );
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
            scoreId: score.id,
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
      );
    });
  }
}
