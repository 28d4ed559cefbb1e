import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { ActorCommand } from '../auth/actor';
import { IsBoundedLine, IsPositiveMoney } from '../validation/money.validators';

export const FundsRpc = {
  Get: 'disbursement.funds.get',
  AddGuaranteeCapital: 'disbursement.funds.add-guarantee-capital',
  AddInnovationBudget: 'disbursement.funds.add-innovation-budget',
} as const;

/** Body of POST /api/funds/guarantee/capital and /api/funds/innovation/budget. */
export class FundMovementDto {
  @IsPositiveMoney({ example: '50000.00' }) amount: string;

  /** The transfer's reference (a bank operation number): the same reference is one movement. */
  @IsBoundedLine(100, { example: 'BN-2026-000123' }) reference: string;
}

export class FundMovementCommand extends ActorCommand {
  @ApiProperty() @IsDefined() @ValidateNested() @Type(() => FundMovementDto) body: FundMovementDto;
}

/** GET /api/funds (API.md "Funds and portfolio"). Amounts and ratios are decimal strings. */
export interface FundsView {
  guarantee: {
    capital: string;
    feesEarned: string;
    claimsPaid: string;
    recoveries: string;
    availableCapital: string;
    exposure: string;
    leverage: string;
    leverageLimit: string;
    headroom: string;
  };
  innovation: { budget: string; committed: string; disbursed: string; available: string };
  lendingPool: { disbursed: string; repaidPrincipal: string; outstanding: string };
}
