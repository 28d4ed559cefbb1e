import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An account or client address whose sign-ins are refused until `lockedUntil` (429). */
@Entity('sign_in_lock')
export class SignInLock {
  @PrimaryColumn() key: string;
  @Column({ name: 'locked_until', type: 'timestamptz' }) lockedUntil: Date;
}
