import { EmergencyFaults } from '../../apps/repayment/src/emergencies/emergency-faults';
import { eventually } from '../support/eventually';
import { disburseLoan } from '../support/loan-factory';
import { TestSystem } from '../support/test-system';
import { RepaymentApi, Tokens } from './repayment-api';

/**
 * An emergency (SPEC.md, "Reprogramming"): every eligible loan of its districts reprogrammed in one
 * command, each loan in its own transaction with its own event; idempotent by Idempotency-Key, and
 * finished after the service was stopped half-way — no loan twice, none forgotten.
 *
 * Loans of PEN 6,000.00 over 12 months disbursed 2026-01-15. The late ones never pay: at the
 * business date 2026-03-20 they are 33 days past due. The others paid installment 1.
 */
describe('Emergencies', () => {
  let system: TestSystem;
  let tokens: Tokens;
  let api: RepaymentApi;

  const declare = (body: Record<string, unknown>, key?: string, token = tokens.manager) => {
    const request = system.http().post('/api/emergencies').set('Authorization', `Bearer ${token}`);
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };
  const frost = (municipalities: string[], name = 'Heladas de marzo') => ({
    name,
    declaredOn: '2026-03-18',
    municipalities,
    reason: 'climate_event',
    extensionMonths: 3,
    graceMonths: 1,
  });
  /** How many times each loan was reprogrammed, and its loan.reprogrammed events. */
  const reprogrammings = async (loanIds: string[]) =>
    system.query<{ loan_id: string; reprogrammings: number; events: number }>(
      `SELECT l.id AS loan_id, l.reprogrammings,
              (SELECT count(*)::int FROM repayment.outbox o
               WHERE o.type = 'loan.reprogrammed' AND o.envelope->>'aggregateId' = l.id::text) AS events
       FROM repayment.loan l WHERE l.id = ANY($1::uuid[]) ORDER BY l.id`,
      [loanIds],
    );
  const open = async (municipality: string, late = false) => {
    const { loanId } = await disburseLoan(system, tokens.officer, {
      municipality,
      termMonths: 12,
      disbursedOn: '2026-01-15',
    });
    if (!late) paying.push(loanId);
    return loanId;
  };
  const paying: string[] = [];
  /** The database's order of UUIDs: their hex digits compared one by one. */
  const byLoanId = (a: { loan_id: string }, b: { loan_id: string }) =>
    a.loan_id < b.loan_id ? -1 : a.loan_id > b.loan_id ? 1 : 0;

  const district = { ccatca: { eligible: '', late: '' } };
  const anta: string[] = [];
  let antaLate = '';
  const pomacanchi: string[] = [];
  let elsewhere = '';

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-01-15';
    system = await TestSystem.start({ services: ['gateway', 'repayment'], label: 'emergencies' });
    const [officer, manager, admin] = await Promise.all([
      system.token('officer'),
      system.token('manager'),
      system.token('admin'),
    ]);
    tokens = { officer, manager, admin };
    api = new RepaymentApi(system, tokens);
    district.ccatca.eligible = await open('Ccatca');
    district.ccatca.late = await open('Ccatca', true);
    for (let n = 0; n < 3; n++) anta.push(await open('Anta'));
    antaLate = await open('Anta', true);
    for (let n = 0; n < 2; n++) pomacanchi.push(await open('Pomacanchi'));
    elsewhere = await open('Ocongate');
    await api.closeTo('2026-02-15');
    for (const loanId of paying) {
      const loan = await api.loan(loanId);
      await api
        .repay(loanId, {
          amount: loan.nextInstallment.amountDue,
          paidOn: '2026-02-15',
          externalRef: `RCPT-${loanId.slice(0, 8)}`,
        })
        .expect(201);
    }
    await api.closeTo('2026-03-20');
  });
  afterAll(() => system?.close());

  it('reprograms the eligible loan of the district and lists the late one with why', async () => {
    const { body } = await declare(frost(['ccatca']), 'frost-ccatca').expect(201);
    expect(body).toEqual({
      id: expect.any(String),
      name: 'Heladas de marzo',
      declaredOn: '2026-03-18',
      municipalities: ['ccatca'],
      valueChains: null,
      reason: 'climate_event',
      extensionMonths: 3,
      graceMonths: 1,
      declaredBy: 'manager',
      declaredAt: expect.any(String),
      businessDate: '2026-03-20',
      status: 'completed',
      reprogrammed: [district.ccatca.eligible],
      skipped: [
        {
          loanId: district.ccatca.late,
          reference: (await api.loan(district.ccatca.late)).reference,
          why: 'TOO_MANY_DAYS_PAST_DUE',
        },
      ],
    });
    const loan = await api.loan(district.ccatca.eligible);
    expect(loan).toMatchObject({
      reprogrammed: true,
      daysPastDue: 0,
      reprogrammings: [
        {
          on: '2026-03-20',
          reason: 'climate_event',
          note: 'Heladas de marzo',
          extensionMonths: 3,
          graceMonths: 1,
          by: 'manager',
          emergencyId: body.id,
        },
      ],
    });
    // 11 installments replaced (2 … 12) + 3: 14 new ones, the first interest only.
    expect(
      loan.schedule.filter((l: { status: string }) => l.status === 'rescheduled'),
    ).toHaveLength(11);
    expect(loan.schedule.slice(12)).toHaveLength(14);
    expect(await api.loan(district.ccatca.late)).toMatchObject({ reprogrammed: false });
    expect(await api.loan(elsewhere)).toMatchObject({ reprogrammed: false });
  });

  it('replayed with its key, returns the same emergency and reprograms nothing again', async () => {
    const first = (await declare(frost(['ccatca']), 'frost-ccatca').expect(201)).body;
    const again = await declare(frost(['ccatca']), 'frost-ccatca').expect(201);
    expect(again.body).toEqual(first);
    expect(await reprogrammings([district.ccatca.eligible])).toEqual([
      { loan_id: district.ccatca.eligible, reprogrammings: 1, events: 1 },
    ]);
    // The same key with another emergency is refused.
    const other = await declare(frost(['Ccatca', 'Anta']), 'frost-ccatca').expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a loan officer (403), a date after the business date (422) and bad terms (400)', async () => {
    await declare(frost(['Anta']), undefined, tokens.officer).expect(403);
    const future = await declare({ ...frost(['Anta']), declaredOn: '2026-03-21' }).expect(422);
    expect(future.body.code).toBe('DECLARED_AFTER_BUSINESS_DATE');
    await declare({ ...frost(['Anta']), graceMonths: 4 }).expect(400);
    await declare({ ...frost(['Anta']), municipalities: [] }).expect(400);
    await declare({ ...frost(['Anta']), valueChains: ['coffee'] }).expect(400);
    expect(await reprogrammings(anta)).toEqual(
      anta.map((loanId) => ({ loan_id: loanId, reprogrammings: 0, events: 0 })).sort(byLoanId),
    );
  });

  it('stopped half-way, the same request again finishes it: no loan twice, none forgotten', async () => {
    // The service dies once the first loan's transaction has committed.
    system.app('repayment').get(EmergencyFaults).arm('after-loan', 1);
    await declare(frost(['Anta'], 'Heladas en Anta'), 'frost-anta').expect(500);
    const [half] = await system.query<{ status: string; done: number; pending: number }>(
      `SELECT e.status,
              count(*) FILTER (WHERE el.outcome <> 'pending')::int AS done,
              count(*) FILTER (WHERE el.outcome = 'pending')::int AS pending
       FROM repayment.emergency e JOIN repayment.emergency_loan el ON el.emergency_id = e.id
       WHERE e.name = 'Heladas en Anta' GROUP BY e.status`,
    );
    expect(half).toEqual({ status: 'in_progress', done: 1, pending: 3 });

    await system.stopService('repayment');
    await system.startService('repayment');
    const { body } = await declare(frost(['Anta'], 'Heladas en Anta'), 'frost-anta').expect(201);
    expect(body.status).toBe('completed');
    expect([...body.reprogrammed].sort()).toEqual([...anta].sort());
    expect(body.skipped).toEqual([
      expect.objectContaining({ loanId: antaLate, why: 'TOO_MANY_DAYS_PAST_DUE' }),
    ]);
    expect(await reprogrammings(anta)).toEqual(
      anta.map((loanId) => ({ loan_id: loanId, reprogrammings: 1, events: 1 })).sort(byLoanId),
    );
    // Each loan's event is its own, one version newer than the loan was.
    const versions = await system.query<{
      aggregate: string;
      version: number;
      loan_version: number;
    }>(
      `SELECT o.envelope->>'aggregateId' AS aggregate, (o.envelope->>'aggregateVersion')::int AS version,
              l.version AS loan_version
       FROM repayment.outbox o JOIN repayment.loan l ON l.id::text = o.envelope->>'aggregateId'
       WHERE o.type = 'loan.reprogrammed' AND l.id = ANY($1::uuid[])`,
      [anta],
    );
    expect(versions).toHaveLength(3);
    for (const row of versions) expect(row.version).toBe(row.loan_version);
  });

  it('left half-way with nobody asking again, is finished when the service starts', async () => {
    system.app('repayment').get(EmergencyFaults).arm('after-loan', 1);
    await declare(
      { ...frost(['Pomacanchi'], 'Heladas en Pomacanchi'), valueChains: ['dairy'] },
      'frost-pomacanchi',
    ).expect(500);
    await system.stopService('repayment');
    await system.startService('repayment');
    await eventually(async () => {
      const [row] = await system.query<{ status: string }>(
        `SELECT status FROM repayment.emergency WHERE name = 'Heladas en Pomacanchi'`,
      );
      expect(row.status).toBe('completed');
    });
    expect(await reprogrammings(pomacanchi)).toEqual(
      pomacanchi
        .map((loanId) => ({ loan_id: loanId, reprogrammings: 1, events: 1 }))
        .sort(byLoanId),
    );
  });

  it('lists the emergencies, newest first, for fund managers and admins', async () => {
    const list = await system
      .http()
      .get('/api/emergencies')
      .set('Authorization', `Bearer ${tokens.admin}`)
      .expect(200);
    expect(list.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(list.body.items.map((e: { name: string }) => e.name)).toEqual([
      'Heladas en Pomacanchi',
      'Heladas en Anta',
      'Heladas de marzo',
    ]);
    expect(list.body.items.every((e: { status: string }) => e.status === 'completed')).toBe(true);
    await system
      .http()
      .get('/api/emergencies')
      .set('Authorization', `Bearer ${tokens.officer}`)
      .expect(403);
  });
});
