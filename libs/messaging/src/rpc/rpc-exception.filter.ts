import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { toRpcErrorBody } from './rpc-error';

/**
 * For request–reply and event handlers: every exception leaves the service as Nest's HTTP error
 * shape (statusCode, message, error), so the gateway can answer with the same status, and the event
 * transport can tell a bad event (4xx: dead-letter it) from a passing failure (retry). Unexpected
 * errors are logged here with their stack and leave as a plain 500.
 */
@Catch()
export class RpcExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'rpc') throw exception;
    if (!(exception instanceof HttpException)) {
      this.logger.error(
        `Unhandled error in a message handler: ${(exception as Error)?.stack ?? exception}`,
      );
    }
    return throwError(() => toRpcErrorBody(exception));
  }
}
