import { Injectable, Logger } from '@nestjs/common';
import {
  BusinessDayClosedEvent,
  DelinquencyChangedEvent,
  EventEnvelope,
  GuaranteePositionChangedEvent,
  LoanClaimedEvent,
  LoanDisbursedEvent,
  LoanRepaidEvent,
  LoanReprogrammedEvent,
  LoanStateDto,
  LoanWrittenOffEvent,
  RepaymentRecordedEvent,
  RepaymentReversedEvent,
} from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { money } from '@qollqa/money';
import { EntityManager } from 'typeorm';
import { PortfolioCellRepository } from '../cells/portfolio-cell.repository';
import { PortfolioHistoryService } from '../history/portfolio-history.service';
import { ImpactRepository } from '../impact/impact.repository';
import { afterEvent, LoanFacts } from '../loans/portfolio-loan';
import { PortfolioLoanRepository } from '../loans/portfolio-loan.repository';
import { PortfolioStateRepository } from '../state/portfolio-state.repository';

/**
 * Projects loan and fund events onto the read model. Each loan change moves the loan's contribution
 * from its old cell to its new one in the same transaction as the inbox record, so the cells always
 * equal the sum of the loans and a redelivered event changes nothing.
 *
 * Events of one loan may arrive in any order: a loan's state is replaced only by a newer event
 * (aggregateVersion), and an event handled before the loan's loan.disbursed keeps its state on a row
 * that joins the cells when loan.disbursed arrives. So the figures end the same whatever the order,
 * and the same as a replay of the stream.
 */
@Injectable()
export class PortfolioProjection {
  private readonly logger = new Logger(PortfolioProjection.name);

  constructor(
    private readonly inbox: InboxService,
    private readonly loans: PortfolioLoanRepository,
    private readonly cells: PortfolioCellRepository,
    private readonly states: PortfolioStateRepository,
    private readonly history: PortfolioHistoryService,
    private readonly impact: ImpactRepository,
  ) {}

  async onDisbursed(event: LoanDisbursedEvent): Promise<void> {
    const loan = event.payload;
    await this.once(event, async (manager) => {
      await this.applyToLoan(manager, loan.loanId, event.aggregateVersion, {
        state: {
          status: 'active',
          outstanding: money(loan.principal),
          daysPastDue: 0,
          classification: 'normal',
          reprogrammed: false,
        },
        placement: {
          enterpriseId: loan.enterprise.id,
          valueChain: loan.enterprise.valueChain,
          municipality: loan.enterprise.municipality,
          womenLed: loan.enterprise.womenLed,
          principal: money(loan.principal),
        },
      });
      await this.states.countEnterprise(manager, loan.enterprise);
      // The programme's impact: the loan once, in its value chain and municipality, with its grant.
      await this.impact.countPayout(manager, loan);
    });
  }

  onRepayment(event: RepaymentRecordedEvent) {
    return this.loanChanged(event, event.payload.loanId, event.payload.loan);
  }

  /** The loan as it was before the reversed repayment: a repaid loan is back in the portfolio. */
  onRepaymentReversed(event: RepaymentReversedEvent) {
    return this.loanChanged(event, event.payload.loanId, event.payload.loan);
  }

  onDelinquencyChanged(event: DelinquencyChangedEvent) {
    return this.loanChanged(event, event.payload.loanId, event.payload.loan);
  }

  onClaimed(event: LoanClaimedEvent) {
    return this.loanChanged(event, event.payload.loanId, event.payload.loan);
  }

  onRepaid(event: LoanRepaidEvent) {
    return this.loanChanged(event, event.payload.loanId, event.payload.loan);
  }

  onWrittenOff(event: LoanWrittenOffEvent) {
    return this.loanChanged(event, event.payload.loanId, event.payload.loan);
  }

  /** DPD 0 and the class kept, from the event's state; the loan counts as reprogrammed from now on. */
  onReprogrammed(event: LoanReprogrammedEvent) {
    return this.loanChanged(event, event.payload.loanId, event.payload.loan);
  }

  async onGuaranteePosition(event: GuaranteePositionChangedEvent): Promise<void> {
    const position = event.payload;
    // Announcements may arrive out of order: only a newer position replaces the one we have.
    await this.once(event, (manager) => this.states.applyGuaranteePosition(manager, position));
  }

  /**
   * A close of business: the business date moves forward and the day's figures join the history.
   * An older close redelivered after a newer one moves nothing: today's figures are not that day's.
   */
  async onDayClosed(event: BusinessDayClosedEvent): Promise<void> {
    const { businessDate } = event.payload;
    await this.once(event, async (manager) => {
      const closedUntil = await this.states.lockBusinessDate(manager);
      if (closedUntil && closedUntil > businessDate) {
        this.logger.warn(
          `Close of ${businessDate} arrived after the close of ${closedUntil}: no history row for it`,
        );
        return;
      }
      await this.states.setBusinessDate(manager, businessDate);
      await this.history.record(manager, businessDate);
    });
  }

  private loanChanged(event: EventEnvelope, loanId: string, loan: LoanStateDto) {
    return this.once(event, (manager) =>
      this.applyToLoan(manager, loanId, event.aggregateVersion, {
        state: {
          status: loan.status,
          outstanding: money(loan.outstandingPrincipal),
          daysPastDue: loan.daysPastDue,
          classification: loan.classification,
          reprogrammed: loan.reprogrammed ?? false,
        },
      }),
    );
  }

  /**
   * What one event tells of a loan: its state at `version` (kept only if newer than the row's) and,
   * from loan.disbursed, its placement. The loan's contribution moves from its old cell to its new one.
   */
  private async applyToLoan(
    manager: EntityManager,
    loanId: string,
    version: number,
    facts: LoanFacts,
  ): Promise<void> {
    const before = await this.loans.lock(manager, loanId);
    const after = afterEvent(before, version, facts);
    await this.loans.save(manager, after);
    // Last: a cell is shared by many loans, and its row stays locked until the commit.
    await this.cells.moveLoan(manager, before, after);
  }

  private once(event: EventEnvelope, effect: (manager: EntityManager) => Promise<void>) {
    return this.inbox.processOnce(event, effect);
  }
}
