import { FundFiguresService } from '../../apps/disbursement/src/funds/services/fund-figures.service';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { businessDayClosed } from '../support/approval-factory';
import { StaffClient } from '../support/staff-client';
import { publishEvents } from '../support/publish-event';
import { TestSystem } from '../support/test-system';

/** From approval to payout through the API: the loan, the fee, the grant and the funds, to the céntimo. */
describe('Disbursement: funds, ledger and payout', () => {
  let system: TestSystem;
  let staff: StaffClient;
  let officer: string;
  let manager: string;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring', 'disbursement'],
      label: 'payout',
    });
    await publishEvents(system, [businessDayClosed('2026-03-02')]);
    staff = await StaffClient.signIn(system);
    ({ officer, manager } = staff.tokens);
    await staff.addGuaranteeCapital('100000.00', 'BN-0001');
    await staff.addInnovationBudget('20000.00', 'MINAGRI-2026-01');
  });
  afterAll(() => system?.close());

  const funds = () => staff.funds();

  /** Registers, waits for the score, approves (and confirms, for a large loan), waits for the payout. */
  async function approveAndDisburse(
    body = applicationBody({ enterprise: { documentId: newDocumentId() } }),
  ) {
    const id = await staff.registerScored(body);
    await staff.approve(id);
    return staff.waitForStatus(id, 'disbursed');
  }

  const disbursedEvent = async (loanId: string) => {
    const [row] = await system.query<{
      envelope: {
        payload: Record<string, unknown> & {
          schedule: { principal: string; installment: string; dueDate: string }[];
        };
      };
    }>(
      `SELECT envelope FROM disbursement.outbox WHERE type = 'loan.disbursed' AND envelope->>'aggregateId' = $1`,
      [loanId],
    );
    return row.envelope.payload;
  };

  it('starts the funds with the capital and budget the fund manager added', async () => {
    expect(await funds()).toEqual({
      guarantee: {
        capital: '100000.00',
        feesEarned: '0.00',
        claimsPaid: '0.00',
        recoveries: '0.00',
        availableCapital: '100000.00',
        exposure: '0.00',
        leverage: '0.00',
        leverageLimit: '4.00',
        headroom: '400000.00',
      },
      innovation: {
        budget: '20000.00',
        committed: '0.00',
        disbursed: '0.00',
        available: '20000.00',
      },
      lendingPool: { disbursed: '0.00', repaidPrincipal: '0.00', outstanding: '0.00' },
    });
  });

  it("pays out API.md's example: fee, grant, schedule and fund figures exactly", async () => {
    const before = await funds();
    const disbursed = await approveAndDisburse(
      applicationBody({ enterprise: { documentId: newDocumentId() } }),
    );
    expect(disbursed.loanId).toEqual(expect.any(String));
    // Guaranteed 0.70 × 6000.00 = 4200.00; fee 1.5 % × 4200.00 = 63.00; paid 6000.00 − 63.00 + grant 3000.00.
    expect(disbursed.timeline.at(-1)).toMatchObject({
      status: 'disbursed',
      by: 'system',
      note: 'Paid out S/ 8937.00 on 2026-03-02: loan S/ 6000.00 less guarantee fee S/ 63.00; with a matching grant of S/ 3000.00',
    });
    const loan = await disbursedEvent(disbursed.loanId);
    expect(loan).toMatchObject({
      principal: '6000.00',
      coverage: '0.70',
      guaranteeFee: '63.00',
      grant: '3000.00',
      payout: '8937.00',
      disbursedOn: '2026-03-02',
      termMonths: 18,
      graceMonths: 0,
      tea: '0.18',
    });
    expect(loan.schedule).toHaveLength(18);
    expect(loan.schedule[0]).toMatchObject({ dueDate: '2026-04-02', installment: '379.03' });
    expect(loan.schedule.at(-1)!.dueDate).toBe('2027-09-02');
    const principalSum = loan.schedule.reduce(
      (sum, line) => sum + Math.round(Number(line.principal) * 100),
      0,
    );
    expect(principalSum).toBe(600000); // céntimos: the parts add up to the principal exactly

    const after = await funds();
    expect(after.guarantee).toMatchObject({
      feesEarned: (Number(before.guarantee.feesEarned) + 63).toFixed(2),
      availableCapital: (Number(before.guarantee.availableCapital) + 63).toFixed(2),
      exposure: (Number(before.guarantee.exposure) + 4200).toFixed(2),
    });
    expect(after.innovation).toMatchObject({
      committed: '0.00',
      disbursed: '3000.00',
      available: '17000.00',
    });
    expect(after.lendingPool).toMatchObject({
      disbursed: '6000.00',
      outstanding: '6000.00',
      repaidPrincipal: '0.00',
    });
  });

  it('covers 50 % of a loan with collateral worth half the amount or more', async () => {
    const disbursed = await approveAndDisburse(
      applicationBody({
        enterprise: { documentId: newDocumentId() },
        request: { amount: '4000.00', collateralValue: '2000.00', innovation: undefined },
      }),
    );
    const loan = await disbursedEvent(disbursed.loanId);
    // 0.50 × 4000.00 = 2000.00 guaranteed; fee 1.5 % × 2000.00 = 30.00; no grant.
    expect(loan).toMatchObject({
      coverage: '0.50',
      guaranteeFee: '30.00',
      grant: '0.00',
      payout: '3970.00',
    });
  });

  it('pays out a large loan after the second approval', async () => {
    const disbursed = await approveAndDisburse(
      applicationBody({
        enterprise: { documentId: newDocumentId() },
        request: {
          amount: '15000.00',
          termMonths: 24,
          innovation: { description: 'Cold room', cost: '20000.00', grantRequested: '5000.00' },
        },
        cashflow: { monthlyRevenue: '6000.00' },
      }),
    );
    expect(disbursed.decision).toMatchObject({ amount: '15000.00', secondApprovalBy: 'manager' });
    // 0.70 × 15000.00 = 10500.00; fee 1.5 % = 157.50; 15000.00 − 157.50 + 5000.00 = 19842.50.
    expect(await disbursedEvent(disbursed.loanId)).toMatchObject({
      guaranteeFee: '157.50',
      grant: '5000.00',
      payout: '19842.50',
    });
  });

  it('keeps the books balanced: Σ debits = Σ credits, and positions agree with the journal', async () => {
    const [trial] = await system.query<{ debits: string; credits: string }>(
      'SELECT sum(debit) AS debits, sum(credit) AS credits FROM disbursement.ledger_entry',
    );
    expect(trial.debits).toBe(trial.credits);
    expect(await system.app('disbursement').get(FundFiguresService).reconcile()).toEqual([]);
    // The journal can't be edited: a correction is a new transaction.
    await expect(
      system.query('UPDATE disbursement.ledger_entry SET debit = debit + 1 WHERE id = 1'),
    ).rejects.toThrow(/append-only/);
    await expect(system.query('DELETE FROM disbursement.ledger_transaction')).rejects.toThrow(
      /append-only/,
    );
  });

  describe('fund movements', () => {
    const addCapital = (token: string, body: object) =>
      system
        .http()
        .post('/api/funds/guarantee/capital')
        .set('Authorization', `Bearer ${token}`)
        .send(body);

    it('adds capital once per transfer reference', async () => {
      const before = await funds();
      const first = await addCapital(manager, { amount: '2500.50', reference: 'BN-0002' }).expect(
        201,
      );
      expect(first.body.guarantee.capital).toBe(
        (Number(before.guarantee.capital) + 2500.5).toFixed(2),
      );
      const again = await addCapital(manager, { amount: '2500.50', reference: 'BN-0002' }).expect(
        201,
      );
      expect(again.body.guarantee.capital).toBe(first.body.guarantee.capital);
      await addCapital(manager, { amount: '9999.00', reference: 'BN-0002' }).expect(409);
      expect((await funds()).guarantee.capital).toBe(first.body.guarantee.capital);
    });

    it.each([
      [{ amount: '0.00', reference: 'BN-X' }, /amount debe ser mayor que 0\.00/],
      [{ amount: '-5.00', reference: 'BN-X' }, /amount/],
      [{ amount: 500, reference: 'BN-X' }, /amount/],
      [{ amount: '500.00' }, /reference/],
      [{ amount: '500.00', reference: 'BN-X', note: 'extra' }, /note/],
    ])('refuses %j with 400 and moves nothing', async (body, message) => {
      const before = await funds();
      const response = await addCapital(manager, body).expect(400);
      expect(JSON.stringify(response.body.message)).toMatch(message);
      expect(await funds()).toEqual(before);
    });

    it('lets only fund managers move money, and admins read', async () => {
      const [admin] = await Promise.all([system.token('admin')]);
      await addCapital(officer, { amount: '1.00', reference: 'BN-Y' }).expect(403);
      await addCapital(admin, { amount: '1.00', reference: 'BN-Y' }).expect(403);
      await system
        .http()
        .post('/api/funds/innovation/budget')
        .set('Authorization', `Bearer ${officer}`)
        .send({ amount: '1.00', reference: 'BN-Y' })
        .expect(403);
      await system.http().get('/api/funds').set('Authorization', `Bearer ${officer}`).expect(403);
      await system.http().get('/api/funds').set('Authorization', `Bearer ${admin}`).expect(200);
      await system.http().get('/api/funds').expect(401);
    });
  });
});
