import { applyDecorators, Type } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ErrorResponse } from '@qollqa/contracts';

export interface ApiRouteOptions {
  /** A few words: "Record a repayment". */
  summary: string;
  /** What the route does and the rules a caller must know; the roles are added by @Roles. */
  description?: string;
  /** The success answer: its status (200 unless said) and the class of its body. */
  response: { status?: number; type?: Type<unknown> | [Type<unknown>]; description: string };
  /**
   * The refusals of this route beyond the ones every route has (400, 401, 403 for @Roles, 503,
   * and for a POST 409/422 of Idempotency-Key, 413, 415), each with when it happens:
   * `{ 404: 'No such loan', 409: 'The loan is repaid or written off' }`.
   */
  errors?: Partial<Record<number, string>>;
}

/**
 * Documents a route of the public API in one place: summary, description, its answer's schema and
 * its own refusals (in the contract's error shape). `buildOpenApiDocument` adds what every route
 * shares (roles, security, common errors, Idempotency-Key on POSTs). See README "Documenting a route".
 */
export function ApiRoute({ summary, description, response, errors = {} }: ApiRouteOptions) {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiResponse({
      status: response.status ?? 200,
      type: response.type,
      description: response.description,
    }),
    ...Object.entries(errors).map(([status, errorDescription]) =>
      ApiResponse({ status: Number(status), type: ErrorResponse, description: errorDescription }),
    ),
  );
}
