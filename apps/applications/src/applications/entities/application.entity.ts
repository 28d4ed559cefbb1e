import { ApplicationStatus, DecisionKind, ScoreView } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';
import { decimalTransformer } from '@qollqa/persistence';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Enterprise } from '../../enterprises/entities/enterprise.entity';

const money = { type: 'numeric' as const, transformer: decimalTransformer };

@Entity('application')
export class Application {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ unique: true }) reference: string;
  /** argon2id hash of the 6-digit PIN (bcrypt until its next sign-in); the PIN is shown once, never stored. */
  @Column({ name: 'pin_hash', select: false }) pinHash: string;

  @Column({ name: 'enterprise_id', type: 'uuid' }) enterpriseId: string;
  @ManyToOne(() => Enterprise, { eager: true })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise: Enterprise;

  @Column({ name: 'product_code' }) productCode: string;
  @Column({ type: 'text' }) status: ApplicationStatus;
  /** Counts submissions: a resubmission after a request for information is scored anew. */
  @Column({ type: 'int' }) submission: number;

  @Column(money) amount: Decimal;
  @Column({ name: 'term_months', type: 'int' }) termMonths: number;
  @Column({ name: 'grace_months', type: 'int' }) graceMonths: number;
  @Column() purpose: string;
  @Column({ name: 'collateral_value', ...money }) collateralValue: Decimal;
  @Column({ name: 'innovation_description', type: 'text', nullable: true }) innovationDescription:
    string | null;
  @Column({ name: 'innovation_cost', ...money, nullable: true }) innovationCost: Decimal | null;
  @Column({ name: 'grant_requested', ...money }) grantRequested: Decimal;

  @Column({ name: 'monthly_revenue', ...money }) monthlyRevenue: Decimal;
  @Column({ name: 'monthly_costs', ...money }) monthlyCosts: Decimal;
  @Column({ name: 'household_expenses', ...money }) householdExpenses: Decimal;
  @Column({ name: 'other_debt_payments', ...money }) otherDebtPayments: Decimal;

  @Column({ type: 'jsonb', nullable: true }) score: ScoreView | null;

  @Column({ type: 'text', nullable: true }) decision: DecisionKind | null;
  @Column({ name: 'decided_amount', ...money, nullable: true }) decidedAmount: Decimal | null;
  @Column({ name: 'decided_term_months', type: 'int', nullable: true }) decidedTermMonths:
    number | null;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason: string | null;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true }) decidedById: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'second_approval_by', type: 'text', nullable: true }) secondApprovalBy:
    string | null;
  @Column({ name: 'second_approval_by_id', type: 'uuid', nullable: true }) secondApprovalById:
    string | null;

  @Column({ name: 'loan_id', type: 'uuid', nullable: true }) loanId: string | null;
  /** Grows by one with every event about the application: its events' aggregateVersion. */
  @Column({ type: 'int', default: 0 }) version: number;

  @Column({ name: 'created_by_id', type: 'uuid' }) createdById: string;
  /** Username of the loan officer who registered it: the loan's officer on the collection sheet. */
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
