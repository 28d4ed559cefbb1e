import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional } from 'class-validator';
import { Classification } from '../loans/loan.enums';

export const PortfolioRpc = {
  Summary: 'portfolio.summary',
  History: 'portfolio.history',
} as const;

/** Query of GET /api/portfolio/history. */
export class PortfolioHistoryQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-01-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-12-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export interface SegmentView {
  loans: number;
  outstanding: string;
  par30: string;
}

export interface ConcentrationView {
  /** The value chain, municipality and loan with the largest share of the gross portfolio. */
  largestValueChain: { name: string; share: string } | null;
  largestMunicipality: { name: string; share: string } | null;
  largestLoan: { loanId: string; share: string } | null;
  guaranteeFund: {
    availableCapital: string;
    exposure: string;
    leverage: string;
    leverageLimit: string;
    /** Leverage ÷ its limit: 1 means the fund can take no more. */
    limitUsed: string;
  } | null;
  thresholds: {
    valueChainShare: string;
    municipalityShare: string;
    loanShare: string;
    limitUsed: string;
  };
  /** What crossed its threshold, e.g. "VALUE_CHAIN_CONCENTRATION". */
  alerts: string[];
}

/** GET /api/portfolio/summary (API.md), plus `concentration`. */
export interface PortfolioSummaryView {
  asOf: string | null;
  activeLoans: number;
  grossPortfolio: string;
  par1: string;
  par30: string;
  par90: string;
  byClassification: Record<
    Classification,
    { loans: number; outstanding: string; provision: string }
  >;
  provisionRequired: string;
  byValueChain: Record<string, SegmentView>;
  byMunicipality: Record<string, SegmentView>;
  enterprisesFinanced: number;
  womenLed: number;
  concentration: ConcentrationView;
  /** Loans of the gross portfolio reprogrammed at least once, and their outstanding principal. */
  reprogrammed: { loans: number; outstanding: string };
}
