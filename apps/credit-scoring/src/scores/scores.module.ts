import { Module } from '@nestjs/common';
import { ScoresController } from './scores.controller';
import { ScoringRepository } from './scoring.repository';
import { ScoreSubmissionService } from './services/score-submission.service';

@Module({
  controllers: [ScoresController],
  providers: [ScoreSubmissionService, ScoringRepository],
})
export class ScoresModule {}
