import { Decimal, formatMoney, money } from '@qollqa/money';
import { Random } from './random';
import { Answer, RetryingClient } from './retrying-client';

/** What the season asks of the programme. */
export interface SeasonOptions {
  /** Applications registered over the season. */
  applications: number;
  /** Closes of business at least (the season goes on while faults are still planned). */
  minCloses: number;
  /** Applications whose journeys run at once. */
  journeys: number;
  /** A business day lasts at least this long (its repayments, reversals, then its close). */
  dayMs: number;
  /** The season stops starting business days after this many. */
  maxCloses: number;
}

/** An application as the season registered it, and what it made of it. */
export interface SeasonApplication {
  key: string;
  id?: string;
  /** What the officer decided in the end. */
  outcome: 'disbursed' | 'rejected';
  requested: string;
  /** The amount approved (the officer may lower it); a second approval above PEN 10,000. */
  approved?: string;
  grant: string;
  infoRequested: boolean;
  loanId?: string;
  /** Set when its journey did not end as planned (what a user would have seen). */
  failure?: string;
}

/** A repayment the API acknowledged (201 or 200), and whether the season then reversed it. */
export interface SeasonRepayment {
  loanId: string;
  externalRef: string;
  amount: string;
  repaymentId: string;
  /** Principal it paid (allocated principal + prepayment), as the answer said. */
  principalRepaid: string;
  reversed: boolean;
}

/** Everything the season sent and was acknowledged: what the invariants compare the books with. */
export interface SeasonRecord {
  applications: SeasonApplication[];
  repayments: SeasonRepayment[];
  closes: string[];
  guaranteeCapital: string[];
  innovationBudget: string[];
  /** Answers that the contract did not give for what was sent (a 4xx where a 2xx was due). */
  refusals: string[];
}

/** The staff of the season: the usernames the client signed in as. */
export interface SeasonStaff {
  officers: string[];
  manager: string;
  admin: string;
}

const MUNICIPALITIES = [
  'Ocongate',
  'Ccatca',
  'Andahuaylillas',
  'Anta',
  'Chumbivilcas',
  'Pomacanchi',
];
const VALUE_CHAINS = ['dairy', 'cheese', 'guinea_pig', 'native_potato', 'mushroom', 'restaurant'];
/** Above this approved amount a fund manager gives the second approval (product data, default). */
const SECOND_APPROVAL_ABOVE = money('10000.00');

/**
 * A season of the programme through the public API, with retrying clients: officers register
 * applications (each with its Idempotency-Key), most are approved (some with a lower amount, the
 * large ones with a fund manager's second approval), some rejected, some sent back for information
 * and resubmitted; the approved ones are paid out. Meanwhile, business day after business day,
 * officers record repayments on the open loans, the fund manager reverses a few on the day they
 * were recorded (and the right amount is recorded anew under the same receipt), and the admin runs
 * the close of business. Every acknowledged request is written down in the record.
 */
export class Season {
  readonly record: SeasonRecord = {
    applications: [],
    repayments: [],
    closes: [],
    guaranteeCapital: [],
    innovationBudget: [],
    refusals: [],
  };
  private readonly openLoans: { loanId: string; principal: Decimal; paid: Decimal }[] = [];
  private journeysDone = false;

  constructor(
    private readonly api: RetryingClient,
    private readonly staff: SeasonStaff,
    private readonly random: Random,
    private readonly options: SeasonOptions,
    private readonly prefix: string,
  ) {}

  /** Each application's own random source, so that its plan and body follow from the seed alone. */
  private applicationRandom(n: number): Random {
    return new Random(this.random.seed * 7919 + n);
  }

  /**
   * The fund manager puts the funds' money in: the guarantee fund's capital and the grants' budget,
   * enough for every application of the season (a guarantee of at most 70 % of PEN 15,000 within a
   * leverage of 4, a grant of at most PEN 1,500), so none waits for capacity.
   */
  async fundTheProgramme(): Promise<void> {
    const capital = formatMoney(money(Math.max(100, this.options.applications) * 3000));
    const budget = formatMoney(money(Math.max(100, this.options.applications) * 1500));
    await this.expect(
      'guarantee capital',
      this.api.post(
        this.staff.manager,
        '/api/funds/guarantee/capital',
        { amount: capital, reference: `${this.prefix}-CAPITAL` },
        `${this.prefix}-capital`,
      ),
      [201],
    );
    this.record.guaranteeCapital.push(capital);
    await this.expect(
      'innovation budget',
      this.api.post(
        this.staff.manager,
        '/api/funds/innovation/budget',
        { amount: budget, reference: `${this.prefix}-BUDGET` },
        `${this.prefix}-budget`,
      ),
      [201],
    );
    this.record.innovationBudget.push(budget);
  }

