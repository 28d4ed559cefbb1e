import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Actor, Role } from '@qollqa/contracts';

export const ROLES = 'roles';
/** The OpenAPI extension that lists a route's roles (the document says them in its description). */
export const X_ROLES = 'x-roles';

export { IS_PUBLIC, Public } from '@qollqa/platform';

/** The roles allowed on a route; any other role gets 403. The OpenAPI document lists them. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES, roles), ApiExtension(X_ROLES, roles));

/** The authenticated caller, as the services receive it. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest().actor;
});
