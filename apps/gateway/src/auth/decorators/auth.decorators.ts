import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor, Role } from '@qollqa/contracts';
import { FastifyRequest } from 'fastify';

export const ROLES = 'roles';

export { IS_PUBLIC, Public } from '@qollqa/platform';

/** The roles allowed on a route; any other role gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Every role of staff (not a family). */
export const STAFF: Role[] = ['loan_officer', 'fund_manager', 'admin'];

/** The authenticated caller, as the services receive it. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest().actor;
});

/** The client's address: the socket's, or X-Forwarded-For's when the proxy is trusted (TRUST_PROXY). */
export const ClientAddress = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    return context.switchToHttp().getRequest<FastifyRequest>().ip;
  },
);
