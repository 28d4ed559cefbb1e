import { Injectable } from '@nestjs/common';
import { DelinquencyChangedPayload, LoanEvents } from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import { formatMoney } from '@qollqa/money';
import { WriteBatch } from '@qollqa/persistence';
import { EntityManager } from 'typeorm';
import { classifyKeeping, daysPastDue, delinquencyBand } from '../delinquency';
import { Loan } from '../entities/loan.entity';
import { InstallmentBalance } from '../installment-balance';
import { loanState, nextLoanVersion } from '../loan-state';

/**
 * Re-evaluates one loan's days past due and class at the business date after its installments
 * changed (a repayment that brings it current does not wait for the next close), and publishes
 * loan.delinquency_changed when that crosses a threshold (into `batch` when given). The caller
 * saves the loan (its version included).
 */
@Injectable()
export class LoanDelinquency {
  constructor(private readonly outbox: OutboxService) {}

  async reassess(
    manager: EntityManager,
    loan: Loan,
    installments: InstallmentBalance[],
    businessDate: string,
    batch?: WriteBatch,
  ): Promise<void> {
    const previous = { daysPastDue: loan.daysPastDue, classification: loan.classification };
    const dpd = daysPastDue(installments, businessDate);
    if (dpd === previous.daysPastDue) return;
    loan.daysPastDue = dpd;
    loan.classification = classifyKeeping(dpd, loan.classificationKept);
    loan.maxDaysPastDue = Math.max(loan.maxDaysPastDue, dpd);
    if (delinquencyBand(dpd) === delinquencyBand(previous.daysPastDue)) return;
    await this.outbox.add(
      manager,
      {
        type: LoanEvents.DelinquencyChanged,
        aggregateId: loan.id,
        aggregateVersion: nextLoanVersion(loan),
        payload: {
          loanId: loan.id,
          enterpriseId: loan.enterpriseId,
          businessDate,
          daysPastDue: dpd,
          classification: loan.classification,
          previousClassification: previous.classification,
          outstandingPrincipal: formatMoney(loan.outstandingPrincipal),
          loan: loanState(loan),
        } satisfies DelinquencyChangedPayload,
      },
      batch,
    );
  }
}
