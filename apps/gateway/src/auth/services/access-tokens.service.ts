import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthenticatedEnterprise } from '@qollqa/contracts';
import { User } from '../../users/entities/user.entity';
import { TokenDto } from '../dtos/login.dto';
import { TokenClaims } from '../guards/auth.guard';

const STAFF_TOKEN_TTL = '8h';
const ENTERPRISE_TOKEN_TTL = '2h';

/**
 * Signs access tokens. A staff token carries its user's token version (see StaffSessions). The
 * `name` claim stays the username (or the reference): it is who the audit trail names. The answer
 * also carries the name to greet the person with (`displayName`), which the token does not.
 */
@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  async forStaff(
    user: Pick<User, 'id' | 'username' | 'role' | 'tokenVersion' | 'displayName'>,
  ): Promise<TokenDto> {
    const claims: TokenClaims = {
      sub: user.id,
      name: user.username,
      role: user.role,
      ver: user.tokenVersion,
    };
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn: STAFF_TOKEN_TTL }),
      role: user.role,
      displayName: user.displayName || user.username,
    };
  }

  /**
   * A family's token: it opens only its own applications and loans. `displayName` is the
   * enterprise's name when it is known, else its reference.
   */
  async forEnterprise(
    enterprise: AuthenticatedEnterprise,
    displayName?: string,
  ): Promise<TokenDto> {
    const claims: TokenClaims = {
      sub: enterprise.enterpriseId,
      name: enterprise.reference,
      role: 'enterprise',
      enterpriseId: enterprise.enterpriseId,
    };
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn: ENTERPRISE_TOKEN_TTL }),
      role: 'enterprise',
      displayName: displayName || enterprise.reference,
    };
  }
}
