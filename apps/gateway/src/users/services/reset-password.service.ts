import { Injectable } from '@nestjs/common';
import { toUserView, UserView } from '../dtos/user.dtos';
import { UsersException, UsersExceptionCode as Code } from '../users.exception';
import { PasswordStore } from './password-store.service';

/** POST /api/users/{id}/password: an admin sets a user's password; its earlier tokens stop working. */
@Injectable()
export class ResetPasswordService {
  constructor(private readonly passwords: PasswordStore) {}

  async execute(id: string, password: string): Promise<UserView> {
    const user = await this.passwords.replace(id, password);
    if (!user) throw new UsersException(Code.NotFound, 'No such user');
    return toUserView(user);
  }
}
