import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { EventEnvelopeDto } from '../events/event-envelope';
import { IsMoney } from '../validation/money.validators';

export const FundEvents = {
  /** The guarantee fund's capital or exposure changed (published by the disbursement service). */
  GuaranteePositionChanged: 'fund.guarantee_position_changed',
} as const;

export class GuaranteePositionChangedPayload {
  /** Increases with every change: a consumer keeps the highest it has seen. */
  @IsInt() @Min(1) positionVersion: number;
  @IsString() availableCapital: string;
  @IsMoney() exposure: string;
  @IsString() leverageLimit: string;
}
export class GuaranteePositionChangedEvent extends EventEnvelopeDto<GuaranteePositionChangedPayload> {
  @IsDefined()
  @ValidateNested()
  @Type(() => GuaranteePositionChangedPayload)
  payload: GuaranteePositionChangedPayload;
}
