import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CredentialHasher } from '@qollqa/platform';
import { Repository } from 'typeorm';
import { User } from '../entities/user.entity';

/**
 * Writes a user's new password (an admin's reset or the user's own change) and increments its token
 * version in the same statement: every token issued before stops working.
 */
@Injectable()
export class PasswordStore {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: CredentialHasher,
  ) {}

  /** The user with its new token version, or null when there is no such user. */
  async replace(id: string, password: string): Promise<User | null> {
    const passwordHash = await this.hasher.hash(password);
    const result = await this.users
      .createQueryBuilder()
      .update()
      .set({ passwordHash, tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id })
      .execute();
    return result.affected ? this.users.findOneBy({ id }) : null;
  }
}
