import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One request that changed something or signed in (every POST and PATCH under /api), accepted or
 * refused. Rows are only ever inserted: the table's triggers refuse UPDATE, DELETE and TRUNCATE.
 */
@Entity('audit_entry')
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Insertion order, the tie-break between rows of the same instant. */
  @Column({ type: 'bigint', insert: false, update: false, select: false }) seq: string;
  /** When the gateway answered. */
  @Column({ type: 'timestamptz' }) at: Date;
  /** The username, an enterprise's reference, or null when no one is known. */
  @Column({ type: 'text', nullable: true }) actor: string | null;
  @Column({ type: 'text', nullable: true }) role: string | null;
  /** The method and the route's template: "POST /api/loans/{id}/repayments". */
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'resource_id', type: 'text', nullable: true }) resourceId: string | null;
  @Column({ name: 'status_code', type: 'integer' }) statusCode: number;
  @Column({ name: 'request_id', type: 'text' }) requestId: string;
}
