import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConcurrencyLimit } from '@qollqa/platform';
import { availableParallelism } from 'node:os';
import { DataSource, EntityManager } from 'typeorm';
import { TooManySignInsException } from '../auth.exception';

/** Five failures of one account within 15 minutes lock it for 15 minutes (API.md 429). */
export const ACCOUNT_LIMIT = 5;
/** Twenty failures from one client address within 15 minutes lock its sign-ins for 15 minutes. */
export const ADDRESS_LIMIT = 20;
/** The window sign-in attempts are counted over (an SQL interval). */
export const SIGN_IN_WINDOW = `interval '15 minutes'`;
/** Refused only because other attempts of the account are still being compared: soon decided. */
const IN_FLIGHT_RETRY_SECONDS = 1;

/**
 * How an attempt went: the value `evaluate` gave, or null for bad credentials with the failures
 * left before a lock — the smaller of the account's and the address's, never negative.
 */
export type SignInOutcome<T> = { value: T } | { value: null; attemptsLeft: number };

export interface SignInKeys {
  /** `user:<username>` or `reference:<reference>`, whether or not such an account exists. */
  account: string;
  /** The client's address, as the trusted proxies report it. */
  address: string;
}

/**
 * Sign-in limits counted in the database, so they hold across gateway replicas.
 *
 * - An account's attempt is counted — reserved as `pending` — before its password or PIN is
 *   compared, under the account's advisory lock: of 30 wrong PINs arriving at once, 5 are compared
 *   and 25 refused with 429, exactly, on any number of replicas. A success clears the account.
 * - A client address counts its failures (an office or a mobile network's shared address signs
 *   many people in at once, so attempts in flight are not held against it); the 20th locks it.
 */
@Injectable()
export class SignInLimits {
  /**
   * Sign-ins checked at once by this replica: enough to keep every hashing core busy. A burst waits
   * here in memory, holding no database connection, so it never crowds out the pool (and /health).
   */
  private readonly inFlight = new ConcurrencyLimit(2 * availableParallelism());

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `evaluate` (the password or PIN check: a value, or null for bad credentials) unless the
   * account or the address is locked or the account has no attempt left, and counts a null as a
   * failure of both. An error of `evaluate` (a service down) counts as nothing.
   */
  attempt<T>(keys: SignInKeys, evaluate: () => Promise<T | null>): Promise<SignInOutcome<T>> {
    return this.inFlight.run(() => this.checked(keys, evaluate));
  }

  private async checked<T>(
    keys: SignInKeys,
    evaluate: () => Promise<T | null>,
  ): Promise<SignInOutcome<T>> {
    const address = `address:${keys.address}`;
    const reserved = await this.reserve(keys.account, address);
    let result: T | null;
    try {
      result = await evaluate();
    } catch (err) {
      await this.dataSource.query('DELETE FROM sign_in_attempt WHERE id = $1', [reserved]);
      throw err;
    }
    if (result === null) {
      return {
        value: null,
        attemptsLeft: await this.recordFailure(keys.account, address, reserved),
      };
    }
    await this.recordSuccess(keys.account, reserved);
    return { value: result };
  }

