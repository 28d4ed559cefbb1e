import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Whether a staff token still stands: its user is active and its token version is the user's
 * current one. Read from the database on every request, so a deactivation or a new password through
 * one gateway replica is seen by all of them at once (one primary-key read, written by hand: it runs
 * on every request, and the ORM's query building cost more than the read).
 */
@Injectable()
export class StaffSessions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isCurrent(userId: string, tokenVersion: number): Promise<boolean> {
    const rows = await this.dataSource.query(
      'SELECT 1 FROM app_user WHERE id = $1 AND active AND token_version = $2',
      [userId, tokenVersion],
    );
    return rows.length > 0;
  }
}
