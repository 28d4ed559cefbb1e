import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthException, AuthExceptionCode as Code } from './auth.exception';

/** Five wrong attempts within 15 minutes lock the account (username or reference) for 15 minutes. */
export const MAX_FAILURES = 5;
const WINDOW = '15 minutes';

/**
 * Counts failed sign-ins per account in the database, so the limit holds across gateway replicas.
 * A 6-digit PIN can't resist guessing on its own: this is what protects it.
 */
@Injectable()
export class LoginAttemptsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertNotLocked(key: string): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
       FROM login_attempt WHERE key = $1 AND locked_until > now()`,
      [key],
    );
    if (row) {
      const minutes = Math.ceil(row.seconds / 60);
      throw new AuthException(
        Code.TooManyAttempts,
        `Too many failed attempts: try again in ${minutes} minutes`,
        { count: minutes },
      );
    }
  }

  async recordFailure(key: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_attempt AS a (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN a.window_started_at < now() - interval '${WINDOW}' THEN 1 ELSE a.failures + 1 END,
         window_started_at = CASE WHEN a.window_started_at < now() - interval '${WINDOW}' THEN now() ELSE a.window_started_at END,
         locked_until = CASE WHEN a.window_started_at >= now() - interval '${WINDOW}' AND a.failures + 1 >= $2
                             THEN now() + interval '${WINDOW}' ELSE a.locked_until END`,
      [key, MAX_FAILURES],
    );
  }

  async recordSuccess(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_attempt WHERE key = $1', [key]);
  }
}
