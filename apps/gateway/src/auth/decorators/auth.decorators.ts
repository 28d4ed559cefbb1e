import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Actor, Role } from '@qollqa/contracts';

export const ROLES = 'roles';

export { IS_PUBLIC, Public } from '@qollqa/platform';

/** The roles allowed on a route; any other role gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The authenticated caller, as the services receive it. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest().actor;
});
