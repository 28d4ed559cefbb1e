import { Decimal } from '@qollqa/money';
import { WriteBatch } from '@qollqa/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, EntityNotFoundError } from 'typeorm';
import { CreditHistory } from '../../apps/credit-scoring/src/credit-history/entities/credit-history.entity';
import { ScorecardRecord } from '../../apps/credit-scoring/src/scorecards/entities/scorecard.entity';
import { Score } from '../../apps/credit-scoring/src/scores/entities/score.entity';
import { ScoringRepository } from '../../apps/credit-scoring/src/scores/scoring.repository';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

const ONE = new Decimal(1);
const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
/** The monthly rate of a TEA, (1 + TEA)^(1/12) − 1. */
const monthlyOf = (annual: Decimal.Value) => ONE.plus(annual).pow(ONE.div(12)).minus(1);

/** A row of credit_scoring.score as the test reads it. */
interface ScoreRow {
  id: string;
  inputs: Record<string, unknown>;
  factors: { code: string; points: number; maxPoints: number }[];
  [column: string]: unknown;
}

/** Rolls back whatever `body` did: the check runs on the service's tables and leaves them as they were. */
async function inRolledBackTransaction(
  dataSource: DataSource,
  body: (manager: EntityManager) => Promise<void>,
): Promise<void> {
  const rollback = new Error('rollback');
  await expect(
    dataSource.transaction(async (manager) => {
      await body(manager);
      throw rollback;
    }),
  ).rejects.toBe(rollback);
}

/**
 * A score's stored row is what the API shows for it (the `application.scored` event carries it to
 * applications), made of one read (scorecard, credit history, quote policy) and one write (the score
 * and its event) — the same entities and the same row as the ORM's reads and `save`.
 */
