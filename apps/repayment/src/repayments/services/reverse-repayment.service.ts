import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  LoanEvents,
  RepaymentReversalResultView,
  RepaymentReversedPayload,
  ReverseRepaymentCommand,
} from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import { formatMoney } from '@qollqa/money';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { BusinessDateService } from '../../business-date/business-date.service';
import { Loan } from '../../loans/entities/loan.entity';
import { LoanException, LoanExceptionCode as Code } from '../../loans/loan.exception';
import { loanState, nextLoanVersion } from '../../loans/loan-state';
import { LoanQueries } from '../../loans/services/loan-queries.service';
import { Repayment } from '../entities/repayment.entity';
import { toRepaymentView } from '../repayment.mapper';

/**
 * A fund manager reverses a repayment recorded by mistake (SPEC.md, "Staff, audit and corrections").
 * Only the loan's latest repayment that is not reversed, and only on the business date it was
 * recorded: until a close of business runs, nothing but repayments (and a write-off, which ends
 * reversals) changes a loan, so taking back exactly what the repayment did to each installment and
 * restoring the loan's state it kept puts the loan back as it was. The repayment stays, marked
 * reversed; loan.repayment_reversed tells the ledger, the funds, the portfolio and the credit
 * history, in the same transaction.
 */
@Injectable()
export class ReverseRepaymentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDates: BusinessDateService,
    private readonly outbox: OutboxService,
    private readonly loans: LoanQueries,
  ) {}

  async execute({
    actor,
    loanId,
    repaymentId,
    body,
  }: ReverseRepaymentCommand): Promise<RepaymentReversalResultView> {
    if (actor.role !== 'fund_manager') {
      throw new LoanException(Code.RoleNotAllowed, 'Only a fund manager reverses a repayment');
    }
    return this.dataSource.transaction(async (manager) => {
      // Held shared, like a repayment: no close of business can start until this commits.
      const businessDate = await this.businessDates.holdShared(manager);
      const loan = await manager.findOne(Loan, {
        where: { id: loanId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!loan) throw new LoanException(Code.NotFound, `Loan ${loanId} not found`);
      const repayment = await manager.findOne(Repayment, { where: { id: repaymentId, loanId } });
      if (!repayment) {
        throw new LoanException(
          Code.RepaymentNotFound,
          `Loan ${loan.reference} has no repayment ${repaymentId}`,
        );
      }
      await this.assertReversible(manager, loan, repayment, businessDate);

      const hadRepaidLoan = loan.status === 'repaid';
      await this.restoreInstallments(manager, loan.id, repayment.id);
      loan.outstandingPrincipal = loan.outstandingPrincipal
        .plus(repayment.principal)
        .plus(repayment.prepayment);
      loan.moratoryInterestDue = loan.moratoryInterestDue.plus(repayment.moratoryInterest);
      // The state the repayment found (assertReversible checked it was kept). A repayment is only
      // taken by an open loan, which has no repaid date.
      loan.status = repayment.loanStatusBefore!;
      loan.repaidOn = null;
      loan.daysPastDue = repayment.daysPastDueBefore!;
      loan.classification = repayment.classificationBefore!;
      loan.maxDaysPastDue = repayment.maxDaysPastDueBefore!;
      Object.assign(repayment, {
        reversedAt: new Date(),
        reversedBy: actor.name,
        reversedById: actor.id,
        reversalReason: body.reason,
      });
      await manager.update(Repayment, repayment.id, {
        reversedAt: repayment.reversedAt,
        reversedBy: repayment.reversedBy,
        reversedById: repayment.reversedById,
        reversalReason: repayment.reversalReason,
      });
      await this.publish(manager, loan, repayment, { hadRepaidLoan, businessDate });
      await manager.update(Loan, loan.id, {
        version: loan.version,
        outstandingPrincipal: loan.outstandingPrincipal,
        moratoryInterestDue: loan.moratoryInterestDue,
        status: loan.status,
        repaidOn: loan.repaidOn,
        daysPastDue: loan.daysPastDue,
        classification: loan.classification,
        maxDaysPastDue: loan.maxDaysPastDue,
      });
      return {
        repayment: toRepaymentView(repayment),
        loan: await this.loans.view(manager, loan),
      };
    });
  }

  /** 409 unless this is the loan's latest live repayment, recorded today, on a loan not written off. */
  private async assertReversible(
    manager: EntityManager,
    loan: Loan,
    repayment: Repayment,
    businessDate: string,
  ): Promise<void> {
    if (repayment.reversedAt !== null) {
      throw new LoanException(
        Code.RepaymentAlreadyReversed,
        `Repayment ${repayment.externalRef} was already reversed by ${repayment.reversedBy}`,
      );
    }
    if (loan.status === 'written_off') {
      throw new LoanException(
        Code.LoanClosed,
        `Loan ${loan.reference} is written off: its repayments can no longer be reversed`,
      );
    }
    if (repayment.businessDate !== businessDate) {
      throw new LoanException(
        Code.RepaymentDayClosed,
        `Repayment ${repayment.externalRef} was recorded on business date ${repayment.businessDate}, ` +
          `which has been closed: only a repayment of the business date ${businessDate} can be reversed`,
      );
    }
    const latest = await manager.findOne(Repayment, {
      select: { id: true, externalRef: true },
      where: { loanId: loan.id, reversedAt: IsNull() },
      order: { seq: 'DESC' },
    });
    if (latest?.id !== repayment.id) {
      throw new LoanException(
        Code.RepaymentNotLatest,
        `Repayment ${repayment.externalRef} is not the latest on loan ${loan.reference}: ` +
          `reverse ${latest?.externalRef} first`,
      );
    }
    if (repayment.loanStatusBefore === null) {
      throw new LoanException(
        Code.RepaymentNotReversible,
        `Repayment ${repayment.externalRef} was recorded before reversals were possible`,
      );
    }
    // A reprogramming replaced the installments the repayment paid: there is nothing to undo it on.
    const [reprogrammed] = await manager.query(
      `SELECT 1 FROM reprogramming WHERE loan_id = $1 AND last_repayment_seq >= $2::bigint LIMIT 1`,
      [loan.id, repayment.seq],
    );
    if (reprogrammed) {
      throw new LoanException(
        Code.RepaymentBeforeReprogramming,
        `Repayment ${repayment.externalRef} was recorded before loan ${loan.reference} was reprogrammed`,
        { externalRef: repayment.externalRef, reference: loan.reference },
      );
    }
  }

  /** Each installment gets back what the repayment paid on it, and the interest it cancelled. */
  private async restoreInstallments(
    manager: EntityManager,
    loanId: string,
    repaymentId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE installment i SET
         paid_principal = i.paid_principal - a.principal,
         paid_interest = i.paid_interest - a.interest,
         interest = i.interest + a.cancelled_interest,
         cancelled_interest = i.cancelled_interest - a.cancelled_interest
       FROM repayment_allocation a
       WHERE a.repayment_id = $2 AND i.loan_id = $1 AND i.number = a.installment_number`,
      [loanId, repaymentId],
    );
  }

  private async publish(
    manager: EntityManager,
    loan: Loan,
    repayment: Repayment,
    facts: { hadRepaidLoan: boolean; businessDate: string },
  ): Promise<void> {
    await this.outbox.add(manager, {
      type: LoanEvents.RepaymentReversed,
      aggregateId: loan.id,
      aggregateVersion: nextLoanVersion(loan),
      payload: {
        repaymentId: repayment.id,
        loanId: loan.id,
        enterpriseId: loan.enterpriseId,
        externalRef: repayment.externalRef,
        amount: formatMoney(repayment.amount),
        paidOn: repayment.paidOn,
        allocated: {
          moratoryInterest: formatMoney(repayment.moratoryInterest),
          interest: formatMoney(repayment.interest),
          principal: formatMoney(repayment.principal),
          prepayment: formatMoney(repayment.prepayment),
        },
        claimedWhenRecorded: repayment.claimedWhenRecorded ?? false,
        hadRepaidLoan: facts.hadRepaidLoan,
        reason: repayment.reversalReason!,
        reversedBy: repayment.reversedBy!,
        reversedOn: facts.businessDate,
        loan: loanState(loan),
      } satisfies RepaymentReversedPayload,
    });
  }
}
