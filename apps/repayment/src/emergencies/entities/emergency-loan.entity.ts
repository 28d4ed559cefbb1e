import { ReprogrammingRefusal } from '@qollqa/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An open loan an emergency found in its districts, with what became of it: `pending` until its own
 * transaction reprograms it (`reprogrammed`, with the reprogramming) or skips it (`skipped`, why).
 */
@Entity('emergency_loan')
export class EmergencyLoan {
  @PrimaryColumn({ name: 'emergency_id', type: 'uuid' }) emergencyId: string;
  @PrimaryColumn({ name: 'loan_id', type: 'uuid' }) loanId: string;
  @Column() reference: string;
  @Column({ type: 'text' }) outcome: 'pending' | 'reprogrammed' | 'skipped';
  @Column({ type: 'text', nullable: true }) why: ReprogrammingRefusal | null;
  @Column({ name: 'reprogramming_id', type: 'uuid', nullable: true })
  reprogrammingId: string | null;
}
