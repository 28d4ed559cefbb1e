import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('login_attempt')
export class LoginAttempt {
  @PrimaryColumn() key: string;
  @Column({ type: 'int' }) failures: number;
  @Column({ name: 'window_started_at', type: 'timestamptz' }) windowStartedAt: Date;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
}
