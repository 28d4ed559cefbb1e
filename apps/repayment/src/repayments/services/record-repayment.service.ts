import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Actor,
  LoanEvents,
  LoanRepaidPayload,
  RecordRepaymentCommand,
  RecordRepaymentDto,
  RepaymentRecordedPayload,
  RepaymentResultView,
} from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import { errorPart as part } from '@qollqa/platform';
import { formatMoney, money } from '@qollqa/money';
import { randomUUID } from 'node:crypto';
import { WriteBatch } from '@qollqa/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { Loan, OPEN_LOAN_STATUSES } from '../../loans/entities/loan.entity';
import { isFullyPaid } from '../../loans/installment-balance';
import { LoanException, LoanExceptionCode as Code } from '../../loans/loan.exception';
import { toLoanView } from '../../loans/loan.mapper';
import { reprogrammingsOf } from '../../reprogramming/reprogramming-history';
import { loanState, nextLoanVersion } from '../../loans/loan-state';
import { LoanDelinquency } from '../../loans/services/loan-delinquency.service';
import { Allocation, allocateRepayment, maximumRepayment } from '../allocation';
import { EarlierRepayment, RecordRepaymentRepository } from '../record-repayment.repository';

const STAFF_WHO_COLLECT: Actor['role'][] = ['loan_officer', 'admin'];

/**
 * An officer records a repayment. The loan row is locked for the whole allocation, so repayments of
 * one loan apply one after the other in the order they get the lock, each exactly once. The
 * externalRef (receipt number) is the idempotency key per loan: the same one with the same amount
 * and date returns the first result and moves nothing; with another body it is refused (409).
 */
