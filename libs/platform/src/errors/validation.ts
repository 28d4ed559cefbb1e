import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationFailedException } from './validation-failed.exception';

/**
 * The one validation policy of every edge, HTTP bodies and NATS messages alike: unknown fields are
 * refused (not silently dropped), payloads become their DTO classes, failures are a 400
 * VALIDATION_FAILED that names each field's most basic broken rule (at most MAX_REPORTED_ISSUES
 * fields).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Target and value let the messages find the decorator's limits and tell a missing field from
    // a wrong one; neither leaves the process (the messages never echo a value).
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => ValidationFailedException.fromValidationErrors(errors),
  });
}

/** A path parameter that must be a UUID (`@Param('id', UuidPipe)`): else 400 VALIDATION_FAILED. */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !isUUID(value)) {
      throw new ValidationFailedException([{ path: metadata.data ?? 'id', constraint: 'isUuid' }]);
    }
    return value;
  }
}
