import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { isDatabaseUnavailable } from '@qollqa/persistence';
import { FastifyRequest } from 'fastify';
import { EdgeException, EdgeExceptionCode as Code } from './edge.exception';
import { ErrorBody, isErrorBody, statusText } from './error-body';
import { ErrorRenderer } from './error-renderer';
import { preferredLanguage } from './language';
import { RouteTable } from './route-table';
import { MAX_BODY_BYTES } from './strict-json';
import { ValidationFailedException } from './validation-failed.exception';

/** Seconds a client is told to wait before trying a 503 again (Retry-After). */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

/** Fastify's own refusals (body parsing, limits), as the contract's codes. */
const FASTIFY_ERRORS: Record<string, (request: FastifyRequest) => ErrorBody> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    body(
      new EdgeException(Code.BodyTooLarge, 'The body is too large', {
        limitKiB: MAX_BODY_BYTES / 1024,
      }),
    ),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (request) =>
    body(
      new EdgeException(Code.UnsupportedMediaType, 'Unsupported content type', {
        contentType: String(request.headers['content-type'] ?? ''),
      }),
    ),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    body(new EdgeException(Code.MalformedJson, 'The body is empty')),
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    body(new EdgeException(Code.MalformedJson, 'The body is not valid JSON')),
};

/**
 * Every error answer of the public API, whatever raised it (a feature's code, validation, the body
 * parser, an unknown route, a service over request–reply, a bug): API.md's shape with a stable code
 * and the message in the caller's language (`Accept-Language`, Spanish by default). Unexpected
 * errors are logged with their stack and answered as a plain 500; a database that cannot be reached
 * is 503, and every 503 says when to try again (Retry-After).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  constructor(
    private readonly renderer: ErrorRenderer,
    private readonly routes: RouteTable,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const response = http.getResponse();
    const adapter = this.adapterHost.httpAdapter;
    const error = this.describe(exception, request);
    // An answer already under way (a stream that failed midway) cannot be replaced by an error.
    if ((response as { sent?: boolean }).sent) return;
    if (error.allow) adapter.setHeader(response, 'Allow', error.allow.join(', '));
    if (error.body.statusCode === 503) {
      adapter.setHeader(response, 'Retry-After', String(RETRY_AFTER_UNAVAILABLE_SECONDS));
    }
    const rendered = this.renderer.render(
      error.body,
      preferredLanguage(request.headers['accept-language']),
    );
    adapter.reply(response, rendered, rendered.statusCode);
  }

  private describe(
    exception: unknown,
    request: FastifyRequest,
  ): { body: ErrorBody; allow?: string[] } {
    if (!(exception instanceof HttpException) && isDatabaseUnavailable(exception)) {
      this.logger.warn(
        `Database unavailable on ${request.method} ${request.url}: ${(exception as Error)?.message}`,
      );
      return {
        body: body(
          new EdgeException(
            Code.ServiceUnavailable,
            'The service cannot reach its database right now; try again shortly',
          ),
        ),
      };
    }
    if (!(exception instanceof HttpException)) {
      this.logger.error(
        `Unhandled error on ${request.method} ${request.url}: ${(exception as Error)?.stack ?? exception}`,
      );
      return { body: body(new EdgeException(Code.InternalError, 'Internal server error')) };
    }
    const fastifyCode = (exception.cause as { code?: string } | undefined)?.code;
    if (fastifyCode && FASTIFY_ERRORS[fastifyCode]) {
      return { body: FASTIFY_ERRORS[fastifyCode](request) };
    }
    // A path the web UI's file server will not look up ("..", a name too long): no such route.
    const staticForbidden = fastifyCode === 'FST_STATIC_FORBIDDEN_PATH';
    if (staticForbidden || (exception instanceof NotFoundException && isRouteNotFound(exception))) {
      return this.routeNotFound(request);
    }
    const response = exception.getResponse();
    const status = exception.getStatus();
    if (isErrorBody(response) && response.code) {
      return { body: { ...response, statusCode: status } };
    }
    // Nest's ParseUUIDPipe, in a route that does not use UuidPipe yet.
    if (status === 400 && /uuid is expected/.test(exception.message)) {
      return { body: body(new ValidationFailedException([{ path: 'id', constraint: 'isUuid' }])) };
    }
    // A plain Nest exception: the code and message of its status (in English, its own text).
    return {
      body: {
        statusCode: status,
        message: isErrorBody(response) ? response.message : exception.message,
        error: statusText(status),
      },
    };
  }

  private routeNotFound(request: FastifyRequest): { body: ErrorBody; allow?: string[] } {
    const path = request.url.split('?')[0];
    const allowed = this.routes.methodsFor(path);
    const params = { method: request.method, path };
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return {
        body: body(
          new EdgeException(Code.MethodNotAllowed, `${request.method} not allowed on ${path}`, {
            ...params,
            allowed: allowed.join(', '),
          }),
        ),
        allow: allowed,
      };
    }
    return {
      body: body(new EdgeException(Code.RouteNotFound, `Cannot ${request.method} ${path}`, params)),
    };
  }
}

/** Nest's answer for a path no route matches ("Cannot GET /api/x"), as opposed to a feature's 404. */
function isRouteNotFound(exception: NotFoundException): boolean {
  const response = exception.getResponse();
  return !(isErrorBody(response) && response.code) && /^Cannot [A-Z]+ /.test(exception.message);
}

function body(exception: HttpException): ErrorBody {
  return exception.getResponse() as ErrorBody;
}