describe('A score as credit-scoring stores it', () => {
  let system: TestSystem;
  let staff: StaffClient;
  let dataSource: DataSource;
  let repository: ScoringRepository;

  beforeAll(async () => {
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring'],
      label: 'score_row',
    });
    staff = await StaffClient.signIn(system);
    dataSource = system.app('credit-scoring').get(DataSource);
    repository = system.app('credit-scoring').get(ScoringRepository);
  });
  afterAll(() => system?.close());

  // A guinea-pig farm of 3 years, not in an association, asking 4000.00 over 12 months with 2 of
  // grace and collateral worth 2500.00 (at least half the amount: the fund covers 50 %).
  const documentId = newDocumentId();
  const body = applicationBody({
    enterprise: {
      documentId,
      valueChain: 'guinea_pig',
      yearsInActivity: 3,
      associationMember: false,
    },
    request: { amount: '4000.00', termMonths: 12, graceMonths: 2, collateralValue: '2500.00' },
    cashflow: {
      monthlyRevenue: '3400.00',
      monthlyCosts: '1100.00',
      householdExpenses: '650.00',
      otherDebtPayments: '180.00',
    },
  });

  // Computed here from the formulas (SPEC.md), not by the scoring code.
  const i = monthlyOf('0.18');
  // A = P·i / (1 − (1 + i)^−n) over the 10 amortising months.
  const installment = cents(new Decimal('4000.00').mul(i).div(ONE.minus(i.plus(1).pow(-10))));
  const surplus = new Decimal('3400.00').minus('1100.00').minus('650.00').minus('180.00');
  // The principal whose installment is 40 % of the surplus: P = 0.40·S·(1 − (1 + i)^−n) / i.
  const maxAffordable = cents(
    surplus
      .mul('0.40')
      .mul(ONE.minus(i.plus(1).pow(-10)))
      .div(i),
  );

  /** The score's row, as the table holds it (amounts as text: exactly what is stored). */
  const scoreRow = async (applicationId: string) => {
    const rows = await system.query<ScoreRow>(
      `SELECT id, submission, scorecard_version, inputs, value, grade, recommendation, reasons,
         factors, installment::text, net_surplus::text, max_affordable_amount::text, tcea::text,
         created_at
       FROM credit_scoring.score WHERE application_id = $1`,
      [applicationId],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const scoredEvent = async (applicationId: string) => {
    const [row] = await system.query<{ envelope: { payload: Record<string, unknown> } }>(
      `SELECT envelope FROM credit_scoring.outbox
       WHERE type = 'application.scored' AND envelope->>'aggregateId' = $1`,
      [applicationId],
    );
    return row.envelope.payload;
  };

  it('stores the figures the API shows, computed from the formulas', async () => {
    expect(installment.toFixed(2)).toBe('431.19');
    expect(surplus.toFixed(2)).toBe('1470.00');
    expect(maxAffordable.toFixed(2)).toBe('5454.72');

    const id = await staff.registerScored(body);
    const { score } = await staff.application(id);
    // r = 431.19 / 1470.00 = 0.293 → 25; no history 10; 3 years 10; no association 0; guinea pig
    // (medium risk) 6; other debt 180 / 3400 = 5.3 % → 10: 61 → B.
    expect(score).toEqual({
      value: 61,
      grade: 'B',
      recommendation: 'approve',
      reasons: ['CAPACITY', 'NO_HISTORY', 'LOW_EXPERIENCE', 'NOT_ASSOCIATED', 'VALUE_CHAIN_RISK'],
      installment: '431.19',
      netSurplus: '1470.00',
      maxAffordableAmount: '5454.72',
      scorecardVersion: 'v1',
      tcea: '0.1948',
    });

    const row = await scoreRow(id);
    expect(row).toEqual({
      id: expect.any(String),
      submission: 1,
      scorecard_version: 'v1',
      inputs: {
        monthlyRevenue: '3400.00',
        productionCosts: '1100.00',
        householdExpenses: '650.00',
        otherDebtPayments: '180.00',
        yearsInActivity: 3,
        associationMember: false,
        valueChain: 'guinea_pig',
        repaymentHistory: 'none',
        requestedAmount: '4000.00',
        termMonths: 12,
        graceMonths: 2,
        tea: '0.18',
      },
      value: 61,
      grade: 'B',
      recommendation: 'approve',
      reasons: score.reasons,
      factors: [
        { code: 'CAPACITY', points: 25, maxPoints: 35 },
        { code: 'REPAYMENT_HISTORY', points: 10, maxPoints: 20 },
        { code: 'YEARS_IN_ACTIVITY', points: 10, maxPoints: 15 },
        { code: 'ASSOCIATION', points: 0, maxPoints: 10 },
        { code: 'VALUE_CHAIN', points: 6, maxPoints: 10 },
        { code: 'OTHER_DEBT', points: 10, maxPoints: 10 },
      ],
      installment: score.installment,
      net_surplus: score.netSurplus,
      max_affordable_amount: score.maxAffordableAmount,
      tcea: score.tcea,
      created_at: expect.any(Date),
    });
    // The event that told applications names the row it was written with.
    expect(await scoredEvent(id)).toMatchObject({ scoreId: row.id, submission: 1 });

    // The TCEA: the fee 1.5 % of 50 % of 4000.00 = 30.00, so 3970.00 received against 2 months of
    // interest (4000.00 · i = 55.55) and 10 installments, the last taking the rounding remainder;
    // their present value crosses 3970.00 between the monthly rates of 0.19475 and 0.19485.
    const flows: Decimal[] = [];
    let outstanding = new Decimal('4000.00');
    for (let k = 1; k <= 12; k++) {
      const interest = cents(outstanding.mul(i));
      const principal =
        k <= 2 ? new Decimal(0) : k === 12 ? outstanding : installment.minus(interest);
      flows.push(principal.plus(interest));
      outstanding = outstanding.minus(principal);
    }
    expect(flows.map((a) => a.toFixed(2))).toEqual([
      '55.55',
      '55.55',
      ...Array(9).fill('431.19'),
      '431.15',
    ]);
    const worth = (annual: string) =>
      flows.reduce(
        (sum, a, k) =>
          sum.plus(
            a.div(
              monthlyOf(annual)
                .plus(1)
                .pow(k + 1),
            ),
          ),
        new Decimal('-3970.00'),
      );
    expect(worth('0.19475').gt(0)).toBe(true);
    expect(worth('0.19485').lt(0)).toBe(true);
  });

  it("scores the family's next application with its credit history", async () => {
    const [{ id: enterprise }] = await system.query<{ id: string }>(
      `SELECT id FROM applications.enterprise WHERE document_id = $1`,
      [documentId],
    );
    // Two loans repaid, never more than 12 days late: on time (20 points).
    await system.query(
      `INSERT INTO credit_scoring.credit_history (enterprise_id, loans_repaid, max_days_past_due)
       VALUES ($1, 2, 12)`,
      [enterprise],
    );
    const id = await staff.registerScored(body);
    const { score } = await staff.application(id);
    expect(score).toMatchObject({
      value: 71,
      grade: 'B',
      reasons: ['CAPACITY', 'LOW_EXPERIENCE', 'NOT_ASSOCIATED', 'VALUE_CHAIN_RISK'],
      installment: '431.19',
      netSurplus: '1470.00',
      maxAffordableAmount: '5454.72',
      tcea: '0.1948',
    });
    const row = await scoreRow(id);
    expect(row.inputs.repaymentHistory).toBe('on_time');
    expect(row.factors[1]).toEqual({ code: 'REPAYMENT_HISTORY', points: 20, maxPoints: 20 });
    expect(row).toMatchObject({
      value: 71,
      reasons: score.reasons,
      installment: '431.19',
      net_surplus: '1470.00',
      max_affordable_amount: '5454.72',
      tcea: '0.1948',
    });
    expect(await scoredEvent(id)).toMatchObject({ scoreId: row.id });

    // What the one read gives is what the ORM's finds give.
    await inRolledBackTransaction(dataSource, async (manager) => {
      const inputs = await repository.loadFor(manager, enterprise);
      expect(inputs.scorecard).toEqual(
        await manager.findOneByOrFail(ScorecardRecord, { active: true }),
      );
      expect(inputs.history).toEqual(
        await manager.findOneBy(CreditHistory, { enterpriseId: enterprise }),
      );
      expect(inputs.history).toMatchObject({ loansRepaid: 2, maxDaysPastDue: 12 });
      expect((await repository.loadFor(manager, randomUUID())).history).toBeNull();
      // The guarantee fund's defaults (the migration's row), exact.
      expect(
        Object.fromEntries(Object.entries(inputs.policy).map(([key, d]) => [key, d.toFixed(5)])),
      ).toEqual({
        coverage: '0.70000',
        coverageWithCollateral: '0.50000',
        collateralShareRequired: '0.50000',
        guaranteeFeeRate: '0.01500',
      });
    });
  });

  it('scores in five statements: BEGIN, the inbox record, one read, one write, COMMIT', async () => {
    // Every statement of every query runner in this process, with the runner that sent it.
    const probe = dataSource.createQueryRunner();
    const prototype = Object.getPrototypeOf(probe);
    await probe.release();
    const query = jest.spyOn(prototype, 'query');
    let statements: string[];
    try {
      const id = await staff.registerScored(
        applicationBody({ enterprise: { documentId: newDocumentId() } }),
      );
      const [{ event }] = await system.query<{ event: string }>(
        `SELECT event_id AS event FROM credit_scoring.inbox WHERE event_type = 'application.submitted'
         AND event_id IN (SELECT event_id FROM applications.outbox WHERE envelope->>'aggregateId' = $1)`,
        [id],
      );
      // The transaction that recorded the submission in credit-scoring's inbox, on its own runner.
      const calls = query.mock.calls as unknown as [string, unknown[] | undefined][];
      const inboxCall = calls.findIndex(
        ([sql, params]) => sql.includes('INSERT INTO inbox') && params?.[1] === event,
      );
      expect(inboxCall).toBeGreaterThan(0);
      const runner = query.mock.contexts[inboxCall];
      statements = calls
        .filter((_, index) => query.mock.contexts[index] === runner)
        .map(([sql]) => sql.replace(/\s+/g, ' ').trim());
    } finally {
      query.mockRestore();
    }
    expect(statements).toHaveLength(5);
    expect(statements[0]).toBe('START TRANSACTION');
    expect(statements[1]).toMatch(/^INSERT INTO inbox /);
    expect(statements[2]).toMatch(
      /^SELECT s\.version, .* FROM \(SELECT 1\) AS one LEFT JOIN scorecard/,
    );
    expect(statements[3]).toMatch(
      /^WITH w0 AS \(INSERT INTO "credit_scoring"\."score".*\) INSERT INTO outbox /,
    );
    expect(statements[4]).toBe('COMMIT');
  });

  it('fails as the ORM would when no scorecard is active', async () => {
    await inRolledBackTransaction(dataSource, async (manager) => {
      await manager.query(`UPDATE scorecard SET active = false`);
      const orm = await manager
        .findOneByOrFail(ScorecardRecord, { active: true })
        .catch((err: unknown) => err);
      expect(orm).toBeInstanceOf(EntityNotFoundError);
      await expect(repository.loadFor(manager, randomUUID())).rejects.toThrow(
        new EntityNotFoundError(ScorecardRecord, { active: true }),
      );
      expect((orm as Error).message).toBe(
        new EntityNotFoundError(ScorecardRecord, { active: true }).message,
      );
    });
  });

  it("writes the row the ORM's save writes", async () => {
    const values = {
      submission: 3,
      scorecardVersion: 'v1',
      inputs: { requestedAmount: '1234.50', tea: '0.18', note: 'ñandú "quoted"' },
      value: 42,
      grade: 'C',
      recommendation: 'review',
      reasons: ['CAPACITY', 'OTHER "DEBT", too'],
      factors: [{ code: 'CAPACITY', points: 10, maxPoints: 35 }],
      installment: new Decimal('379.03'),
      netSurplus: new Decimal('-12.50'),
      maxAffordableAmount: new Decimal('0'),
      tcea: '0.1965',
    } as unknown as Omit<Score, 'id' | 'applicationId' | 'createdAt'>;
    await inRolledBackTransaction(dataSource, async (manager) => {
      const saved = await manager.save(
        manager.create(Score, { ...values, applicationId: randomUUID() }),
      );
      const written = { ...values, id: randomUUID(), applicationId: randomUUID() };
      const batch = new WriteBatch();
      repository.addScore(manager, batch, written);
      await batch.run(manager);
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT to_jsonb(s) - 'id' - 'application_id' AS stored FROM score s WHERE id = ANY($1)
         ORDER BY id = $2`,
        [[saved.id, written.id], saved.id],
      );
      expect(rows).toHaveLength(2);
      expect(rows[0].stored).toEqual(rows[1].stored);
      expect(rows[0].stored).toMatchObject({
        net_surplus: -12.5,
        reasons: values.reasons,
        inputs: values.inputs,
      });
    });
  });
});
