import { ApplicationStatus } from '@qollqa/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of the status timeline the enterprise sees: who moved it, when and why. */
@Entity('application_timeline')
export class TimelineEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'text' }) status: ApplicationStatus;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column() by: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
}
