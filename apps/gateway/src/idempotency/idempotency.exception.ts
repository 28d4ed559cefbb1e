import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum IdempotencyExceptionCode {
  KeyInvalid = 'IDEMPOTENCY_KEY_INVALID',
  KeyReused = 'IDEMPOTENCY_KEY_REUSED',
  KeyInProgress = 'IDEMPOTENCY_KEY_IN_PROGRESS',
  AnswerUnreadable = 'IDEMPOTENCY_ANSWER_UNREADABLE',
}

const STATUS: Record<IdempotencyExceptionCode, HttpStatus> = {
  [IdempotencyExceptionCode.KeyInvalid]: HttpStatus.BAD_REQUEST,
  [IdempotencyExceptionCode.KeyReused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [IdempotencyExceptionCode.KeyInProgress]: HttpStatus.CONFLICT,
  [IdempotencyExceptionCode.AnswerUnreadable]: HttpStatus.CONFLICT,
};

export class IdempotencyException extends codedException(STATUS) {}
