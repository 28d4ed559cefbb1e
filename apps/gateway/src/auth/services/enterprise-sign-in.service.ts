import { errorPart as part } from '@qollqa/platform';
import { Injectable } from '@nestjs/common';
import {
  ApplicationsRpc,
  AuthenticatedEnterprise,
  AuthenticateEnterpriseCommand,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { AuthException, AuthExceptionCode } from '../auth.exception';
import { EnterpriseLoginDto, TokenDto } from '../dtos/login.dto';
import { AccessTokens } from './access-tokens.service';
import { SignInLimits } from './sign-in-limits.service';

/**
 * POST /api/auth/enterprise: a family signs in with its reference and PIN, which the applications
 * service checks. A 6-digit PIN can't resist guessing on its own: the sign-in limits protect it.
 */
@Injectable()
export class EnterpriseSignInService {
  constructor(
    private readonly limits: SignInLimits,
    private readonly rpc: RpcClient,
    private readonly tokens: AccessTokens,
  ) {}

  async execute({ reference, pin }: EnterpriseLoginDto, address: string): Promise<TokenDto> {
    const account = `reference:${reference.trim().toUpperCase()}`;
    const enterprise = await this.limits.attempt({ account, address }, () =>
      this.authenticate({ reference, pin }),
    );
    if (!enterprise) {
      throw new AuthException(AuthExceptionCode.BadCredentials, 'Reference or PIN is not correct', [
        part(AuthExceptionCode.BadCredentials, 'pin'),
      ]);
    }
    return this.tokens.forEnterprise(enterprise);
  }

  /** The enterprise, or null for a wrong reference or PIN (the service answers 401). */
  private async authenticate(
    command: AuthenticateEnterpriseCommand,
  ): Promise<AuthenticatedEnterprise | null> {
    try {
      return await this.rpc.request<AuthenticatedEnterprise, AuthenticateEnterpriseCommand>(
        ApplicationsRpc.AuthenticateEnterprise,
        command,
      );
    } catch (err) {
      if ((err as { getStatus?: () => number }).getStatus?.() === 401) return null;
      throw err;
    }
  }
}
