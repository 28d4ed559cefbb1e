import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum BusinessCalendarExceptionCode {
  /** Retryable: the repayment service announces its date at its first start. */
  DateUnknown = 'BUSINESS_DATE_UNKNOWN',
}

const STATUS: Record<BusinessCalendarExceptionCode, HttpStatus> = {
  [BusinessCalendarExceptionCode.DateUnknown]: HttpStatus.SERVICE_UNAVAILABLE,
};

export class BusinessCalendarException extends codedException(STATUS) {}
