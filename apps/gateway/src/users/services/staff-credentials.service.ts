import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CredentialHasher } from '@qollqa/platform';
import { FindOptionsWhere, Repository } from 'typeorm';
import { User } from '../entities/user.entity';

const WITH_HASH = {
  id: true,
  username: true,
  role: true,
  displayName: true,
  active: true,
  tokenVersion: true,
  passwordHash: true,
} as const;

/**
 * Checks a member of staff's password. An unknown user costs the same time as a known one, and an
 * inactive user is refused like a wrong password. A hash of before (bcrypt) is replaced with argon2id
 * after it matched.
 */
@Injectable()
export class StaffCredentials {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: CredentialHasher,
  ) {}

  /** A sign-in: the active user with these credentials (its last sign-in recorded), or null. */
  signIn(username: string, password: string): Promise<User | null> {
    return this.check({ username }, password, true);
  }

  /** The active user `id` if `password` is its password (a change of its own password), or null. */
  confirm(id: string, password: string): Promise<User | null> {
    return this.check({ id }, password, false);
  }

  private async check(
    where: FindOptionsWhere<User>,
    password: string,
    signIn: boolean,
  ): Promise<User | null> {
    const user = await this.users.findOne({ where, select: WITH_HASH });
    if (!user) return this.hasher.verifyNothing(password).then(() => null);
    if (!(await this.hasher.verify(user.passwordHash, password)) || !user.active) return null;

    const rehash = this.hasher.needsRehash(user.passwordHash)
      ? await this.hasher.hash(password)
      : undefined;
    if (rehash || signIn) {
      // Only if the hash is still the one just checked: a new password set meanwhile stays.
      await this.users
        .createQueryBuilder()
        .update()
        .set({
          ...(rehash ? { passwordHash: rehash } : {}),
          ...(signIn ? { lastLoginAt: () => 'now()' } : {}),
        })
        .where('id = :id AND password_hash = :checked', { id: user.id, checked: user.passwordHash })
        .execute();
    }
    return user;
  }
}
