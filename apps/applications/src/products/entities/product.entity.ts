import { Decimal } from '@qollqa/money';
import { decimalTransformer } from '@qollqa/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A credit product: its rates and limits are data (SPEC.md, "Money rules"). */
@Entity('product')
export class Product {
  @PrimaryColumn() code: string;
  @Column() name: string;
  @Column({ type: 'numeric', transformer: decimalTransformer }) tea: Decimal;
  @Column({ name: 'moratory_tea', type: 'numeric', transformer: decimalTransformer })
  moratoryTea: Decimal;
  @Column({ name: 'min_amount', type: 'numeric', transformer: decimalTransformer })
  minAmount: Decimal;
  @Column({ name: 'max_amount', type: 'numeric', transformer: decimalTransformer })
  maxAmount: Decimal;
  @Column({ name: 'min_term_months', type: 'int' }) minTermMonths: number;
  @Column({ name: 'max_term_months', type: 'int' }) maxTermMonths: number;
  @Column({ name: 'max_grace_months', type: 'int' }) maxGraceMonths: number;
  /** Approvals above this amount need a fund manager's second approval. */
  @Column({ name: 'second_approval_above', type: 'numeric', transformer: decimalTransformer })
  secondApprovalAbove: Decimal;
  /** Innovation grant: at most this share of the innovation's cost… */
  @Column({ name: 'max_grant_share', type: 'numeric', transformer: decimalTransformer })
  maxGrantShare: Decimal;
  /** …and at most this amount per enterprise. */
  @Column({ name: 'max_grant', type: 'numeric', transformer: decimalTransformer })
  maxGrant: Decimal;
  @Column({ name: 'is_default' }) isDefault: boolean;
}
