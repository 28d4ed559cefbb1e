import { Injectable } from '@nestjs/common';
import {
  BusinessDayClosedEvent,
  Classification,
  DelinquencyChangedEvent,
  EventEnvelope,
  GuaranteePositionChangedEvent,
  LoanClaimedEvent,
  LoanDisbursedEvent,
  LoanRepaidEvent,
  LoanStatus,
  LoanWrittenOffEvent,
  RepaymentRecordedEvent,
} from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { EntityManager } from 'typeorm';
import { PortfolioHistoryService } from '../history/portfolio-history.service';
import { dpdBand } from './dpd-band';

interface LoanState {
  loan_id: string;
  value_chain: string;
  municipality: string;
  status: LoanStatus;
  outstanding: string;
  days_past_due: number;
  classification: Classification;
}

const IN_PORTFOLIO: LoanStatus[] = ['active', 'claimed'];

/**
 * Projects loan and fund events onto the read model. Each loan change moves the loan's contribution
 * from its old cell to its new one in the same transaction as the inbox record, so the cells always
 * equal the sum of the loans and a redelivered event changes nothing.
 */
@Injectable()
export class PortfolioProjection {
  constructor(
    private readonly inbox: InboxService,
    private readonly history: PortfolioHistoryService,
  ) {}

  async onDisbursed(event: LoanDisbursedEvent): Promise<void> {
    const loan = event.payload;
    await this.once(event, async (manager) => {
      await manager.query(
        `INSERT INTO portfolio_loan (loan_id, enterprise_id, value_chain, municipality, women_led, principal, status,
           outstanding, days_past_due, classification)
         VALUES ($1, $2, $3, $4, $5, $6, 'active', $6, 0, 'normal') ON CONFLICT DO NOTHING`,
        [
          loan.loanId,
          loan.enterprise.id,
          loan.enterprise.valueChain,
          loan.enterprise.municipality,
          loan.enterprise.womenLed,
          loan.principal,
        ],
      );
      await this.addToCells(manager, {
        loan_id: loan.loanId,
        value_chain: loan.enterprise.valueChain,
        municipality: loan.enterprise.municipality,
        status: 'active',
        outstanding: loan.principal,
        days_past_due: 0,
        classification: 'normal',
      });
      const [newEnterprise] = await manager.query(
        `INSERT INTO portfolio_enterprise (enterprise_id, women_led) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING women_led`,
        [loan.enterprise.id, loan.enterprise.womenLed],
      );
      if (newEnterprise) {
        await manager.query(
          `UPDATE portfolio_state SET enterprises = enterprises + 1, women_led = women_led + $1 WHERE id = 1`,
          [newEnterprise.women_led ? 1 : 0],
        );
      }
    });
  }

  onRepayment(event: RepaymentRecordedEvent) {
    const { loanId, loanStatus, outstandingPrincipal } = event.payload;
    return this.change(event, loanId, { status: loanStatus, outstanding: outstandingPrincipal });
  }

  onDelinquencyChanged(event: DelinquencyChangedEvent) {
    const { loanId, daysPastDue, classification, outstandingPrincipal } = event.payload;
    return this.change(event, loanId, {
      days_past_due: daysPastDue,
      classification,
      outstanding: outstandingPrincipal,
    });
  }

  onClaimed(event: LoanClaimedEvent) {
    const { loanId, daysPastDue, outstandingPrincipal } = event.payload;
    return this.change(event, loanId, {
      status: 'claimed',
      days_past_due: daysPastDue,
      outstanding: outstandingPrincipal,
    });
  }

  onRepaid(event: LoanRepaidEvent) {
    return this.change(event, event.payload.loanId, { status: 'repaid', outstanding: '0.00' });
  }

  onWrittenOff(event: LoanWrittenOffEvent) {
    return this.change(event, event.payload.loanId, { status: 'written_off' });
  }

  async onGuaranteePosition(event: GuaranteePositionChangedEvent): Promise<void> {
    const position = event.payload;
    await this.once(event, async (manager) => {
      // Announcements may arrive out of order: only a newer position replaces the one we have.
      await manager.query(
        `UPDATE portfolio_state SET position_version = $1, available_capital = $2, exposure = $3, leverage_limit = $4
         WHERE id = 1 AND position_version < $1`,
        [
          position.positionVersion,
          position.availableCapital,
          position.exposure,
          position.leverageLimit,
        ],
      );
    });
  }

  /** A close of business: the business date moves and the day's figures join the history. */
  async onDayClosed(event: BusinessDayClosedEvent): Promise<void> {
    await this.once(event, async (manager) => {
      await manager.query(
        `UPDATE portfolio_state SET business_date = greatest(coalesce(business_date, $1), $1) WHERE id = 1`,
        [event.payload.businessDate],
      );
      await this.history.record(manager, event.payload.businessDate);
    });
  }

  private async change(
    event: EventEnvelope,
    loanId: string,
    change: Partial<LoanState>,
  ): Promise<void> {
    await this.once(event, async (manager) => {
      const [before]: LoanState[] = await manager.query(
        `SELECT loan_id, value_chain, municipality, status, outstanding, days_past_due, classification
         FROM portfolio_loan WHERE loan_id = $1 FOR UPDATE`,
        [loanId],
      );
      // loan.disbursed always comes first in the stream; until then, retry.
      if (!before) throw new Error(`Loan ${loanId} is not in the portfolio yet`);
      const after: LoanState = { ...before, ...change };
      await this.removeFromCells(manager, before);
      await this.addToCells(manager, after);
      await manager.query(
        `UPDATE portfolio_loan SET status = $2, outstanding = $3, days_past_due = $4, classification = $5 WHERE loan_id = $1`,
        [loanId, after.status, after.outstanding, after.days_past_due, after.classification],
      );
    });
  }

  private async addToCells(manager: EntityManager, loan: LoanState): Promise<void> {
    if (!IN_PORTFOLIO.includes(loan.status)) return;
    await manager.query(
      `INSERT INTO portfolio_cell AS c (value_chain, municipality, classification, dpd_band, loans, outstanding)
       VALUES ($1, $2, $3, $4, 1, $5)
       ON CONFLICT (value_chain, municipality, classification, dpd_band)
       DO UPDATE SET loans = c.loans + 1, outstanding = c.outstanding + EXCLUDED.outstanding`,
      [
        loan.value_chain,
        loan.municipality,
        loan.classification,
        dpdBand(loan.days_past_due),
        loan.outstanding,
      ],
    );
  }

  private async removeFromCells(manager: EntityManager, loan: LoanState): Promise<void> {
    if (!IN_PORTFOLIO.includes(loan.status)) return;
    await manager.query(
      `UPDATE portfolio_cell SET loans = loans - 1, outstanding = outstanding - $5
       WHERE value_chain = $1 AND municipality = $2 AND classification = $3 AND dpd_band = $4`,
      [
        loan.value_chain,
        loan.municipality,
        loan.classification,
        dpdBand(loan.days_past_due),
        loan.outstanding,
      ],
    );
  }

  private once(event: EventEnvelope, effect: (manager: EntityManager) => Promise<void>) {
    return this.inbox.processOnce(event, effect);
  }
}
