import { HttpException, HttpStatus } from '@nestjs/common';

/** What a failed request–reply call carries back to the caller: Nest's HTTP error shape. */
export interface RpcErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
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
      };
    }
    return { statusCode: status, message: String(response), error: exception.name };
  }
  return {
    statusCode: 500,
    message: 'Internal server error',
    error: 'Internal Server Error',
    cause: String((exception as Error)?.message ?? exception),
  };
}

/** Rebuilds, on the caller's side, the HttpException a service answered with. */
export function fromRpcErrorBody(body: RpcErrorBody): HttpException {
  return new HttpException(
    { statusCode: body.statusCode, message: body.message, error: body.error },
    body.statusCode,
  );
}
