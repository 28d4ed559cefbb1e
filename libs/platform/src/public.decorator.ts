import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'isPublic';
/** The OpenAPI extension that marks a route open to anyone (its `security` is then empty). */
export const X_PUBLIC = 'x-public';

/** A route anyone may call without a token (sign-in, /health, /metrics). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(X_PUBLIC, true));
