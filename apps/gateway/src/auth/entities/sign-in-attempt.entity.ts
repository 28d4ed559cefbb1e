import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One sign-in attempt of an account (`user:<username>`, `reference:<reference>`) or of a client
 * address (`address:<ip>`): `pending` while its password or PIN is being compared, `failed` after.
 * A successful attempt leaves no row. Rows older than the 15-minute window are deleted.
 */
@Entity('sign_in_attempt')
export class SignInAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column() key: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'text' }) outcome: 'pending' | 'failed';
}
