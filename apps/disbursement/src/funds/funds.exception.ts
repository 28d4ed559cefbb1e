import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum FundsExceptionCode {
  ReferenceReused = 'FUND_REFERENCE_REUSED',
}

const STATUS: Record<FundsExceptionCode, HttpStatus> = {
  [FundsExceptionCode.ReferenceReused]: HttpStatus.CONFLICT,
};

/** Refusals of a fund movement (capital, budget). */
export class FundsException extends codedException(STATUS) {}
