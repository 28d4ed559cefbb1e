import { Injectable } from '@nestjs/common';
import { DelinquencyChangedEvent } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { Decimal } from '@qollqa/money';
import { DisbursementRepository } from '../../disbursements/disbursement.repository';
import { GuaranteePositionRepository } from '../../funds/guarantee-position.repository';

/**
 * A loan crossed a delinquency threshold at a close of business: the payout row learns its days past
 * due and SBS class (the stress test's classes, the vintages' PAR30) — with the whole state the event
 * carries, and only if the event is newer than what the row holds, like every loan event here. It
 * moves no money; once per event (the inbox).
 */
@Injectable()
export class FollowDelinquencyService {
  constructor(
    private readonly inbox: InboxService,
    private readonly disbursements: DisbursementRepository,
    private readonly guaranteePosition: GuaranteePositionRepository,
  ) {}

  /**
   * Returns true when it freed guarantee capacity: an event handled before an older one it overtook
   * may carry a lower outstanding principal, so a lower exposure.
   */
  async execute(event: DelinquencyChangedEvent): Promise<boolean> {
    let exposureChange = new Decimal(0);
    await this.inbox.processOnce(event, async (manager) => {
      const disbursement = await this.disbursements.lockByLoan(manager, event.payload.loanId);
      exposureChange = await this.disbursements.follow(
        manager,
        disbursement,
        event,
        event.payload.loan,
      );
      await this.guaranteePosition.move(manager, new Decimal(0), exposureChange);
    });
    return exposureChange.lt(0);
  }
}
