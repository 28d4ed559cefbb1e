import 'reflect-metadata';
import { IsCalendarDate } from '@qollqa/contracts';
import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, ValidateBy, validateSync } from 'class-validator';
import { validateCronExpression } from 'cron';

/** Injection token of the validated RepaymentConfig. */
export const REPAYMENT_CONFIG = Symbol('REPAYMENT_CONFIG');

const IsCronOrOff = () =>
  ValidateBy({
    name: 'isCronOrOff',
    validator: {
      validate: (value: unknown) =>
        value === 'off' || (typeof value === 'string' && validateCronExpression(value).valid),
      defaultMessage: () =>
        'CLOSE_OF_BUSINESS_CRON must be a cron expression (e.g. "0 5 * * *", UTC) or "off"',
    },
  });

/** The variables only the repayment service reads (the shared ones are in @qollqa/config). */
class RepaymentEnvironment {
  /** The business date at the very first start; later starts keep the stored one. */
  @IsOptional()
  @IsCalendarDate({ message: 'BUSINESS_DATE_START must be a real date as YYYY-MM-DD' })
  BUSINESS_DATE_START?: string;

  @IsOptional() @IsString() @IsCronOrOff() CLOSE_OF_BUSINESS_CRON?: string;
}

export interface RepaymentConfig {
  /** null: the current UTC date at the first start. */
  businessDateStart: string | null;
  /** When the scheduled close runs (UTC); null when it is off (always in tests). */
  closeOfBusinessCron: string | null;
}

/** 05:00 UTC is midnight in Lima (UTC−5, no daylight saving time). */
export const DEFAULT_CLOSE_OF_BUSINESS_CRON = '0 5 * * *';

/** Reads and validates the repayment settings; a bad value stops the service at boot. */
export function loadRepaymentConfig(env: NodeJS.ProcessEnv = process.env): RepaymentConfig {
  const vars = plainToInstance(RepaymentEnvironment, {
    BUSINESS_DATE_START: env.BUSINESS_DATE_START || undefined,
    CLOSE_OF_BUSINESS_CRON: env.CLOSE_OF_BUSINESS_CRON || undefined,
  });
  const errors = validateSync(vars);
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new Error(`Invalid configuration for repayment:\n  - ${lines.join('\n  - ')}`);
  }
  const cron = vars.CLOSE_OF_BUSINESS_CRON ?? DEFAULT_CLOSE_OF_BUSINESS_CRON;
  return {
    businessDateStart: vars.BUSINESS_DATE_START ?? null,
    closeOfBusinessCron: env.NODE_ENV === 'test' || cron === 'off' ? null : cron,
  };
}
