import { ValueChain } from '@qollqa/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A family enterprise, known by its DNI or RUC; its profile is the one of its latest application. */
@Entity('enterprise')
export class Enterprise {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'document_id', unique: true }) documentId: string;
  @Column() name: string;
  /** The name as search compares it (searchableText: lower case, no accents), kept with the name. */
  @Column({ name: 'search_name', select: false }) searchName: string;
  @Column() municipality: string;
  @Column({ name: 'value_chain', type: 'text' }) valueChain: ValueChain;
  @Column({ name: 'women_led' }) womenLed: boolean;
  @Column({ name: 'association_member' }) associationMember: boolean;
  @Column({ name: 'years_in_activity', type: 'int' }) yearsInActivity: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
