import { Injectable, Logger } from '@nestjs/common';
import {
  BusinessDayClosedEvent,
  Classification,
  DelinquencyChangedEvent,
  EventEnvelope,
  GuaranteePositionChangedEvent,
  LoanClaimedEvent,
  LoanDisbursedEvent,
  LoanRepaidEvent,
  LoanReprogrammedEvent,
  LoanStateDto,
  LoanStatus,
  LoanWrittenOffEvent,
  RepaymentRecordedEvent,
  RepaymentReversedEvent,
} from '@qollqa/contracts';
import { InboxService } from '@qollqa/messaging';
import { EntityManager } from 'typeorm';
import { PortfolioHistoryService } from '../history/portfolio-history.service';
import { ImpactRepository } from '../impact/impact.repository';
import { dpdBand } from './dpd-band';

/** A loan's state in the read model: what its newest event said. */
interface LoanState {
  status: LoanStatus;
  outstanding: string;
  days_past_due: number;
  classification: Classification;
  /** Reprogrammed at least once: true once any of its events says so, whatever their order. */
  reprogrammed: boolean;
}

/** Where a loan counts: only loan.disbursed says it. */
interface LoanPlacement {
  enterprise_id: string;
  value_chain: string;
  municipality: string;
  women_led: boolean;
  principal: string;
}

interface LoanRow extends LoanState, Partial<LoanPlacement> {
  loan_id: string;
  version: number;
  disbursed_seen: boolean;
}

const IN_PORTFOLIO: LoanStatus[] = ['active', 'claimed'];

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
    private readonly history: PortfolioHistoryService,
    private readonly impact: ImpactRepository,
  ) {}

  async onDisbursed(event: LoanDisbursedEvent): Promise<void> {
    const loan = event.payload;
    await this.once(event, async (manager) => {
      await this.applyToLoan(manager, loan.loanId, event.aggregateVersion, {
        state: {
          status: 'active',
          outstanding: loan.principal,
          days_past_due: 0,
          classification: 'normal',
          reprogrammed: false,
        },
        placement: {
          enterprise_id: loan.enterprise.id,
          value_chain: loan.enterprise.valueChain,
          municipality: loan.enterprise.municipality,
          women_led: loan.enterprise.womenLed,
          principal: loan.principal,
        },
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

  /**
   * A close of business: the business date moves forward and the day's figures join the history.
   * An older close redelivered after a newer one moves nothing: today's figures are not that day's.
   */
  async onDayClosed(event: BusinessDayClosedEvent): Promise<void> {
    const { businessDate } = event.payload;
    await this.once(event, async (manager) => {
      const [state] = await manager.query(
        `SELECT to_char(business_date, 'YYYY-MM-DD') AS business_date FROM portfolio_state WHERE id = 1 FOR UPDATE`,
      );
      if (state.business_date && state.business_date > businessDate) {
        this.logger.warn(
          `Close of ${businessDate} arrived after the close of ${state.business_date}: no history row for it`,
        );
        return;
      }
      await manager.query(`UPDATE portfolio_state SET business_date = $1 WHERE id = 1`, [
        businessDate,
      ]);
      await this.history.record(manager, businessDate);
    });
  }

  private loanChanged(event: EventEnvelope, loanId: string, loan: LoanStateDto) {
    return this.once(event, (manager) =>
      this.applyToLoan(manager, loanId, event.aggregateVersion, {
        state: {
          status: loan.status,
          outstanding: loan.outstandingPrincipal,
          days_past_due: loan.daysPastDue,
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
    facts: { state: LoanState; placement?: LoanPlacement },
  ): Promise<void> {
    // A later event may come first: the row exists from then on, outside the cells until placed.
    await manager.query(
      `INSERT INTO portfolio_loan (loan_id, disbursed_seen, status, outstanding, days_past_due, classification, version)
       VALUES ($1, false, 'active', 0, 0, 'normal', 0) ON CONFLICT DO NOTHING`,
      [loanId],
    );
    const [before]: LoanRow[] = await manager.query(
      `SELECT loan_id, version, disbursed_seen, enterprise_id, value_chain, municipality, women_led, principal,
         status, outstanding, days_past_due, classification, reprogrammed
       FROM portfolio_loan WHERE loan_id = $1 FOR UPDATE`,
      [loanId],
    );
    const newer = version > before.version;
    const after: LoanRow = {
      ...before,
      ...(facts.placement ? { ...facts.placement, disbursed_seen: true } : {}),
      ...(newer ? { ...facts.state, version } : {}),
      // Once reprogrammed, always: an older event that says so still counts (a newer one carries it too).
      reprogrammed: before.reprogrammed || facts.state.reprogrammed,
    };
    await this.removeFromCells(manager, before);
    await this.addToCells(manager, after);
    await manager.query(
      `UPDATE portfolio_loan SET version = $2, disbursed_seen = $3, enterprise_id = $4, value_chain = $5,
         municipality = $6, women_led = $7, principal = $8, status = $9, outstanding = $10,
         days_past_due = $11, classification = $12, reprogrammed = $13
       WHERE loan_id = $1`,
      [
        loanId,
        after.version,
        after.disbursed_seen,
        after.enterprise_id,
        after.value_chain,
        after.municipality,
        after.women_led,
        after.principal,
        after.status,
        after.outstanding,
        after.days_past_due,
        after.classification,
        after.reprogrammed,
      ],
    );
  }

  private async addToCells(manager: EntityManager, loan: LoanRow): Promise<void> {
    if (!loan.disbursed_seen || !IN_PORTFOLIO.includes(loan.status)) return;
    await manager.query(
      `INSERT INTO portfolio_cell AS c (value_chain, municipality, classification, dpd_band, reprogrammed, loans, outstanding)
       VALUES ($1, $2, $3, $4, $6, 1, $5)
       ON CONFLICT (value_chain, municipality, classification, dpd_band, reprogrammed)
       DO UPDATE SET loans = c.loans + 1, outstanding = c.outstanding + EXCLUDED.outstanding`,
      [
        loan.value_chain,
        loan.municipality,
        loan.classification,
        dpdBand(loan.days_past_due),
        loan.outstanding,
        loan.reprogrammed,
      ],
    );
  }

  private async removeFromCells(manager: EntityManager, loan: LoanRow): Promise<void> {
    if (!loan.disbursed_seen || !IN_PORTFOLIO.includes(loan.status)) return;
    await manager.query(
      `UPDATE portfolio_cell SET loans = loans - 1, outstanding = outstanding - $5
       WHERE value_chain = $1 AND municipality = $2 AND classification = $3 AND dpd_band = $4
         AND reprogrammed = $6`,
      [
        loan.value_chain,
        loan.municipality,
        loan.classification,
        dpdBand(loan.days_past_due),
        loan.outstanding,
        loan.reprogrammed,
      ],
    );
  }

  private once(event: EventEnvelope, effect: (manager: EntityManager) => Promise<void>) {
    return this.inbox.processOnce(event, effect);
  }
}
