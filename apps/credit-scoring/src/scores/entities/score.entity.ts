import { Decimal } from '@qollqa/money';
import { decimalTransformer } from '@qollqa/persistence';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ScoreFactor, ScoreInput } from '../../scoring/scorecard';

/** A score of one submission of an application, with the inputs and the scorecard that made it. */
@Entity('score')
export class Score {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'int' }) submission: number;
  @Column({ name: 'scorecard_version' }) scorecardVersion: string;
  @Column({ type: 'jsonb' }) inputs: ScoreInput;
  @Column({ type: 'int' }) value: number;
  @Column() grade: string;
  @Column() recommendation: string;
  @Column({ type: 'text', array: true }) reasons: string[];
  @Column({ type: 'jsonb' }) factors: ScoreFactor[];
  @Column({ type: 'numeric', transformer: decimalTransformer }) installment: Decimal;
  @Column({ name: 'net_surplus', type: 'numeric', transformer: decimalTransformer })
  netSurplus: Decimal;
  @Column({ name: 'max_affordable_amount', type: 'numeric', transformer: decimalTransformer })
  maxAffordableAmount: Decimal;
  /** TCEA of the quote for the requested amount (4 places); null on scores made before it. */
  @Column({ type: 'numeric', nullable: true }) tcea: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
