import { Injectable } from '@nestjs/common';
import { EventEnvelope, LoanStateDto } from '@qollqa/contracts';
import { Decimal, exposure, formatMoney, money } from '@qollqa/money';
import { EntityManager } from 'typeorm';
import { DisbursementRow, lockDisbursement } from '../disbursements/disbursement.row';

/**
 * A paid-out loan as the disbursement service follows it — the loan's state its events carry, the
 * guarantee and its exposure — and the fund's position those move. Every write of a payout row moves
 * the guarantee summary too (its trigger): the analytics follow without a line here.
 */
@Injectable()
export class LoanGuaranteeRepository {
  async lock(manager: EntityManager, loanId: string): Promise<DisbursementRow> {
    const [row]: DisbursementRow[] = await manager.query(lockDisbursement('loan_id'), [loanId]);
    // The loan.disbursed event comes from this service, so an unknown loan is a bad event.
    if (!row) throw new Error(`Loan ${loanId} is not one this service paid out`);
    return row;
  }

  /**
   * Saves the event's deltas (`amounts`) on the row and, when the event is newer than the state the
   * row holds, the loan's state: status, days past due, class, outstanding principal, the guarantee's
   * status and the exposure (coverage × outstanding while the guarantee is active). Returns how much
   * the exposure moved.
   */
  async follow(
    manager: EntityManager,
    row: DisbursementRow,
    event: EventEnvelope,
    loan: LoanStateDto,
    amounts: { claim_paid?: Decimal; recovery_entitled?: Decimal } = {},
  ): Promise<Decimal> {
    const newer = event.aggregateVersion > row.loan_version;
    const status = newer ? guaranteeStatus(loan) : row.guarantee_status;
    const outstanding = newer ? money(loan.outstandingPrincipal) : money(row.outstanding_principal);
    const exposed = exposure(status === 'active', outstanding, row.coverage);
    await manager.query(
      `UPDATE disbursement SET loan_version = $2, guarantee_status = $3, outstanding_principal = $4,
         exposure = $5, claim_paid = $6, recovery_entitled = $7, loan_status = $8, days_past_due = $9,
         classification = $10
       WHERE loan_id = $1`,
      [
        row.loan_id,
        Math.max(event.aggregateVersion, row.loan_version),
        status,
        formatMoney(outstanding),
        formatMoney(exposed),
        formatMoney(amounts.claim_paid ?? row.claim_paid),
        formatMoney(amounts.recovery_entitled ?? row.recovery_entitled),
        newer ? loan.status : row.loan_status,
        newer ? loan.daysPastDue : row.days_past_due,
        newer ? loan.classification : row.classification,
      ],
    );
    return exposed.minus(row.exposure);
  }

  /** One update of the fund's position (and so one announcement) for all an event moved. */
  async moveGuaranteePosition(
    manager: EntityManager,
    capitalChange: Decimal,
    exposureChange: Decimal,
  ): Promise<void> {
    if (capitalChange.isZero() && exposureChange.isZero()) return;
    await manager.query(
      `UPDATE guarantee_position SET available_capital = available_capital + $1, exposure = exposure + $2
       WHERE id = 1`,
      [formatMoney(capitalChange), formatMoney(exposureChange)],
    );
  }
}

/** The guarantee of a loan in this state: claimed once the fund paid, released once the loan closed. */
function guaranteeStatus(loan: LoanStateDto): DisbursementRow['guarantee_status'] {
  if (loan.claimed) return 'claimed';
  return loan.status === 'repaid' || loan.status === 'written_off' ? 'released' : 'active';
}
