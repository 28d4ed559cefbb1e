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

  /**
   * The staff member's display name while the token stands, else null. The name comes with the
   * check so that an answer naming only the one asking needs no second read (StaffNames.fill).
   */
  async current(userId: string, tokenVersion: number): Promise<string | null> {
    const rows: { display_name: string }[] = await this.dataSource.query(
      'SELECT display_name FROM app_user WHERE id = $1 AND active AND token_version = $2',
      [userId, tokenVersion],
    );
    return rows[0]?.display_name ?? null;
  }
}