  /**
   * Runs the season: the application journeys and the business days side by side. Business days
   * go on until every journey ended, `keepGoing` says no more (the faults planned are done) and at
   * least `minCloses` closes ran.
   */
  async run(keepGoing: () => boolean): Promise<void> {
    const journeys = this.runJourneys().finally(() => (this.journeysDone = true));
    const days = this.runBusinessDays(keepGoing);
    const [journeysResult, daysResult] = await Promise.allSettled([journeys, days]);
    for (const result of [journeysResult, daysResult]) {
      if (result.status === 'rejected') throw result.reason;
    }
  }

  private async runJourneys(): Promise<void> {
    let nextApplication = 0;
    const worker = async () => {
      while (nextApplication < this.options.applications) {
        const n = nextApplication++;
        const application = this.planApplication(n, this.applicationRandom(n));
        this.record.applications.push(application);
        try {
          await this.journey(n, application);
        } catch (err) {
          application.failure = (err as Error).message;
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.journeys }, worker));
  }

  /**
   * What becomes of application `n`. Of every eight: one is rejected, one sent back for information
   * (then approved), one approved for less than asked, one asks for more than PEN 10,000 (a fund
   * manager's second approval); the amounts and grants are drawn from the seed.
   */
  private planApplication(n: number, r: Random): SeasonApplication {
    const large = n % 8 === 1;
    const requested = money(large ? r.int(10_500, 15_000) : r.int(1500, 10_000)).plus(
      r.pick(['0.00', '0.50', '0.25']),
    );
    const grant = r.chance(0.5) ? money(r.int(200, 1500)) : money(0);
    const rejected = n % 8 === 3;
    const approved =
      n % 8 === 6 ? requested.mul('0.8').toDecimalPlaces(0, Decimal.ROUND_DOWN) : requested;
    return {
      key: `${this.prefix}-application-${n}`,
      outcome: rejected ? 'rejected' : 'disbursed',
      requested: formatMoney(requested),
      approved: rejected ? undefined : formatMoney(approved),
      grant: formatMoney(grant),
      infoRequested: n % 8 === 5,
    };
  }

  private applicationBody(n: number, application: SeasonApplication, r: Random) {
    return {
      enterprise: {
        name: `Familia Temporada ${n}`,
        documentId: String(30_000_000 + n),
        municipality: r.pick(MUNICIPALITIES),
        valueChain: r.pick(VALUE_CHAINS),
        womenLed: r.chance(0.45),
        associationMember: r.chance(0.6),
        yearsInActivity: r.int(1, 12),
      },
      request: {
        amount: application.requested,
        termMonths: r.int(6, 24),
        graceMonths: 0,
        purpose: 'Mejora productiva de la campaña',
        collateralValue: '0.00',
        innovation: {
          description: 'Innovación productiva',
          // A grant is at most 40 % of the cost: the cost is three times the amount asked for.
          cost: formatMoney(money(application.requested).mul(3)),
          grantRequested: application.grant,
        },
      },
      cashflow: {
        monthlyRevenue: formatMoney(money(r.int(2500, 6000))),
        monthlyCosts: formatMoney(money(r.int(600, 1200))),
        householdExpenses: formatMoney(money(r.int(400, 800))),
        otherDebtPayments: '0.00',
      },
    };
  }

  /** One application from registration to its end: paid out and open, or rejected. */
  private async journey(n: number, application: SeasonApplication): Promise<void> {
    const officer = this.staff.officers[n % this.staff.officers.length];
    const body = this.applicationBody(n, application, this.applicationRandom(n + 1_000_000));
    const created = await this.expect(
      `application ${n}`,
      this.api.post<{ id: string }>(officer, '/api/applications', body, application.key),
      [201],
    );
    application.id = created.body.id;
    const path = `/api/applications/${application.id}`;
    await this.waitForStatus(officer, path, 'in_review');

    if (application.outcome === 'rejected') {
      await this.decide(
        officer,
        path,
        { decision: 'reject', reason: 'Capacidad de pago insuficiente' },
        'rejected',
      );
      return;
    }
    if (application.infoRequested) {
      await this.decide(
        officer,
        path,
        { decision: 'request_info', reason: 'Falta la constancia de la asociación' },
        'info_requested',
      );
      // The family's answer: the request and cash flow as they stand, and a note (what the
      // service's resubmit takes; API.md says "the same body as a new application").
      const answer = {
        request: body.request,
        cashflow: body.cashflow,
        note: 'Constancia de la asociación entregada',
      };
      const resubmitted = await this.api.post(
        officer,
        `${path}/resubmit`,
        answer,
        `${application.key}-resubmit`,
      );
      if (resubmitted.status !== 200)
        await this.confirmStatus(officer, path, resubmitted, ['submitted', 'in_review']);
      await this.waitForStatus(officer, path, 'in_review');
    }
    const approve = {
      decision: 'approve',
      reason: 'Visita de campo conforme',
      ...(application.approved !== application.requested ? { amount: application.approved } : {}),
    };
    const large = money(application.approved!).gt(SECOND_APPROVAL_ABOVE);
    await this.decide(officer, path, approve, large ? 'awaiting_second_approval' : 'approved');
    if (large) {
      await this.decide(
        this.staff.manager,
        path,
        { decision: 'approve' },
        'approved',
        'second-approval',
      );
    }
    const loanId = await this.api.waitFor<{ status: string; loanId: string | null }, string>(
      officer,
      path,
      ({ body: seen }) => (seen.status === 'disbursed' && seen.loanId ? seen.loanId : undefined),
      `application ${n} to be paid out`,
    );
    application.loanId = loanId;
    // The loan account opens from the payout's event: repayments wait until it shows.
    await this.api.waitFor(
      officer,
      `/api/loans/${loanId}`,
      ({ status }) => (status === 200 ? true : undefined),
      `loan of application ${n} to open`,
    );
    this.openLoans.push({ loanId, principal: money(application.approved!), paid: money(0) });
  }