  /** A pending attempt of the account, or 429 (locked, or no attempt left in the window). */
  private reserve(account: string, address: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const addressState = await this.state(manager, address);
      if (addressState.locked_for !== null) {
        throw new TooManySignInsException(addressState.locked_for, addressState.locked_until!);
      }
      if (addressState.failed >= ADDRESS_LIMIT) {
        throw new TooManySignInsException(addressState.failed_frees_in, addressState.frees_at);
      }
      await this.lock(manager, [account]);
      const state = await this.state(manager, account);
      if (state.locked_for !== null) {
        throw new TooManySignInsException(state.locked_for, state.locked_until!);
      }
      if (state.failed >= ACCOUNT_LIMIT) {
        throw new TooManySignInsException(state.failed_frees_in, state.frees_at);
      }
      if (state.failed + state.pending >= ACCOUNT_LIMIT) {
        throw new TooManySignInsException(IN_FLIGHT_RETRY_SECONDS);
      }
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO sign_in_attempt (key, at, outcome) VALUES ($1, clock_timestamp(), 'pending') RETURNING id`,
        [account],
      );
      return row.id;
    });
  }

  /**
   * The account's attempt failed, and one more failure from the address; a full key is locked.
   * Returns the failures left before a lock, counted under both keys' locks: the account's limit
   * less its failures and the attempts of it still being compared (each of those may fail too),
   * and the address's limit less its failures; the smaller, and never below zero.
   */
  private async recordFailure(account: string, address: string, reserved: string): Promise<number> {
    const attemptsLeft = await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, [account, address]);
      await manager.query(`UPDATE sign_in_attempt SET outcome = 'failed' WHERE id = $1`, [
        reserved,
      ]);
      await manager.query(
        `INSERT INTO sign_in_attempt (key, at, outcome) VALUES ($1, clock_timestamp(), 'failed')`,
        [address],
      );
      for (const [key, limit] of [
        [account, ACCOUNT_LIMIT],
        [address, ADDRESS_LIMIT],
      ] as const) {
        await manager.query(
          `INSERT INTO sign_in_lock (key, locked_until)
           SELECT $1, clock_timestamp() + ${SIGN_IN_WINDOW}
           WHERE (SELECT count(*) FROM sign_in_attempt
                  WHERE key = $1 AND outcome = 'failed' AND at > clock_timestamp() - ${SIGN_IN_WINDOW}) >= $2
           ON CONFLICT (key) DO UPDATE SET locked_until = EXCLUDED.locked_until`,
          [key, limit],
        );
      }
      const [accountState, addressState] = [
        await this.state(manager, account),
        await this.state(manager, address),
      ];
      if (accountState.locked_for !== null || addressState.locked_for !== null) return 0;
      return Math.max(
        0,
        Math.min(
          ACCOUNT_LIMIT - accountState.failed - accountState.pending,
          ADDRESS_LIMIT - addressState.failed,
        ),
      );
    });
    // Attempts out of the window and expired locks count for nothing any more.
    await this.dataSource.query(
      `DELETE FROM sign_in_attempt WHERE at < clock_timestamp() - ${SIGN_IN_WINDOW}`,
    );
    await this.dataSource.query('DELETE FROM sign_in_lock WHERE locked_until < clock_timestamp()');
    return attemptsLeft;
  }

  /** The right password: the account's failures are forgotten (its address's are not). */
  private async recordSuccess(account: string, reserved: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lock(manager, [account]);
      await manager.query(
        `DELETE FROM sign_in_attempt WHERE id = $1 OR (key = $2 AND outcome = 'failed')`,
        [reserved, account],
      );
      await manager.query('DELETE FROM sign_in_lock WHERE key = $1', [account]);
    });
  }

  /**
   * A key's lock (seconds left, and when it ends), its failed and pending attempts within the
   * window, and when its oldest failure leaves the window (seconds, and the time).
   */
  private async state(manager: EntityManager, key: string) {
    const [state] = await manager.query<
      {
        locked_for: number | null;
        locked_until: Date | null;
        failed: number;
        pending: number;
        failed_frees_in: number;
        frees_at: Date;
      }[]
    >(
      `SELECT lock_.locked_for, lock_.locked_until, window_.failed, window_.pending,
              greatest(1, ceil(extract(epoch FROM window_.oldest + ${SIGN_IN_WINDOW} - now_.at)))::int
                AS failed_frees_in,
              greatest(now_.at + interval '1 second', window_.oldest + ${SIGN_IN_WINDOW}) AS frees_at
       FROM (SELECT clock_timestamp() AS at) now_
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE a.outcome = 'failed')::int AS failed,
                count(*) FILTER (WHERE a.outcome = 'pending')::int AS pending,
                min(a.at) FILTER (WHERE a.outcome = 'failed') AS oldest
         FROM sign_in_attempt a WHERE a.key = $1 AND a.at > now_.at - ${SIGN_IN_WINDOW}) window_
       LEFT JOIN LATERAL (
         SELECT ceil(extract(epoch FROM l.locked_until - now_.at))::int AS locked_for,
                l.locked_until
         FROM sign_in_lock l WHERE l.key = $1 AND l.locked_until > now_.at) lock_ ON true`,
      [key],
    );
    return state;
  }

  /** Transaction-scoped advisory locks of the keys, always taken in the same (sorted) order. */
  private async lock(manager: EntityManager, keys: string[]): Promise<void> {
    for (const key of [...keys].sort()) {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `sign-in:${key}`,
      ]);
    }
  }
}
