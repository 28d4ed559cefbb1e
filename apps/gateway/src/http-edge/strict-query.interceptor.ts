import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { assertCleanQuery, ValidationFailedException } from '@qollqa/platform';
import { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';

/**
 * Query strings are held to the body's rules (API.md: unknown query keys are refused, not
 * ignored): no control characters, no inherited keys (`constructor`, `__proto__`, which
 * class-validator's whitelist would let through), and no keys at all on a route that takes no
 * query. A route's query DTO then refuses the keys it does not declare.
 */
@Injectable()
export class StrictQueryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const query = (context.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as Record<
      string,
      unknown
    >;
    assertCleanQuery(query);
    const keys = Object.keys(query);
    if (keys.length > 0 && !takesQuery(context)) {
      throw new ValidationFailedException(
        keys.map((key) => ({ path: key, constraint: 'whitelistValidation' })),
      );
    }
    return next.handle();
  }
}

/** Whether the route's handler has a `@Query()` parameter. */
function takesQuery(context: ExecutionContext): boolean {
  const args: Record<string, unknown> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
}
