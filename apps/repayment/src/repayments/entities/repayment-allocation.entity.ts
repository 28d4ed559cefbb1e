import { Decimal } from '@qollqa/money';
import { decimalTransformer } from '@qollqa/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

const money = { type: 'numeric' as const, transformer: decimalTransformer };

/**
 * What one repayment did to one installment: what it paid of its principal and interest, and the
 * interest a prepayment cancelled. A reversal takes exactly this back off the installment.
 */
@Entity('repayment_allocation')
export class RepaymentAllocation {
  @PrimaryColumn({ name: 'repayment_id', type: 'uuid' }) repaymentId: string;
  @PrimaryColumn({ name: 'installment_number', type: 'int' }) installmentNumber: number;
  @Column(money) principal: Decimal;
  @Column(money) interest: Decimal;
  @Column({ name: 'cancelled_interest', ...money }) cancelledInterest: Decimal;
}
