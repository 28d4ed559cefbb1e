import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { catchError, Observable, throwError } from 'rxjs';

/**
 * Every 429 carries Retry-After (seconds): an error that knows when to come back
 * (`retryAfterSeconds`) sets the header on its way out; the body stays the error handling's.
 */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error) => {
        const seconds = (error as { retryAfterSeconds?: unknown })?.retryAfterSeconds;
        if (typeof seconds === 'number' && context.getType() === 'http') {
          context
            .switchToHttp()
            .getResponse<FastifyReply>()
            .header('Retry-After', String(Math.max(1, Math.ceil(seconds))));
        }
        return throwError(() => error);
      }),
    );
  }
}
