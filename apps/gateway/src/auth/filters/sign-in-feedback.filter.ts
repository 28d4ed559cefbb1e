import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  ErrorRenderer,
  HttpErrorFilter,
  isErrorBody,
  preferredLanguage,
  RouteTable,
} from '@qollqa/platform';
import { FastifyRequest } from 'fastify';
import { SignInErrorBody, SignInFeedback } from '../auth.exception';

/**
 * The sign-in routes' error answers: the contract's shape `{ statusCode, message, error, code }`,
 * said in the caller's language as every error is, plus what a person needs to know next — the
 * failures left before a lock (`attemptsLeft`, 401) and when a lock ends (`retryAt`, 429). The
 * fields come from the error's body, so an Idempotency-Key replay of a refusal shows them too.
 * Every other error goes to the API's own error handling unchanged.
 */
@Injectable()
@Catch()
export class SignInFeedbackFilter implements ExceptionFilter {
  private readonly errors: HttpErrorFilter;

  constructor(
    private readonly renderer: ErrorRenderer,
    routes: RouteTable,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.errors = new HttpErrorFilter(renderer, routes, adapterHost);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const feedback = host.getType() === 'http' ? feedbackOf(exception) : null;
    if (!feedback) return this.errors.catch(exception, host);
    const http = host.switchToHttp();
    const response = http.getResponse();
    if ((response as { sent?: boolean }).sent) return;
    const error = exception as HttpException;
    const body = { ...(error.getResponse() as SignInErrorBody), statusCode: error.getStatus() };
    const rendered = this.renderer.render(
      body,
      preferredLanguage(http.getRequest<FastifyRequest>().headers['accept-language']),
    );
    this.adapterHost.httpAdapter.reply(response, { ...rendered, ...feedback }, rendered.statusCode);
  }
}

/** The feedback a coded 401 or 429 carries, or null for any other error. */
function feedbackOf(exception: unknown): SignInFeedback | null {
  if (!(exception instanceof HttpException)) return null;
  const body = exception.getResponse() as SignInErrorBody;
  if (!isErrorBody(body) || !body.code) return null;
  const status = exception.getStatus();
  if (status === 401 && Number.isInteger(body.attemptsLeft) && body.attemptsLeft! >= 0) {
    return { attemptsLeft: body.attemptsLeft };
  }
  if (status === 429 && typeof body.retryAt === 'string' && !isNaN(Date.parse(body.retryAt))) {
    return { retryAt: body.retryAt };
  }
  return null;
}
