import { ApiProperty } from '@nestjs/swagger';
import { ApiDecimal, ApiMoney } from '../openapi/api-fields';
import { FundsView } from './funds.rpc';

type GuaranteeFundView = FundsView['guarantee'];
type InnovationFundView = FundsView['innovation'];
type LendingPoolView = FundsView['lendingPool'];

export class GuaranteeFundResponse implements GuaranteeFundView {
  @ApiMoney() capital: string;
  @ApiMoney() feesEarned: string;
  @ApiMoney() claimsPaid: string;
  @ApiMoney() recoveries: string;
  @ApiMoney() availableCapital: string;
  @ApiMoney({ description: 'Coverage × outstanding principal of the guaranteed loans' })
  exposure: string;
  @ApiDecimal('4.20', { description: 'Exposure ÷ available capital' }) leverage: string;
  @ApiDecimal('8.00') leverageLimit: string;
  @ApiMoney({ description: 'Exposure the fund can still take within its limit' })
  headroom: string;
}

export class InnovationFundResponse implements InnovationFundView {
  @ApiMoney() budget: string;
  @ApiMoney() committed: string;
  @ApiMoney() disbursed: string;
  @ApiMoney() available: string;
}

export class LendingPoolResponse implements LendingPoolView {
  @ApiMoney() disbursed: string;
  @ApiMoney() repaidPrincipal: string;
  @ApiMoney() outstanding: string;
}

/** GET /api/funds. */
export class FundsResponse implements FundsView {
  @ApiProperty({ type: GuaranteeFundResponse }) guarantee: GuaranteeFundResponse;
  @ApiProperty({ type: InnovationFundResponse }) innovation: InnovationFundResponse;
  @ApiProperty({ type: LendingPoolResponse }) lendingPool: LendingPoolResponse;
}
