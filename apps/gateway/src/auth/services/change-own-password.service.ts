import { errorPart as part } from '@qollqa/platform';
import { Injectable } from '@nestjs/common';
import { Actor } from '@qollqa/contracts';
import { PasswordStore } from '../../users/services/password-store.service';
import { StaffCredentials } from '../../users/services/staff-credentials.service';
import { AuthException, AuthExceptionCode, BadSignInException } from '../auth.exception';
import { ChangePasswordDto, TokenDto } from '../dtos/login.dto';
import { AccessTokens } from './access-tokens.service';
import { SignInLimits } from './sign-in-limits.service';

/**
 * POST /api/auth/password: a member of staff changes its own password. The current password is
 * checked under the sign-in limits (a stolen token must not become a way to guess it). Every
 * earlier token stops working; the answer carries a new one, so the user stays signed in.
 */
@Injectable()
export class ChangeOwnPasswordService {
  constructor(
    private readonly limits: SignInLimits,
    private readonly credentials: StaffCredentials,
    private readonly passwords: PasswordStore,
    private readonly tokens: AccessTokens,
  ) {}

  async execute(actor: Actor, body: ChangePasswordDto, address: string): Promise<TokenDto> {
    const outcome = await this.limits.attempt({ account: `user:${actor.name}`, address }, () =>
      this.credentials.confirm(actor.id, body.currentPassword),
    );
    if (outcome.value === null) {
      throw new BadSignInException(
        'The current password is not correct',
        [part(AuthExceptionCode.BadCredentials, 'currentPassword')],
        outcome.attemptsLeft,
      );
    }
    const user = await this.passwords.replace(actor.id, body.newPassword);
    if (!user) {
      throw new AuthException(
        AuthExceptionCode.BadCredentials,
        'The current password is not correct',
        [part(AuthExceptionCode.BadCredentials, 'currentPassword')],
      );
    }
    return this.tokens.forStaff(user);
  }
}
