import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ApplicationsRpc,
  AuthenticatedEnterprise,
  AuthenticateEnterpriseCommand,
} from '@qollqa/contracts';
import { RpcClient } from '@qollqa/messaging';
import { errorPart as part } from '@qollqa/platform';
import { UsersService } from '../users/users.service';
import { AuthException, AuthExceptionCode as Code } from './auth.exception';
import { EnterpriseLoginDto, LoginDto, TokenDto } from './dtos/login.dto';
import { TokenClaims } from './guards/auth.guard';
import { LoginAttemptsService } from './login-attempts.service';

const STAFF_TOKEN_TTL = '8h';
const ENTERPRISE_TOKEN_TTL = '2h';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly attempts: LoginAttemptsService,
    private readonly jwt: JwtService,
    private readonly rpc: RpcClient,
  ) {}

  async login({ username, password }: LoginDto): Promise<TokenDto> {
    const key = `user:${username.trim().toLowerCase()}`;
    await this.attempts.assertNotLocked(key);
    const user = await this.users.verify(username, password);
    if (!user) {
      await this.attempts.recordFailure(key);
      throw new AuthException(Code.BadCredentials, 'Username or password is not correct', [
        part(Code.BadCredentials, 'password'),
      ]);
    }
    await this.attempts.recordSuccess(key);
    const claims: TokenClaims = { sub: user.id, name: user.username, role: user.role };
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn: STAFF_TOKEN_TTL }),
      role: user.role,
    };
  }

  /** A family's sign-in: the token opens only its own applications and loans. */
  async loginEnterprise({ reference, pin }: EnterpriseLoginDto): Promise<TokenDto> {
    const key = `reference:${reference.trim().toUpperCase()}`;
    await this.attempts.assertNotLocked(key);
    let enterprise: AuthenticatedEnterprise;
    try {
      enterprise = await this.rpc.request<AuthenticatedEnterprise, AuthenticateEnterpriseCommand>(
        ApplicationsRpc.AuthenticateEnterprise,
        { reference, pin },
      );
    } catch (err) {
      if ((err as { getStatus?: () => number }).getStatus?.() === 401) {
        await this.attempts.recordFailure(key);
        throw new AuthException(Code.BadCredentials, 'Reference or PIN is not correct', [
          part(Code.BadCredentials, 'pin'),
        ]);
      }
      throw err;
    }
    await this.attempts.recordSuccess(key);
    const claims: TokenClaims = {
      sub: enterprise.enterpriseId,
      name: enterprise.reference,
      role: 'enterprise',
      enterpriseId: enterprise.enterpriseId,
    };
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn: ENTERPRISE_TOKEN_TTL }),
      role: 'enterprise',
    };
  }
}
