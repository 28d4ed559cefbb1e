import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Actor, Role, ROLES as ALL_ROLES } from '@qollqa/contracts';
import { StaffSessions } from '../../users/services/staff-sessions.service';
import { AuthException, AuthExceptionCode as Code } from '../auth.exception';
import { IS_PUBLIC, ROLES } from '../decorators/auth.decorators';

export interface TokenClaims {
  sub: string;
  name: string;
  role: Role;
  /** A staff token's version: it stands while it equals its user's (see StaffSessions). */
  ver?: number;
  enterpriseId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Global guard: every route needs a valid bearer token unless marked @Public, and the token's role
 * must be one the route allows (@Roles). Missing or bad token → 401; wrong role → 403. A staff
 * token also needs its user active and its token version current, read from the database on every
 * request: a deactivation or a new password takes effect at once on every replica.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: StaffSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const [scheme, token] = String(request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token)
      throw new AuthException(Code.TokenRequired, 'A bearer token is required');
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new AuthException(Code.TokenInvalid, 'The token is not valid or has expired');
    }
    const stands = await this.stands(claims);
    if (stands === false) {
      throw new AuthException(Code.TokenInvalid, 'The token is not valid or has expired');
    }
    const actor: Actor = {
      id: claims.sub,
      name: claims.name,
      role: claims.role,
      enterpriseId: claims.enterpriseId,
    };
    request.actor = actor;
    if (typeof stands === 'string') request.actorDisplayName = stands;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(actor.role)) {
      throw new AuthException(
        Code.RoleNotAllowed,
        `This action is not allowed for the role ${actor.role}`,
        { role: actor.role },
      );
    }
    return true;
  }

  /**
   * A well-formed token of a family (true), or of a member of staff that is still active at that
   * version (their display name); false otherwise.
   */
  private async stands(claims: TokenClaims): Promise<boolean | string> {
    if (!UUID.test(String(claims.sub)) || typeof claims.name !== 'string') return false;
    if (!ALL_ROLES.includes(claims.role)) return false;
    if (claims.role === 'enterprise') return claims.enterpriseId === claims.sub;
    if (!Number.isInteger(claims.ver)) return false;
    const displayName = await this.sessions.current(claims.sub, claims.ver!);
    return displayName === null ? false : displayName;
  }
}
