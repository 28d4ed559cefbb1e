import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { EventEnvelopeDto } from '../events/event-envelope';
import { IsMoney } from '../validation/money.validators';

export const FundEvents = {
  /** The guarantee fund's capital or exposure changed (published by the disbursement service). */
  GuaranteePositionChanged: 'fund.guarantee_position_changed',
} as const;

/**
 * Events that announce a whole state, the newest replacing every one before it (a consumer keeps the
 * highest version it has seen): of several waiting in an outbox batch, only the newest of each
 * aggregate is published (outbox-relay.ts). Under load that is one position announcement a batch
 * instead of one per repayment, all on one aggregate that consumers must handle in order.
 */
export const STATE_ANNOUNCEMENTS: readonly string[] = [FundEvents.GuaranteePositionChanged];

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
