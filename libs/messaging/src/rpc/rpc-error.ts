import { HttpException, HttpStatus } from '@nestjs/common';
import { isDatabaseUnavailable } from '@qollqa/persistence';
import type { ErrorBody, ErrorDetail } from '@qollqa/platform';

/**
 * What a failed request–reply call carries back to the caller: Nest's HTTP error shape with the
 * service's code and the details the gateway renders in the caller's language.
 */
export interface RpcErrorBody extends ErrorBody {
  /** For an unexpected error: what it said, for the service's own logs and dead letters only. */
  cause?: string;
}

export function isRpcErrorBody(value: unknown): value is RpcErrorBody {
  const candidate = value as RpcErrorBody;
  return typeof candidate?.statusCode === 'number' && candidate.message !== undefined;
}

/** Turns anything a handler threw into the error body a caller can map back to an HTTP status. */
export function toRpcErrorBody(exception: unknown): RpcErrorBody {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const status = exception.getStatus();
    if (typeof response === 'object' && response !== null) {
      const body = response as Partial<RpcErrorBody>;
      return {
        statusCode: status,
        message: body.message ?? exception.message,
        error: body.error ?? HttpStatus[status] ?? 'Error',
        ...(body.code ? { code: body.code } : {}),
        ...(body.details ? { details: body.details } : {}),
      };
    }
    return { statusCode: status, message: String(response), error: exception.name };
  }
  // The service's database is restarting or failing over: the caller may try again (503).
  if (isDatabaseUnavailable(exception)) {
    return {
      statusCode: 503,
      message: 'The service cannot reach its database right now; try again shortly',
      error: 'Service Unavailable',
      code: 'SERVICE_UNAVAILABLE',
      cause: String((exception as Error)?.message ?? exception),
    };
  }
  return {
    statusCode: 500,
    message: 'Internal server error',
    error: 'Internal Server Error',
    code: 'INTERNAL_ERROR',
    cause: String((exception as Error)?.message ?? exception),
  };
}

/** Rebuilds, on the caller's side, the HttpException a service answered with (code included). */
export function fromRpcErrorBody({ cause: _cause, ...body }: RpcErrorBody): HttpException {
  return new HttpException(body, body.statusCode);
}

/** The gateway's 503 when a service does not answer (SERVICE_TIMEOUT, SERVICE_UNREACHABLE). */
export function serviceUnavailable(
  code: 'SERVICE_TIMEOUT' | 'SERVICE_UNREACHABLE',
  service: string,
  message: string,
): HttpException {
  const details: ErrorDetail[] = [{ key: `errors.${code}`, params: { service } }];
  return new HttpException(
    { statusCode: 503, message, error: 'Service Unavailable', code, details },
    HttpStatus.SERVICE_UNAVAILABLE,
  );
}
