import { Module } from '@nestjs/common';
import { PortfolioImpactController } from './portfolio-impact.controller';
import { PortfolioController } from './portfolio.controller';

@Module({ controllers: [PortfolioController, PortfolioImpactController] })
export class PortfolioModule {}
