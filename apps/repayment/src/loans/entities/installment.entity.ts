import { Decimal } from '@qollqa/money';
import { decimalTransformer } from '@qollqa/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstallmentBalance } from '../installment-balance';

const money = { type: 'numeric' as const, transformer: decimalTransformer };

/** One line of a loan's schedule, with what has been paid on it. */
@Entity('installment')
export class Installment implements InstallmentBalance {
  @PrimaryColumn({ name: 'loan_id', type: 'uuid' }) loanId: string;
  @PrimaryColumn({ type: 'int' }) number: number;
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column(money) principal: Decimal;
  @Column(money) interest: Decimal;
  @Column({ name: 'paid_principal', ...money }) paidPrincipal: Decimal;
  @Column({ name: 'paid_interest', ...money }) paidInterest: Decimal;
  @Column({ name: 'cancelled_interest', ...money }) cancelledInterest: Decimal;
  /** The part of `interest` a reprogramming deferred: owed whatever is prepaid. */
  @Column({ name: 'deferred_interest', ...money }) deferredInterest: Decimal;
  /** The reprogramming that replaced this installment (then `rescheduled`). */
  @Column({ name: 'rescheduled_by', type: 'uuid', nullable: true }) rescheduledBy: string | null;
}
