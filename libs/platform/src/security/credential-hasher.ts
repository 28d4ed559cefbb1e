import { Injectable } from '@nestjs/common';
import { hash, Options, parseOptions, verify } from '@node-rs/argon2';
import { compare } from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { ConcurrencyLimit } from './concurrency-limit';

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). `@node-rs/argon2` hashes on
 * libuv's thread pool, so a burst of sign-ins never blocks the event loop.
 */
export const ARGON2_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;
const ARGON2ID = 2; // Algorithm.Argon2id: an ambient const enum, which isolated modules can't read

/** A bcrypt hash, as the project stored passwords and PINs before argon2. */
const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$/;

/**
 * Hashes and checks passwords and PINs. Hashes written before argon2 (bcrypt) still verify, and
 * `needsRehash` tells the caller to replace them with an argon2id hash at the next successful sign-in.
 */
@Injectable()
export class CredentialHasher {
  /**
   * Hashes running at once: as many as the machine has cores, not libuv's 4 threads — more hashing
   * threads than cores starve the event loop (the database driver, /health) during a burst of
   * sign-ins. The others wait their turn here, holding nothing.
   */
  private readonly limit = new ConcurrencyLimit(availableParallelism());
  private dummy?: Promise<string>;

  hash(secret: string): Promise<string> {
    return this.limit.run(() => hash(secret, { ...ARGON2_OPTIONS, algorithm: ARGON2ID }));
  }

  /** Whether `secret` matches `stored`; false for a stored value that is no hash at all. */
  async verify(stored: string, secret: string): Promise<boolean> {
    if (BCRYPT_HASH.test(stored)) return compare(secret, stored);
    try {
      return await this.limit.run(() => verify(stored, secret));
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of a real check when there is nothing to check against (an unknown username or
   * reference), so a failure does not tell whether the account exists. Always false.
   */
  async verifyNothing(secret: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    await this.verify(await this.dummy, secret);
    return false;
  }

  /** A hash that is not argon2id with the current parameters (bcrypt, or older settings). */
  needsRehash(stored: string): boolean {
    if (BCRYPT_HASH.test(stored)) return true;
    try {
      const options = parseOptions(stored);
      return (
        options.algorithm !== ARGON2ID ||
        options.memoryCost !== ARGON2_OPTIONS.memoryCost ||
        options.timeCost !== ARGON2_OPTIONS.timeCost ||
        options.parallelism !== ARGON2_OPTIONS.parallelism
      );
    } catch {
      return true;
    }
  }
}
