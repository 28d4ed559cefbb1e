import { errorPart as part } from '@qollqa/platform';
import { Injectable } from '@nestjs/common';
import { StaffCredentials } from '../../users/services/staff-credentials.service';
import { AuthExceptionCode, BadSignInException } from '../auth.exception';
import { LoginDto, TokenDto } from '../dtos/login.dto';
import { AccessTokens } from './access-tokens.service';
import { SignInLimits } from './sign-in-limits.service';

/** POST /api/auth/login: a member of staff signs in with username and password. */
@Injectable()
export class StaffSignInService {
  constructor(
    private readonly limits: SignInLimits,
    private readonly credentials: StaffCredentials,
    private readonly tokens: AccessTokens,
  ) {}

  async execute({ username, password }: LoginDto, address: string): Promise<TokenDto> {
    const name = username.trim().toLowerCase();
    const outcome = await this.limits.attempt({ account: `user:${name}`, address }, () =>
      this.credentials.signIn(name, password),
    );
    if (outcome.value === null) {
      throw new BadSignInException(
        'Username or password is not correct',
        [part(AuthExceptionCode.BadCredentials, 'password')],
        outcome.attemptsLeft,
      );
    }
    return this.tokens.forStaff(outcome.value);
  }
}
