import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The single row holding the system's business date: the date of the last close of business. */
@Entity('business_date')
export class BusinessDate {
  @PrimaryColumn({ type: 'boolean', default: true }) id: boolean;
  @Column({ name: 'business_date', type: 'date' }) businessDate: string;
  /** The initial date was published as business_day.closed. */
  @Column() announced: boolean;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
