import { Classification, LoanStatus, ValueChain } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';
import { decimalTransformer } from '@qollqa/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

const money = { type: 'numeric' as const, transformer: decimalTransformer };
// Rates and coverage stay strings: they keep the scale they were given ("0.70", not "0.7").
const rate = { type: 'numeric' as const };

/** A loan account: built from loan.disbursed, owned by this service from then on. */
@Entity('loan')
export class Loan {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column() reference: string;
  @Column({ name: 'enterprise_id', type: 'uuid' }) enterpriseId: string;
  @Column({ name: 'enterprise_name' }) enterpriseName: string;
  /** The name as search compares it (searchableText: lower case, no accents). */
  @Column({ name: 'search_name', select: false }) searchName: string;
  /** DNI or RUC; null for a loan opened before events carried it. */
  @Column({ name: 'document_id', type: 'text', nullable: true }) documentId: string | null;
  /** Username of the loan officer who registered the application; null for a loan opened before events carried it. */
  @Column({ name: 'registered_by', type: 'text', nullable: true }) registeredBy: string | null;
  @Column() municipality: string;
  @Column({ name: 'value_chain', type: 'text' }) valueChain: ValueChain;
  @Column({ name: 'women_led' }) womenLed: boolean;
  @Column({ name: 'product_code' }) productCode: string;
  @Column(money) principal: Decimal;
  @Column(rate) tea: string;
  @Column({ name: 'moratory_tea', ...rate }) moratoryTea: string;
  @Column({ name: 'term_months', type: 'int' }) termMonths: number;
  @Column({ name: 'grace_months', type: 'int' }) graceMonths: number;
  @Column({ name: 'disbursed_on', type: 'date' }) disbursedOn: string;
  @Column(rate) coverage: string;
  @Column({ name: 'guarantee_fee', ...money }) guaranteeFee: Decimal;
  @Column({ name: 'grant_amount', ...money }) grant: Decimal;
  @Column(money) payout: Decimal;
  @Column({ type: 'text' }) status: LoanStatus;
  @Column({ name: 'outstanding_principal', ...money }) outstandingPrincipal: Decimal;
  /** Moratory interest accrued at the closes of business and not yet paid. */
  @Column({ name: 'moratory_interest_due', ...money }) moratoryInterestDue: Decimal;
  @Column({ name: 'days_past_due', type: 'int' }) daysPastDue: number;
  @Column({ type: 'text' }) classification: Classification;
  @Column({ name: 'max_days_past_due', type: 'int' }) maxDaysPastDue: number;
  @Column({ name: 'claimed_on', type: 'date', nullable: true }) claimedOn: string | null;
  @Column({ name: 'claim_amount', ...money, nullable: true }) claimAmount: Decimal | null;
  @Column({ name: 'repaid_on', type: 'date', nullable: true }) repaidOn: string | null;
  @Column({ name: 'written_off_on', type: 'date', nullable: true }) writtenOffOn: string | null;
  @Column({ name: 'written_off_by', type: 'text', nullable: true }) writtenOffBy: string | null;
  @Column({ name: 'write_off_reason', type: 'text', nullable: true }) writeOffReason: string | null;
  /** TCEA of the schedule at disbursement against principal − guarantee fee, 4 places. */
  @Column(rate) tcea: string;
  /** How many times the loan was reprogrammed (at most two). */
  @Column({ type: 'int' }) reprogrammings: number;
  /** The class at its latest reprogramming: the loan's class is never better than this. */
  @Column({ name: 'classification_kept', type: 'text', nullable: true })
  classificationKept: Classification | null;
  @Column({ name: 'disbursed_event_id', type: 'uuid' }) disbursedEventId: string;
  /** Grows by one with every event about the loan (loan-state.ts): its events' aggregateVersion. */
  @Column({ type: 'int' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Loans the close of business ages and that accept repayments. */
export const OPEN_LOAN_STATUSES: readonly LoanStatus[] = ['active', 'claimed'];
