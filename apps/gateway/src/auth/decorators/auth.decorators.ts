import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Actor, Role } from '@qollqa/contracts';
import { FastifyRequest } from 'fastify';

export const ROLES = 'roles';
/** The OpenAPI extension that lists a route's roles (the document says them in its description). */
export const X_ROLES = 'x-roles';

export { IS_PUBLIC, Public } from '@qollqa/platform';

/** The roles allowed on a route; any other role gets 403. The OpenAPI document lists them. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES, roles), ApiExtension(X_ROLES, roles));

/** Every role of staff (not a family). */
export const STAFF: Role[] = ['loan_officer', 'fund_manager', 'admin'];

/** The authenticated caller, as the services receive it. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest().actor;
});

/**
 * The names the gateway already knows for this request: the staff member asking, by username, with
 * their display name (read with the session check). Empty for a family's token.
 */
export const KnownStaffNames = createParamDecorator(
  (_: unknown, context: ExecutionContext): ReadonlyMap<string, string> => {
    const request = context.switchToHttp().getRequest();
    return typeof request.actorDisplayName === 'string'
      ? new Map([[request.actor.name as string, request.actorDisplayName]])
      : new Map();
  },
);

/** The client's address: the socket's, or X-Forwarded-For's when the proxy is trusted (TRUST_PROXY). */
export const ClientAddress = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    return context.switchToHttp().getRequest<FastifyRequest>().ip;
  },
);
