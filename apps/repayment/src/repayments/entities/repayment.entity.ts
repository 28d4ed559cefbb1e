import { RepaymentResultView } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';
import { decimalTransformer } from '@qollqa/persistence';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

const money = { type: 'numeric' as const, transformer: decimalTransformer };

/** A repayment as recorded, with its allocation and the answer given (returned again on a retry). */
@Entity('repayment')
export class Repayment {
  @PrimaryColumn('uuid') id: string;
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
}
