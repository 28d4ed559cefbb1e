import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { domainMetrics } from '@qollqa/platform';
import { LoanDisbursedPayload, LoanEvents } from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import { buildFrenchSchedule, formatMoney, money } from '@qollqa/money';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessCalendar } from '../../business-calendar/business-calendar.service';
import { Account } from '../../ledger/ledger-accounts';
import { LedgerService } from '../../ledger/ledger.service';
import { FailurePoints } from '../../shared/failure-points';
import { DisbursementRow, lockDisbursement } from '../disbursement.row';

/**
 * Step 2 of a payout, one database transaction: the ledger posting (principal out of the lending pool,
 * the guarantee fee to the guarantee fund, the grant out of the innovation fund), the loan with its
 * French schedule dated at the business date, and `loan.disbursed` — all or nothing. It acts only on
 * a `reserved` row, which it leaves `disbursed`: running it twice pays once.
 */
@Injectable()
export class PayOutLoanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
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
      const [row]: DisbursementRow[] = await manager.query(lockDisbursement('application_id'), [
        applicationId,
      ]);
      if (!row || row.status !== 'reserved') return false;
      await this.payOut(manager, row, causedBy);
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
    row: DisbursementRow,
    causedBy: string,
  ): Promise<void> {
    const approval = row.approval;
    const disbursedOn = await this.calendar.currentDate(manager);
    const principal = money(row.principal);
    const fee = money(row.guarantee_fee);
    const grant = money(row.grant_amount);

    await this.ledger.post(manager, {
      key: `payout:${row.application_id}`,
      kind: 'payout',
      causedBy,
      businessDate: disbursedOn,
      description: `Loan ${row.loan_id} paid out to ${approval.enterprise.name} (${approval.reference})`,
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
    await manager.query(
      'UPDATE guarantee_position SET available_capital = available_capital + $1 WHERE id = 1',
      [formatMoney(fee)],
    );
    await manager.query(
      'UPDATE innovation_position SET committed = committed - $1, disbursed = disbursed + $1 WHERE id = 1',
      [formatMoney(grant)],
    );
    this.failurePoints.reach('after-ledger-write');

    await manager.query(
      `UPDATE disbursement SET status = 'disbursed', disbursed_on = $2, loan_version = $3
       WHERE application_id = $1`,
      [row.application_id, disbursedOn, row.loan_version + 1],
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
      aggregateId: row.loan_id,
      aggregateVersion: row.loan_version + 1,
      causationId: isUUID(causedBy) ? causedBy : null,
      payload: {
        loanId: row.loan_id,
        applicationId: row.application_id,
        reference: approval.reference,
        enterprise: approval.enterprise,
        productCode: approval.productCode,
        principal: formatMoney(principal),
        tea: approval.tea,
        moratoryTea: approval.moratoryTea,
        termMonths: approval.termMonths,
        graceMonths: approval.graceMonths,
        disbursedOn,
        coverage: money(row.coverage).toFixed(2),
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
        grantRefusal: row.grant_refusal,
        grantRefusalDetail: row.grant_refusal_detail,
        registeredBy: approval.registeredBy ?? null,
      } satisfies LoanDisbursedPayload,
    });
  }
}
