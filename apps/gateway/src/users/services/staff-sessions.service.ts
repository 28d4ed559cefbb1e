import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from '../entities/user.entity';

/**
 * Whether a staff token still stands: its user is active and its token version is the user's
 * current one. Read from the database on every request, so a deactivation or a new password through
 * one gateway replica is seen by all of them at once (one primary-key read).
 */
@Injectable()
export class StaffSessions {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  isCurrent(userId: string, tokenVersion: number): Promise<boolean> {
    return this.users.existsBy({ id: userId, active: true, tokenVersion });
  }
}
