import { Classification, LoanStatus, RepaymentResultView } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';
import { decimalTransformer } from '@qollqa/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

const money = { type: 'numeric' as const, transformer: decimalTransformer };

/**
 * A repayment as recorded, with its allocation and the answer given (returned again on a retry), the
 * loan's state before it (so a reversal can put the loan back) and, once reversed, who did it and why.
 */
@Entity('repayment')
export class Repayment {
  @PrimaryColumn('uuid') id: string;
  /** Given by the database under the loan's lock: the order the loan's repayments were applied in. */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column({ name: 'loan_id', type: 'uuid' }) loanId: string;
  @Column({ name: 'external_ref' }) externalRef: string;
  @Column(money) amount: Decimal;
  @Column({ name: 'paid_on', type: 'date' }) paidOn: string;
  @Column({ name: 'moratory_interest', ...money }) moratoryInterest: Decimal;
  @Column(money) interest: Decimal;
  @Column(money) principal: Decimal;
  @Column(money) prepayment: Decimal;
  @Column({ name: 'business_date', type: 'date' }) businessDate: string;
  @Column({ name: 'recorded_by' }) recordedBy: string;
  @Column({ name: 'recorded_by_id', type: 'uuid' }) recordedById: string;
  @Column({ type: 'jsonb' }) result: RepaymentResultView;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;

  // The loan before the repayment (null on repayments recorded before reversals existed).
  @Column({ name: 'loan_status_before', type: 'text', nullable: true })
  loanStatusBefore: LoanStatus | null;
  @Column({ name: 'days_past_due_before', type: 'int', nullable: true })
  daysPastDueBefore: number | null;
  @Column({ name: 'classification_before', type: 'text', nullable: true })
  classificationBefore: Classification | null;
  @Column({ name: 'max_days_past_due_before', type: 'int', nullable: true })
  maxDaysPastDueBefore: number | null;
  /** The loan was claimed when the repayment was made (the guarantee fund had a share of it). */
  @Column({ name: 'claimed_when_recorded', type: 'boolean', nullable: true })
  claimedWhenRecorded: boolean | null;

  @Column({ name: 'reversed_at', type: 'timestamptz', nullable: true }) reversedAt: Date | null;
  @Column({ name: 'reversed_by', type: 'text', nullable: true }) reversedBy: string | null;
  @Column({ name: 'reversed_by_id', type: 'uuid', nullable: true }) reversedById: string | null;
  @Column({ name: 'reversal_reason', type: 'text', nullable: true })
  reversalReason: string | null;
}
