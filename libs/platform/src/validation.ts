import { ValidationPipe } from '@nestjs/common';

/**
 * The one validation policy of every edge, HTTP bodies and NATS messages alike: unknown fields are
 * refused (not silently dropped), payloads become their DTO classes, failures are a 400 that lists
 * every problem.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
  });
}
