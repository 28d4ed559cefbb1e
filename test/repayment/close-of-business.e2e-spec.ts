import { CloseBusinessDay } from '../../apps/repayment/src/close-of-business/close-business-day';
import { disburseLoan } from '../support/loan-factory';
import { TestSystem } from '../support/test-system';
import { RepaymentApi, startRepaymentSystem, Tokens } from './repayment-api';

describe('The business date and the close of business', () => {
  let system: TestSystem;
  let tokens: Tokens;
  let api: RepaymentApi;

  beforeAll(async () => {
    ({ system, tokens } = await startRepaymentSystem('close', '2026-01-15'));
    api = new RepaymentApi(system, tokens);
  });
  afterAll(() => system?.close());

  const businessDate = async (token = tokens.officer) =>
    (
      await system
        .http()
        .get('/api/admin/business-date')
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body;
  const closes = () =>
    system.query<{ business_date: string; previous: string }>(
      `SELECT business_date::text, previous_business_date::text AS previous
       FROM repayment.business_day_close ORDER BY business_date`,
    );
  const dayEvents = () =>
    api.events<{ businessDate: string; previousBusinessDate: string | null }>(
      'business_day.closed',
    );

  it('starts at BUSINESS_DATE_START and announces it once, even after a restart', async () => {
    expect(await businessDate()).toEqual({ businessDate: '2026-01-15' });
    await system.stopService('repayment');
    await system.startService('repayment');
    expect(await dayEvents()).toEqual([{ businessDate: '2026-01-15', previousBusinessDate: null }]);
  });

  it('any staff role reads the business date; an enterprise may not', async () => {
    expect(await businessDate(tokens.manager)).toEqual({ businessDate: '2026-01-15' });
    expect(await businessDate(tokens.admin)).toEqual({ businessDate: '2026-01-15' });
    await system.http().get('/api/admin/business-date').expect(401);
  });

  it('only an admin runs the close; a bad date is a 400', async () => {
    await api.closeOfBusiness('2026-01-16', tokens.officer).expect(403);
    await api.closeOfBusiness('2026-01-16', tokens.manager).expect(403);
    await api.closeOfBusiness('2026-02-30').expect(400);
    await api.closeOfBusiness('tomorrow').expect(400);
    await system
      .http()
      .post('/api/admin/close-of-business')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({})
      .expect(400);
    expect(await closes()).toEqual([]);
  });

  it('closes every date up to the one asked, each once, announcing each in order', async () => {
    const response = await api.closeOfBusiness('2026-01-18').expect(200);
    expect(response.body).toEqual({ businessDate: '2026-01-18' });
    expect(await closes()).toEqual([
      { business_date: '2026-01-16', previous: '2026-01-15' },
      { business_date: '2026-01-17', previous: '2026-01-16' },
      { business_date: '2026-01-18', previous: '2026-01-17' },
    ]);
    expect((await dayEvents()).slice(1)).toEqual([
      { businessDate: '2026-01-16', previousBusinessDate: '2026-01-15' },
      { businessDate: '2026-01-17', previousBusinessDate: '2026-01-16' },
      { businessDate: '2026-01-18', previousBusinessDate: '2026-01-17' },
    ]);
  });

  it('the current date again is a no-op; an earlier date is a 409', async () => {
    await api.closeOfBusiness('2026-01-18').expect(200, { businessDate: '2026-01-18' });
    const past = await api.closeOfBusiness('2026-01-17').expect(409);
    expect(past.body).toMatchObject({ code: 'DATE_ALREADY_CLOSED' });
    expect(past.body.message).toMatch(/anterior a la fecha de operaciones 2026-01-18/);
    expect(await closes()).toHaveLength(3);
  });

  it('two closes at once serialise: each date is closed once', async () => {
    const [a, b] = await Promise.all([
      api.closeOfBusiness('2026-01-25'),
      api.closeOfBusiness('2026-01-25'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const dates = (await closes()).map((c) => c.business_date);
    expect(dates).toHaveLength(10);
    expect(new Set(dates).size).toBe(10);
    expect(dates.at(-1)).toBe('2026-01-25');
    expect((await dayEvents()).map((e) => e.businessDate)).toEqual(['2026-01-15', ...dates]);
  });

  /**
   * The loan of the delinquency suite (PEN 4,321.09, TEA 18 %, 12 months, disbursed 2026-01-15):
   * one clean run gives, at the close of 2026-05-15, DPD 89 and moratory interest 16.20; on
   * 2026-05-16 DPD 90, the claim for 0.70 × 4321.09 = 3024.76, moratory 16.56; then 0.36 a day.
   */
  it('a close that crashes half-way is rolled back, and the next run gives the clean result', async () => {
    const { loanId } = await disburseLoan(system, tokens.officer, { principal: '4321.09' });
    await api.closeTo('2026-05-14');

    // The second date of the next run (2026-05-16) fails after all its work: as if the process
    // died before the commit.
    const closeDay = system.app('repayment').get(CloseBusinessDay);
    const recordClose = closeDay.recordClose.bind(closeDay);
    let dates = 0;
    const crash = jest
      .spyOn(closeDay, 'recordClose')
      .mockImplementation(async (...args: Parameters<CloseBusinessDay['recordClose']>) => {
        await recordClose(...args);
        if (++dates === 2) throw new Error('simulated crash before the commit');
      });
    await api.closeOfBusiness('2026-05-20').expect(500);
    crash.mockRestore();

    // 2026-05-15 stayed closed; 2026-05-16 left no trace.
    expect(await businessDate()).toEqual({ businessDate: '2026-05-15' });
    expect(await api.loan(loanId)).toMatchObject({
      status: 'active',
      daysPastDue: 89,
      moratoryInterestDue: '16.20',
    });
    expect(await api.events('loan.claimed', loanId)).toEqual([]);
    expect((await closes()).at(-1)?.business_date).toBe('2026-05-15');

    // Run again: 2026-05-16 … 20 as one clean run. 16.56 + 4 × 0.36 = 18.00
    await api.closeOfBusiness('2026-05-20').expect(200, { businessDate: '2026-05-20' });
    expect(await api.loan(loanId)).toMatchObject({
      status: 'claimed',
      claimedOn: '2026-05-16',
      claimAmount: '3024.76',
      daysPastDue: 94,
      classification: 'dudoso',
      moratoryInterestDue: '18.00',
    });
    expect(await api.events('loan.claimed', loanId)).toEqual([
      expect.objectContaining({ businessDate: '2026-05-16', claimAmount: '3024.76' }),
    ]);
    const crossings = await api.events<{ daysPastDue: number }>('loan.delinquency_changed', loanId);
    expect(crossings.map((c) => c.daysPastDue)).toEqual([2, 9, 31, 61, 91]);
    const dayDates = (await dayEvents()).map((e) => e.businessDate);
    expect(dayDates.filter((d) => d === '2026-05-16')).toHaveLength(1);
    expect(new Set(dayDates).size).toBe(dayDates.length);
  });
});
