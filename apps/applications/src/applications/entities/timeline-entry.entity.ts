import { ApplicationStatus, TimelineDetail } from '@qollqa/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of the status timeline the enterprise sees: who moved it, when and why. */
@Entity('application_timeline')
export class TimelineEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'text' }) status: ApplicationStatus;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column() by: string;
  /** A person's own words, or the English text the system wrote (then `noteBySystem`). */
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'note_by_system', type: 'boolean', default: false }) noteBySystem: boolean;
  /** What the system did at this step, coded (a TimelineDetail); null for a person's own step. */
  @Column({ type: 'jsonb', nullable: true }) detail: TimelineDetail | null;
}
