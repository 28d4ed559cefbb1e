import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** A route anyone may call without a token (sign-in, /health, /metrics). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
