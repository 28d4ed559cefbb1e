import { Role } from '@qollqa/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StaffRole = Exclude<Role, 'enterprise'>;

/** A member of staff: loan officer, fund manager or admin. Families sign in with reference + PIN. */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ unique: true }) username: string;
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column({ type: 'text' }) role: StaffRole;
  @Column({ name: 'full_name' }) fullName: string;
  @Column() active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