  /**
   * A decision, retried with its key. A 409 that is not about the key means the application is no
   * longer waiting for this decision: an earlier attempt was recorded (its answer lost with its
   * gateway) when the application already shows where that decision took it.
   */
  private async decide(
    as: string,
    path: string,
    decision: Record<string, unknown>,
    leadsTo: string,
    step = String(decision.decision),
  ): Promise<void> {
    const answer = await this.api.post<{ status: string }>(
      as,
      `${path}/decision`,
      decision,
      `${path}-${step}`,
    );
    if (answer.status === 200) return;
    await this.confirmStatus(as, path, answer, [leadsTo, ...laterStatuses(leadsTo)]);
  }

  private async confirmStatus(
    as: string,
    path: string,
    answer: Answer,
    acceptable: string[],
  ): Promise<void> {
    const seen = await this.api.get<{ status: string }>(as, path);
    if (answer.status === 409 && acceptable.includes(seen.body.status)) return;
    this.refuse(
      `${path}: ${answer.status} ${JSON.stringify(answer.body)} (status ${seen.body.status})`,
    );
  }

  private waitForStatus(as: string, path: string, status: string): Promise<true> {
    return this.api.waitFor<{ status: string }, true>(
      as,
      path,
      ({ body }) => (body.status === status ? true : undefined),
      `${path} to be ${status}`,
    );
  }

  private async runBusinessDays(keepGoing: () => boolean): Promise<void> {
    const { body } = await this.api.get<{ businessDate: string }>(
      this.staff.admin,
      '/api/admin/business-date',
    );
    let businessDate = body.businessDate;
    for (let day = 1; ; day++) {
      const dayEnds = Date.now() + this.options.dayMs;
      const recorded = await this.recordRepayments(businessDate, day);
      await this.reverseSome(recorded, businessDate);
      await sleep(dayEnds - Date.now());
      businessDate = await this.closeTheDay(nextDate(businessDate));
      const enough =
        this.journeysDone && !keepGoing() && this.record.closes.length >= this.options.minCloses;
      if (enough || this.record.closes.length >= this.options.maxCloses) {
        if (!this.journeysDone) await waitUntil(() => this.journeysDone);
        return;
      }
    }
  }

  /** Officers record what some families paid today: a repayment on about half the open loans. */
  private async recordRepayments(paidOn: string, day: number): Promise<SeasonRepayment[]> {
    // Who pays today and how much, drawn before the requests run side by side.
    const payments = this.openLoans
      .filter(() => this.random.chance(0.5))
      .map((loan) => ({ loan, amount: money(this.random.int(2000, 25000)).div(100) }))
      // Far from the loan's end: a repaid loan takes no more repayments (409), which is not tested.
      .filter(({ loan, amount }) => loan.paid.plus(amount).lte(loan.principal.div(2)));
    const recorded: SeasonRepayment[] = [];
    await inParallel(payments, 4, async ({ loan, amount }, i) => {
      const externalRef = `${this.prefix}-R${day}-${i}`;
      const repayment = await this.repay(loan.loanId, externalRef, amount, paidOn, 'first');
      if (repayment) {
        loan.paid = loan.paid.plus(amount);
        recorded.push(repayment);
      }
    });
    return recorded;
  }

