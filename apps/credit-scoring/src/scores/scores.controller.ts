import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApplicationEvents, ApplicationSubmittedEvent } from '@qollqa/contracts';
import { ScoreSubmissionService } from './services/score-submission.service';

@Controller()
export class ScoresController {
  constructor(private readonly scoreSubmission: ScoreSubmissionService) {}

  @EventPattern(ApplicationEvents.Submitted)
  onSubmitted(@Payload() event: ApplicationSubmittedEvent) {
    return this.scoreSubmission.execute(event);
  }
}
