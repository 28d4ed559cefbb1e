import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum EmergencyExceptionCode {
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  /** declaredOn after the business date: an emergency is declared for what has happened. */
  DeclaredAfterBusinessDate = 'DECLARED_AFTER_BUSINESS_DATE',
  /** The same Idempotency-Key again with another emergency (the gateway may have forgotten the key). */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
}

const STATUS: Record<EmergencyExceptionCode, HttpStatus> = {
  [EmergencyExceptionCode.RoleNotAllowed]: HttpStatus.FORBIDDEN,
  [EmergencyExceptionCode.DeclaredAfterBusinessDate]: HttpStatus.UNPROCESSABLE_ENTITY,
  [EmergencyExceptionCode.IdempotencyKeyReused]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** Every refusal of an emergency's declaration. */
export class EmergencyException extends codedException(STATUS) {}
