import { HttpStatus } from '@nestjs/common';
import { codedException } from '@qollqa/platform';

export enum GuaranteeAnalyticsExceptionCode {
  /** A stress rate that is not a decimal from 0 to 1. */
  StressRateOutOfRange = 'STRESS_RATE_OUT_OF_RANGE',
}

const STATUS: Record<GuaranteeAnalyticsExceptionCode, HttpStatus> = {
  [GuaranteeAnalyticsExceptionCode.StressRateOutOfRange]: HttpStatus.BAD_REQUEST,
};

/** Refusals of the guarantee fund's analytics and stress test. */
export class GuaranteeAnalyticsException extends codedException(STATUS) {}
