import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RepaymentHistory } from '../../scoring/scorecard';

/** What the fund knows of an enterprise's past loans: the scorecard's repayment-history factor. */
@Entity('credit_history')
export class CreditHistory {
  @PrimaryColumn({ name: 'enterprise_id', type: 'uuid' }) enterpriseId: string;
  @Column({ name: 'loans_repaid', type: 'int' }) loansRepaid: number;
  @Column({ name: 'max_days_past_due', type: 'int' }) maxDaysPastDue: number;

  /** SPEC.md: any arrears above 30 days past due, or all repaid on time, or no history. */
  static classify(history: CreditHistory | null): RepaymentHistory {
    if (!history) return 'none';
    if (history.maxDaysPastDue > 30) return 'arrears';
    return history.loansRepaid > 0 ? 'on_time' : 'none';
  }
}
