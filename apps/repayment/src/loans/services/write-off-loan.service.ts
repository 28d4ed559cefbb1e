import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  LoanAccountView,
  LoanEvents,
  LoanWrittenOffPayload,
  WriteOffLoanCommand,
} from '@qollqa/contracts';
import { OutboxService } from '@qollqa/messaging';
import { formatMoney } from '@qollqa/money';
import { errorPart as part } from '@qollqa/platform';
import { DataSource } from 'typeorm';
import { BusinessDateService } from '../../business-date/business-date.service';
import { Loan, OPEN_LOAN_STATUSES } from '../entities/loan.entity';
import { LoanException, LoanExceptionCode as Code } from '../loan.exception';
import { loanState, nextLoanVersion } from '../loan-state';
import { LoanQueries } from './loan-queries.service';

/**
 * A fund manager writes off an active or claimed loan: it is `written_off` on the business date, it
 * no longer ages nor takes repayments, and loan.written_off carries the principal still outstanding
 * for disbursement to post as a loss. The balance stays on the account, as the family's debt.
 */
@Injectable()
export class WriteOffLoanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDates: BusinessDateService,
    private readonly outbox: OutboxService,
    private readonly queries: LoanQueries,
  ) {}

  async execute({ actor, loanId, body }: WriteOffLoanCommand): Promise<LoanAccountView> {
    if (actor.role !== 'fund_manager') {
      throw new LoanException(Code.RoleNotAllowed, 'Only a fund manager writes a loan off', {
        role: actor.role,
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const businessDate = await this.businessDates.holdShared(manager);
      const loan = await manager.findOne(Loan, {
        where: { id: loanId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!loan) {
        throw new LoanException(Code.NotFound, `Loan ${loanId} not found`, { id: loanId });
      }
      if (!OPEN_LOAN_STATUSES.includes(loan.status)) {
        throw new LoanException(
          Code.LoanClosed,
          `Loan ${loan.reference} is ${loan.status}: only an active or claimed loan can be written off`,
          [part(Code.LoanClosed, 'writeOff', { reference: loan.reference, status: loan.status })],
        );
      }
      Object.assign(loan, {
        status: 'written_off',
        writtenOffOn: businessDate,
        writtenOffBy: actor.name,
        writeOffReason: body.reason,
      });
      const aggregateVersion = nextLoanVersion(loan);
      await manager.update(Loan, loan.id, {
        version: loan.version,
        status: loan.status,
        writtenOffOn: loan.writtenOffOn,
        writtenOffBy: loan.writtenOffBy,
        writeOffReason: loan.writeOffReason,
      });
      await this.outbox.add(manager, {
        type: LoanEvents.WrittenOff,
        aggregateId: loan.id,
        aggregateVersion,
        payload: {
          loanId: loan.id,
          enterpriseId: loan.enterpriseId,
          writtenOffOn: businessDate,
          outstandingPrincipal: formatMoney(loan.outstandingPrincipal),
          by: actor.name,
          reason: body.reason,
          loan: loanState(loan),
        } satisfies LoanWrittenOffPayload,
      });
      return this.queries.view(manager, loan);
    });
  }
}