  private async repay(
    loanId: string,
    externalRef: string,
    amount: Decimal,
    paidOn: string,
    attempt: 'first' | 'again',
  ): Promise<SeasonRepayment | undefined> {
    const answer = await this.api.post<{
      id: string;
      allocated: { principal: string; prepayment: string };
    }>(
      this.staff.officers[0],
      `/api/loans/${loanId}/repayments`,
      { amount: formatMoney(amount), paidOn, externalRef },
      `${externalRef}-${attempt}`,
    );
    if (answer.status !== 201 && answer.status !== 200) {
      this.refuse(`repayment ${externalRef}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return undefined;
    }
    const repayment: SeasonRepayment = {
      loanId,
      externalRef,
      amount: formatMoney(amount),
      repaymentId: answer.body.id,
      principalRepaid: formatMoney(
        money(answer.body.allocated.principal).plus(answer.body.allocated.prepayment),
      ),
      reversed: false,
    };
    this.record.repayments.push(repayment);
    return repayment;
  }

  /**
   * The fund manager reverses about one in eight of today's repayments (a wrong amount typed), and
   * the officer records the right amount under the same receipt number.
   */
  private async reverseSome(recorded: SeasonRepayment[], businessDate: string): Promise<void> {
    const inOrder = [...recorded].sort((x, y) => x.externalRef.localeCompare(y.externalRef));
    const mistaken = inOrder.filter(() => this.random.chance(0.125));
    // At least one in the season, so that every run corrects a mistake.
    const noneYet = !this.record.repayments.some((repayment) => repayment.reversed);
    if (noneYet && mistaken.length === 0 && inOrder.length > 0) mistaken.push(inOrder[0]);
    for (const repayment of mistaken) {
      const path = `/api/loans/${repayment.loanId}/repayments/${repayment.repaymentId}/reversal`;
      const answer = await this.api.post(
        this.staff.manager,
        path,
        { reason: 'Monto digitado por error' },
        `${repayment.externalRef}-reversal`,
      );
      if (answer.status !== 200 && !(await this.wasReversed(repayment, answer))) continue;
      repayment.reversed = true;
      const loan = this.openLoans.find((open) => open.loanId === repayment.loanId)!;
      loan.paid = loan.paid.minus(repayment.amount);
      const rightAmount = money(repayment.amount).div(2).toDecimalPlaces(2, Decimal.ROUND_DOWN);
      const again = await this.repay(
        repayment.loanId,
        repayment.externalRef,
        rightAmount,
        businessDate,
        'again',
      );
      if (again) loan.paid = loan.paid.plus(rightAmount);
    }
  }

  /** A 409 on a reversal retried after its first attempt was recorded: the list shows it reversed. */
  private async wasReversed(repayment: SeasonRepayment, answer: Answer): Promise<boolean> {
    const list = await this.api.get<{ items: { id: string; reversal: unknown }[] }>(
      this.staff.manager,
      `/api/loans/${repayment.loanId}/repayments?pageSize=100`,
    );
    const seen = list.body.items?.find((item) => item.id === repayment.repaymentId);
    if (answer.status === 409 && seen?.reversal) return true;
    this.refuse(
      `reversal of ${repayment.externalRef}: ${answer.status} ${JSON.stringify(answer.body)}`,
    );
    return false;
  }

  /** The admin closes the business day; a 409 after a lost answer is fine once the date moved on. */
  private async closeTheDay(date: string): Promise<string> {
    const answer = await this.api.post<{ businessDate: string }>(
      this.staff.admin,
      '/api/admin/close-of-business',
      { date },
      `${this.prefix}-close-${date}`,
    );
    if (answer.status !== 200) {
      const { body } = await this.api.get<{ businessDate: string }>(
        this.staff.admin,
        '/api/admin/business-date',
      );
      if (!(answer.status === 409 && body.businessDate >= date)) {
        this.refuse(`close of ${date}: ${answer.status} ${JSON.stringify(answer.body)}`);
        return body.businessDate;
      }
    }
    this.record.closes.push(date);
    return date;
  }

  /** Waits for an answer with one of `statuses`; any other is recorded as a refusal and thrown. */
  private async expect<T>(
    what: string,
    request: Promise<Answer<T>>,
    statuses: number[],
  ): Promise<Answer<T>> {
    const answer = await request;
    if (!statuses.includes(answer.status)) {
      const why = `${what}: ${answer.status} ${JSON.stringify(answer.body)}`;
      this.refuse(why);
      throw new Error(why);
    }
    return answer;
  }

  private refuse(why: string): void {
    this.record.refusals.push(why);
  }
}

/** The statuses an application reaches after `status` on the way the season takes it. */
function laterStatuses(status: string): string[] {
  const path = [
    'info_requested',
    'submitted',
    'in_review',
    'awaiting_second_approval',
    'approved',
    'waitlisted',
    'disbursed',
  ];
  const at = path.indexOf(status);
  return at < 0 ? [] : path.slice(at + 1);
}

/** The calendar day after an ISO date. */
function nextDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

async function inParallel<T>(
  items: T[],
  width: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(200);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
