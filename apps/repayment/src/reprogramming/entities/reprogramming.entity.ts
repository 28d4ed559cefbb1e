import { Classification, ReprogrammingReason } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';
import { decimalTransformer } from '@qollqa/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

const money = { type: 'numeric' as const, transformer: decimalTransformer };

/** One reprogramming of a loan: who, when, why, what it replaced and what it deferred. */
@Entity('reprogramming')
export class Reprogramming {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'loan_id', type: 'uuid' }) loanId: string;
  /** 1 for the loan's first reprogramming, 2 for its second. */
  @Column({ type: 'int' }) number: number;
  @Column({ name: 'business_date', type: 'date' }) businessDate: string;
  @Column({ type: 'text' }) reason: ReprogrammingReason;
  @Column({ type: 'text' }) note: string;
  @Column({ name: 'extension_months', type: 'int' }) extensionMonths: number;
  @Column({ name: 'grace_months', type: 'int' }) graceMonths: number;
  @Column({ name: 'reprogrammed_by' }) by: string;
  @Column({ name: 'reprogrammed_by_id', type: 'uuid' }) byId: string;
  @Column({ name: 'classification_kept', type: 'text' }) classificationKept: Classification;
  /** Days past due at the business date, before it. */
  @Column({ name: 'days_past_due', type: 'int' }) daysPastDue: number;
  @Column({ name: 'outstanding_principal', ...money }) outstandingPrincipal: Decimal;
  @Column({ name: 'deferred_interest', ...money }) deferredInterest: Decimal;
  @Column({ name: 'deferred_moratory_interest', ...money }) deferredMoratoryInterest: Decimal;
  @Column({ name: 'replaced_installments', type: 'int', array: true })
  replacedInstallments: number[];
  @Column({ name: 'term_months_before', type: 'int' }) termMonthsBefore: number;
  @Column({ name: 'term_months_after', type: 'int' }) termMonthsAfter: number;
  /** The loan's latest repayment (its seq) when it was made: that one can no longer be reversed. */
  @Column({ name: 'last_repayment_seq', type: 'bigint', nullable: true })
  lastRepaymentSeq: string | null;
  @Column({ name: 'emergency_id', type: 'uuid', nullable: true }) emergencyId: string | null;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
