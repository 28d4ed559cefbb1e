import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { domainMetrics } from '@qollqa/platform';
import { LoanDisbursedPayload, LoanEvents } from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import { buildFrenchSchedule, formatMoney } from '@qollqa/money';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessCalendar } from '../../business-calendar/business-calendar.service';
import { GuaranteePositionRepository } from '../../funds/guarantee-position.repository';
import { InnovationPositionRepository } from '../../funds/innovation-position.repository';
import { Account } from '../../ledger/ledger-accounts';
import { LedgerRepository } from '../../ledger/ledger.repository';
import { FailurePoints } from '../../shared/failure-points';
import { Disbursement } from '../disbursement';
import { DisbursementRepository } from '../disbursement.repository';

/**
 * Step 2 of a payout, one database transaction: the ledger posting (principal out of the lending pool,
 * the guarantee fee to the guarantee fund, the grant out of the innovation fund), the loan with its
 * French schedule dated at the business date, and `loan.disbursed` — all or nothing. It acts only on
 * a `reserved` record, which it leaves `disbursed`: running it twice pays once.
 */
@Injectable()
export class PayOutLoanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly disbursements: DisbursementRepository,
    private readonly guaranteePosition: GuaranteePositionRepository,
    private readonly innovationPosition: InnovationPositionRepository,
    private readonly outbox: OutboxService,
    private readonly calendar: BusinessCalendar,
    private readonly failurePoints: FailurePoints,
  ) {}

  /**
   * Returns true when this call paid the loan out. `causedBy` is the approval event's id, or a label
   * when the waitlist or a sweep pays out (the event then has no causation id).
   */
  async execute(applicationId: string, causedBy: string): Promise<boolean> {
    const paid = await this.dataSource.transaction(async (manager) => {
      const record = await this.disbursements.lockByApplication(manager, applicationId);
      if (!record || record.status !== 'reserved') return false;
      await this.payOut(manager, record, causedBy);
      return true;
    });
    if (paid) {
      this.failurePoints.reach('after-event-written');
      domainMetrics.payouts.inc();
    }
    return paid;
  }

  private async payOut(
    manager: EntityManager,
    record: Disbursement,
    causedBy: string,
  ): Promise<void> {
    const approval = record.approval;
    const disbursedOn = await this.calendar.currentDate(manager);
    const principal = record.principal;
    const fee = record.guaranteeFee;
    const grant = record.grantAmount;

    await this.ledger.post(manager, {
      key: `payout:${record.applicationId}`,
      kind: 'payout',
      causedBy,
      businessDate: disbursedOn,
      description: `Loan ${record.loanId} paid out to ${approval.enterprise.name} (${approval.reference})`,
      lines: [
        { account: Account.PoolLoansReceivable, debit: principal },
        { account: Account.PoolCash, credit: principal },
        // The fee is withheld from what the family receives and goes to the guarantee fund.
        { account: Account.GuaranteeCash, debit: fee },
        { account: Account.GuaranteeFees, credit: fee },
        { account: Account.InnovationGrantsCommitted, debit: grant },
        { account: Account.InnovationCash, credit: grant },
      ],
    });
    await this.guaranteePosition.addCapital(manager, fee);
    await this.innovationPosition.payOutGrant(manager, grant);
    this.failurePoints.reach('after-ledger-write');

    await this.disbursements.markDisbursed(
      manager,
      record.applicationId,
      disbursedOn,
      record.loanVersion + 1,
    );
    this.failurePoints.reach('after-loan-creation');

    const schedule = buildFrenchSchedule({
      principal,
      tea: approval.tea,
      termMonths: approval.termMonths,
      graceMonths: approval.graceMonths,
      disbursedOn,
    });
    await this.outbox.add(manager, {
      type: LoanEvents.Disbursed,
      aggregateId: record.loanId,
      aggregateVersion: record.loanVersion + 1,
      causationId: isUUID(causedBy) ? causedBy : null,
      payload: {
        loanId: record.loanId,
        applicationId: record.applicationId,
        reference: approval.reference,
        enterprise: approval.enterprise,
        productCode: approval.productCode,
        principal: formatMoney(principal),
        tea: approval.tea,
        moratoryTea: approval.moratoryTea,
        termMonths: approval.termMonths,
        graceMonths: approval.graceMonths,
        disbursedOn,
        coverage: record.coverage.toFixed(2),
        guaranteeFee: formatMoney(fee),
        grant: formatMoney(grant),
        payout: formatMoney(principal.minus(fee).plus(grant)),
        schedule: schedule.map((line) => ({
          number: line.number,
          dueDate: line.dueDate,
          principal: formatMoney(line.principal),
          interest: formatMoney(line.interest),
          installment: formatMoney(line.installment),
        })),
        grantRefusal: record.grantRefusal,
        grantRefusalDetail: record.grantRefusalDetail,
        registeredBy: approval.registeredBy ?? null,
      } satisfies LoanDisbursedPayload,
    });
  }
}
