import { ReprogrammingReason, ValueChain } from '@qollqa/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A declared emergency: its districts (and value chains) and the terms every loan there gets. */
@Entity('emergency')
export class Emergency {
  @PrimaryColumn('uuid') id: string;
  @Column() name: string;
  @Column({ name: 'declared_on', type: 'date' }) declaredOn: string;
  @Column({ type: 'text', array: true }) municipalities: string[];
  @Column({ name: 'value_chains', type: 'text', array: true, nullable: true })
  valueChains: ValueChain[] | null;
  @Column({ type: 'text' }) reason: ReprogrammingReason;
  @Column({ name: 'extension_months', type: 'int' }) extensionMonths: number;
  @Column({ name: 'grace_months', type: 'int' }) graceMonths: number;
  @Column({ name: 'declared_by' }) declaredBy: string;
  @Column({ name: 'declared_by_id', type: 'uuid' }) declaredById: string;
  /** The declaring request's Idempotency-Key: the same key again finishes or repeats this one. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  /** The business date its loans are reprogrammed on. */
  @Column({ name: 'business_date', type: 'date' }) businessDate: string;
  @Column({ type: 'text' }) status: 'in_progress' | 'completed';
  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' }) declaredAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
