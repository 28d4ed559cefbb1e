import {
  CallHandler,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { Actor } from '@qollqa/contracts';
import { FastifyRequest } from 'fastify';
import { catchError, finalize, from, Observable, of, switchMap, throwError } from 'rxjs';
import { IdempotencyException, IdempotencyExceptionCode as Code } from './idempotency.exception';
import { IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * `Idempotency-Key` on every POST (API.md): the same key with the same body returns the first
 * response again and does nothing new; with another body → 422; while the first is still running
 * → 409. Keys belong to the caller (a user, an enterprise, or anonymous for sign-in). Answers that a
 * retry might change (5xx, 503, 429) are not kept. While a request runs it renews its key's lease;
 * a gateway that dies mid-request stops renewing, and a retry takes the key over within seconds.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
      throw new IdempotencyException(
        Code.KeyInvalid,
        'Idempotency-Key must be 1 to 200 characters',
      );
    }
    const principal = request.actor ? `${request.actor.role}:${request.actor.id}` : 'anonymous';
    const hash = IdempotencyService.requestHash(request.method, request.url, request.body);

    return from(this.idempotency.claim(principal, key, hash)).pipe(
      switchMap((claim) => {
        switch (claim.outcome) {
          case 'mismatch':
            throw new IdempotencyException(
              Code.KeyReused,
              'This Idempotency-Key was used with a different request',
            );
          case 'in_progress':
            throw new IdempotencyException(
              Code.KeyInProgress,
              'A request with this Idempotency-Key is still being processed',
            );
          case 'unreadable':
            throw new IdempotencyException(
              Code.AnswerUnreadable,
              'This Idempotency-Key was already used; its first answer can no longer be shown',
            );
          case 'replay':
            // A kept refusal holds its code and details: it is said again in this caller's language.
            if (claim.status >= 400) throw new HttpException(claim.body as object, claim.status);
            return of(claim.body);
          case 'claimed': {
            const renewal = setInterval(
              () => void this.idempotency.renew(principal, key).catch(() => undefined),
              Math.max(100, Math.floor(this.idempotency.leaseMs / 3)),
            );
            renewal.unref();
            return next.handle().pipe(
              switchMap((body) => {
                // The status Nest is about to send: the route's @HttpCode, else 201 for a POST.
                const status =
                  this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
                return from(this.idempotency.complete(principal, key, status, body)).pipe(
                  switchMap(() => of(body)),
                );
              }),
              catchError((error) => {
                const status = error instanceof HttpException ? error.getStatus() : 500;
                // A 5xx or a 429 (sign-ins locked for a while) may change on a retry: not kept.
                const settle =
                  status >= 500 || status === HttpStatus.TOO_MANY_REQUESTS
                    ? this.idempotency.release(principal, key)
                    : this.idempotency.complete(
                        principal,
                        key,
                        status,
                        (error as HttpException).getResponse(),
                      );
                return from(settle).pipe(switchMap(() => throwError(() => error)));
              }),
              finalize(() => clearInterval(renewal)),
            );
          }
        }
      }),
    );
  }
}
