import { Injectable } from '@nestjs/common';
import { ApplicationApprovedEvent } from '@qollqa/contracts';
import { FailurePoints } from '../../shared/failure-points';
import { PayOutLoanService } from './pay-out-loan.service';
import { ReserveGuaranteeService } from './reserve-guarantee.service';

/**
 * On `application.approved`: reserve (or waitlist), then pay out. Each step is idempotent on its own,
 * so a redelivered approval — after a crash between the steps or after both — ends with one loan.
 */
@Injectable()
export class DisburseApprovedApplicationService {
  constructor(
    private readonly reservations: ReserveGuaranteeService,
    private readonly payouts: PayOutLoanService,
    private readonly failurePoints: FailurePoints,
  ) {}

  async execute(event: ApplicationApprovedEvent): Promise<void> {
    await this.reservations.execute(event);
    this.failurePoints.reach('after-reservation');
    await this.payouts.execute(event.payload.applicationId, event.id);
  }
}