@Injectable()
export class RecordRepaymentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: RecordRepaymentRepository,
    private readonly delinquency: LoanDelinquency,
    private readonly outbox: OutboxService,
  ) {}

  async execute({ actor, loanId, body }: RecordRepaymentCommand): Promise<RepaymentResultView> {
    if (!STAFF_WHO_COLLECT.includes(actor.role)) {
      throw new LoanException(
        Code.RoleNotAllowed,
        'Only a loan officer or an admin records repayments',
        { role: actor.role },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.repository.lockLoan(manager, loanId);
      if (!locked) {
        throw new LoanException(Code.NotFound, `Loan ${loanId} not found`, { id: loanId });
      }
      const { businessDate, loan } = locked;
      // A reversed repayment's receipt number may be recorded again (with the right amount).
      const earlier = await this.repository.earlier(manager, loanId, body.externalRef);
      if (earlier) return replay(earlier, body);
      this.assertAccepts(loan, body, businessDate);

      const installments = await this.repository.installments(manager, loanId);
      const input = {
        amount: money(body.amount),
        paidOn: body.paidOn,
        moratoryInterestDue: loan.moratoryInterestDue,
        installments,
      };
      const maximum = maximumRepayment(input);
      if (input.amount.gt(maximum)) {
        throw new LoanException(
          Code.MoreThanOwed,
          `amount ${formatMoney(input.amount)} is more than loan ${loan.reference} owes on ${body.paidOn}: at most ${formatMoney(maximum)}`,
          {
            amount: formatMoney(input.amount),
            reference: loan.reference,
            paidOn: body.paidOn,
            maximum: formatMoney(maximum),
          },
        );
      }
      const allocation = allocateRepayment(input);
      const before = {
        loanStatusBefore: loan.status,
        daysPastDueBefore: loan.daysPastDue,
        classificationBefore: loan.classification,
        maxDaysPastDueBefore: loan.maxDaysPastDue,
        claimedWhenRecorded: loan.claimedOn !== null,
      };
      // Every write below goes to the database in one statement, at the end.
      const writes = new WriteBatch();
      this.repository.saveInstallments(writes, loanId, allocation);
      await this.applyToLoan(manager, writes, loan, allocation, body.paidOn, businessDate);

      const result: RepaymentResultView = {
        id: randomUUID(),
        allocated: {
          moratoryInterest: formatMoney(allocation.moratoryInterest),
          interest: formatMoney(allocation.interest),
          principal: formatMoney(allocation.principal),
          prepayment: formatMoney(allocation.prepayment),
        },
        loan: toLoanView(
          loan,
          allocation.installments,
          businessDate,
          { schedule: true },
          (await reprogrammingsOf(manager, [loan])).get(loan.id),
        ),
      };
      this.repository.saveRepayment(
        writes,
        {
          id: result.id,
          loanId,
          externalRef: body.externalRef,
          amount: input.amount,
          paidOn: body.paidOn,
          moratoryInterest: allocation.moratoryInterest,
          interest: allocation.interest,
          principal: allocation.principal,
          prepayment: allocation.prepayment,
          businessDate,
          recordedBy: actor.name,
          recordedById: actor.id,
          result,
          ...before,
        },
        installments,
        allocation,
      );
      await this.publish(manager, writes, loan, body, result);
      this.repository.saveLoan(writes, loan);
      await writes.run(manager);
      return result;
    });
  }

  private assertAccepts(loan: Loan, body: RecordRepaymentDto, businessDate: string): void {
    if (!OPEN_LOAN_STATUSES.includes(loan.status)) {
      throw new LoanException(
        Code.LoanClosed,
        `Loan ${loan.reference} is ${loan.status}: it takes no more repayments`,
        [part(Code.LoanClosed, 'repayment', { reference: loan.reference, status: loan.status })],
      );
    }
    if (body.paidOn > businessDate) {
      throw new LoanException(
        Code.PaidOnOutOfRange,
        `paidOn ${body.paidOn} is after the business date ${businessDate}`,
        [part(Code.PaidOnOutOfRange, 'afterBusinessDate', { paidOn: body.paidOn, businessDate })],
      );
    }
    if (body.paidOn < loan.disbursedOn) {
      throw new LoanException(
        Code.PaidOnOutOfRange,
        `paidOn ${body.paidOn} is before the loan was disbursed on ${loan.disbursedOn}`,
        [
          part(Code.PaidOnOutOfRange, 'beforeDisbursement', {
            paidOn: body.paidOn,
            disbursedOn: loan.disbursedOn,
          }),
        ],
      );
    }
  }

  /** Balances, `repaid` when nothing is owed any more, and DPD and class at the business date (in memory). */
  private async applyToLoan(
    manager: EntityManager,
    writes: WriteBatch,
    loan: Loan,
    allocation: Allocation,
    paidOn: string,
    businessDate: string,
  ): Promise<void> {
    loan.moratoryInterestDue = loan.moratoryInterestDue.minus(allocation.moratoryInterest);
    loan.outstandingPrincipal = loan.outstandingPrincipal
      .minus(allocation.principal)
      .minus(allocation.prepayment);
    if (loan.moratoryInterestDue.isZero() && allocation.installments.every(isFullyPaid)) {
      loan.status = 'repaid';
      loan.repaidOn = paidOn;
    }
    await this.delinquency.reassess(manager, loan, allocation.installments, businessDate, writes);
  }

  private async publish(
    manager: EntityManager,
    writes: WriteBatch,
    loan: Loan,
    body: RecordRepaymentDto,
    result: RepaymentResultView,
  ): Promise<void> {
    await this.outbox.add(
      manager,
      {
        type: LoanEvents.RepaymentRecorded,
        aggregateId: loan.id,
        aggregateVersion: nextLoanVersion(loan),
        payload: {
          repaymentId: result.id,
          loanId: loan.id,
          enterpriseId: loan.enterpriseId,
          externalRef: body.externalRef,
          amount: formatMoney(body.amount),
          paidOn: body.paidOn,
          allocated: result.allocated,
          loanStatus: loan.status,
          outstandingPrincipal: formatMoney(loan.outstandingPrincipal),
          loan: loanState(loan),
        } satisfies RepaymentRecordedPayload,
      },
      writes,
    );
    if (loan.status === 'repaid') {
      await this.outbox.add(
        manager,
        {
          type: LoanEvents.Repaid,
          aggregateId: loan.id,
          aggregateVersion: nextLoanVersion(loan),
          payload: {
            loanId: loan.id,
            enterpriseId: loan.enterpriseId,
            repaidOn: body.paidOn,
            maxDaysPastDue: loan.maxDaysPastDue,
            loan: loanState(loan),
          } satisfies LoanRepaidPayload,
        },
        writes,
      );
    }
  }
}

/** The same receipt again: the first answer if it is the same payment, else a conflict. */
function replay(earlier: EarlierRepayment, body: RecordRepaymentDto): RepaymentResultView {
  if (earlier.amount.eq(money(body.amount)) && earlier.paidOn === body.paidOn) {
    return earlier.result;
  }
  throw new LoanException(
    Code.ExternalRefReused,
    `externalRef ${body.externalRef} was already recorded on this loan for ${formatMoney(earlier.amount)} paid on ${earlier.paidOn}`,
    { externalRef: body.externalRef, amount: formatMoney(earlier.amount), paidOn: earlier.paidOn },
  );
}
