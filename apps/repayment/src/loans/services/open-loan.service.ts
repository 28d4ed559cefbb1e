import { Injectable, Logger } from '@nestjs/common';
import { LoanDisbursedEvent, LoanDisbursedPayload, searchableText } from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { formatMoney, isIsoDate, money, tcea } from '@qollqa/money';
import { BusinessDateService } from '../../business-date/business-date.service';
import { LoanException, LoanExceptionCode as Code } from '../loan.exception';

/**
 * A loan was paid out: its account opens here, `active`, with the schedule disbursement built.
 * Idempotent (the inbox records the event id with the loan); the loan id is the key as well, so the
 * same loan announced twice under two event ids still opens once.
 */
@Injectable()
export class OpenLoanService {
  private readonly logger = new Logger(OpenLoanService.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly businessDates: BusinessDateService,
  ) {}

  async execute(event: LoanDisbursedEvent): Promise<void> {
    const loan = event.payload;
    assertConsistent(loan);
    await this.inbox.processOnce(event, async (manager) => {
      // Not in the middle of a close: the new loan is aged from the next one on.
      await this.businessDates.holdShared(manager);
      const inserted = await manager.query(
        `INSERT INTO loan (id, application_id, reference, enterprise_id, enterprise_name, municipality,
           value_chain, women_led, product_code, principal, tea, moratory_tea, term_months, grace_months,
           disbursed_on, coverage, guarantee_fee, grant_amount, payout, status, outstanding_principal,
           disbursed_event_id, version, search_name, document_id, registered_by, tcea)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
           'active', $10, $20, $21, $22, $23, $24, $25)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          loan.loanId,
          loan.applicationId,
          loan.reference,
          loan.enterprise.id,
          loan.enterprise.name,
          loan.enterprise.municipality,
          loan.enterprise.valueChain,
          loan.enterprise.womenLed,
          loan.productCode,
          loan.principal,
          loan.tea,
          loan.moratoryTea,
          loan.termMonths,
          loan.graceMonths,
          loan.disbursedOn,
          loan.coverage,
          loan.guaranteeFee,
          loan.grant,
          loan.payout,
          event.id,
          // Its events go on from the version loan.disbursed had.
          event.aggregateVersion,
          searchableText(loan.enterprise.name),
          loan.enterprise.documentId ?? null,
          loan.registeredBy ?? null,
          // The cost of the schedule at disbursement: principal − fee against its installments.
          tcea({
            principal: loan.principal,
            guaranteeFee: loan.guaranteeFee,
            installments: loan.schedule.map((line) => line.installment),
          }),
        ],
      );
      if (inserted.length === 0) {
        this.logger.warn(`Loan ${loan.loanId} is already open: event ${event.id} ignored`);
        return;
      }
      const lines = loan.schedule;
      await manager.query(
        `INSERT INTO installment (loan_id, number, due_date, principal, interest)
         SELECT $1, * FROM unnest($2::int[], $3::date[], $4::numeric[], $5::numeric[])`,
        [
          loan.loanId,
          lines.map((line) => line.number),
          lines.map((line) => line.dueDate),
          lines.map((line) => line.principal),
          lines.map((line) => line.interest),
        ],
      );
    });
  }
}

/** Refuses (400, so the event is dead-lettered, never retried) a disbursement that contradicts itself. */
function assertConsistent(loan: LoanDisbursedPayload): void {
  const problems: string[] = [];
  const lines = loan.schedule;
  const principal = money(loan.principal);
  const scheduled = lines.reduce((sum, line) => sum.plus(line.principal), money(0));
  if (!principal.gt(0)) problems.push('principal must be positive');
  if (!scheduled.eq(principal)) {
    problems.push(
      `the schedule's principal adds up to ${formatMoney(scheduled)}, not ${formatMoney(principal)}`,
    );
  }
  if (lines.length !== loan.termMonths) problems.push('the schedule must have termMonths lines');
  if (lines.some((line, index) => line.number !== index + 1)) {
    problems.push('installments must be numbered 1, 2, … in order');
  }
  if (
    !isIsoDate(loan.disbursedOn) ||
    lines.some((line, index) => {
      const previous = index === 0 ? loan.disbursedOn : lines[index - 1].dueDate;
      return !isIsoDate(line.dueDate) || line.dueDate <= previous;
    })
  ) {
    problems.push('due dates must be real dates, after the disbursement and increasing');
  }
  const RATE = /^\d+(\.\d+)?$/;
  if (![loan.tea, loan.moratoryTea].every((rate) => RATE.test(rate))) {
    problems.push('tea and moratoryTea must be non-negative decimals such as "0.18"');
  }
  if (!RATE.test(loan.coverage) || money(loan.coverage).gt(1)) {
    problems.push('coverage must be a decimal between 0 and 1 such as "0.70"');
  }
  if (problems.length > 0) {
    throw new LoanException(
      Code.InvalidDisbursement,
      `loan.disbursed for loan ${loan.loanId} refused: ${problems.join('; ')}`,
      { loanId: loan.loanId },
    );
  }
}
