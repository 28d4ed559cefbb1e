import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A secret the gateway generated for itself (base64), shared by all its replicas. */
@Entity('gateway_secret')
export class GatewaySecret {
  @PrimaryColumn() name: string;
  @Column() value: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
