import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Scorecard } from '../../scoring/scorecard';

@Entity('scorecard')
export class ScorecardRecord {
  @PrimaryColumn() version: string;
  @Column({ type: 'jsonb' }) definition: Scorecard;
  @Column() active: boolean;
}
