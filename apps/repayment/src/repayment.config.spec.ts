import { loadRepaymentConfig } from './repayment.config';

describe('loadRepaymentConfig', () => {
  it('defaults: today at the first start, the close at midnight in Lima', () => {
    expect(loadRepaymentConfig({})).toEqual({
      businessDateStart: null,
      closeOfBusinessCron: '0 5 * * *',
    });
  });

  it('reads the start date and the schedule', () => {
    expect(
      loadRepaymentConfig({
        BUSINESS_DATE_START: '2026-01-15',
        CLOSE_OF_BUSINESS_CRON: '30 4 * * *',
      }),
    ).toEqual({ businessDateStart: '2026-01-15', closeOfBusinessCron: '30 4 * * *' });
  });

  it('turns the scheduled close off in tests or on request', () => {
    expect(loadRepaymentConfig({ NODE_ENV: 'test' }).closeOfBusinessCron).toBeNull();
    expect(loadRepaymentConfig({ CLOSE_OF_BUSINESS_CRON: 'off' }).closeOfBusinessCron).toBeNull();
  });

  it('fails fast on a bad value, naming it', () => {
    expect(() => loadRepaymentConfig({ BUSINESS_DATE_START: '2026-02-30' })).toThrow(
      /BUSINESS_DATE_START/,
    );
    expect(() => loadRepaymentConfig({ CLOSE_OF_BUSINESS_CRON: 'every day' })).toThrow(
      /CLOSE_OF_BUSINESS_CRON/,
    );
  });
});
