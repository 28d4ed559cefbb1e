import { Role } from '@qollqa/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StaffRole = Exclude<Role, 'enterprise'>;
export const STAFF_ROLES: readonly StaffRole[] = ['loan_officer', 'fund_manager', 'admin'];

/** A member of staff: loan officer, fund manager or admin. Families sign in with reference + PIN. */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ unique: true }) username: string;
  /** argon2id (or, until its next sign-in, a bcrypt hash of before); never read unless asked for. */
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column({ type: 'text' }) role: StaffRole;
  @Column({ name: 'display_name' }) displayName: string;
  @Column() active: boolean;
  /**
   * Carried by every access token; a deactivation, a role change or a new password increments it,
   * so every earlier token stops working at once, on every gateway replica.
   */
  @Column({ name: 'token_version', type: 'int' }) tokenVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
}
