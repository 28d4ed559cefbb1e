import { Module } from '@nestjs/common';
import { ScoresController } from './scores.controller';
import { ScoreSubmissionService } from './services/score-submission.service';

@Module({ controllers: [ScoresController], providers: [ScoreSubmissionService] })
export class ScoresModule {}
