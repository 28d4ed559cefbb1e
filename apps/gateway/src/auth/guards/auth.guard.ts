import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Actor, Role } from '@qollqa/contracts';
import { AuthException, AuthExceptionCode as Code } from '../auth.exception';
import { IS_PUBLIC, ROLES } from '../decorators/auth.decorators';

export interface TokenClaims {
  sub: string;
  name: string;
  role: Role;
  enterpriseId?: string;
}

/**
 * Global guard: every route needs a valid bearer token unless marked @Public, and the token's role
 * must be one the route allows (@Roles). Missing or bad token → 401; wrong role → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
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
    const actor: Actor = {
      id: claims.sub,
      name: claims.name,
      role: claims.role,
      enterpriseId: claims.enterpriseId,
    };
    request.actor = actor;

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
}
