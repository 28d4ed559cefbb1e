import { Injectable, Logger } from '@nestjs/common';
import { ApplicationScoredEvent, SYSTEM_ACTOR } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { ApplicationTransitions } from './application-transitions.service';
import { findApplicationForUpdate } from './lock-application';

/** A score arrived: the application is `in_review`, in the officers' queue, with its score. */
@Injectable()
export class RecordScoreService {
  private readonly logger = new Logger(RecordScoreService.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly transitions: ApplicationTransitions,
  ) {}

  async execute(event: ApplicationScoredEvent): Promise<void> {
    const score = event.payload;
    await this.inbox.processOnce(event, async (manager) => {
      const application = await findApplicationForUpdate(manager, score.applicationId);
      // A score of an earlier submission, or of an application no longer waiting for one, is stale.
      if (
        !application ||
        application.status !== 'submitted' ||
        application.submission !== score.submission
      ) {
        this.logger.warn(
          `Score ${score.scoreId} for application ${score.applicationId} ignored: stale`,
        );
        return;
      }
      application.score = {
        value: score.value,
        grade: score.grade,
        recommendation: score.recommendation,
        reasons: score.reasons,
        installment: score.installment,
        netSurplus: score.netSurplus,
        maxAffordableAmount: score.maxAffordableAmount,
        scorecardVersion: score.scorecardVersion,
        tcea: score.tcea ?? null,
      };
      await this.transitions.move(manager, application, {
        to: 'in_review',
        by: SYSTEM_ACTOR,
        note: `Scored ${score.value} (${score.grade}), recommendation: ${score.recommendation}`,
        noteBySystem: true,
        detail: {
          code: 'SCORED',
          score: score.value,
          grade: score.grade,
          recommendation: score.recommendation,
        },
        cause: event,
      });
    });
  }
}
