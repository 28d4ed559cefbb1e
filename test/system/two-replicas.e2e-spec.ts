import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { SERVICE_NAMES } from '@qollqa/config';
import { DeclareEmergencyDto, FundEvents, STATE_ANNOUNCEMENTS, subjects } from '@qollqa/contracts';
import { Decimal, formatMoney, roundMoney } from '@qollqa/money';
import request from 'supertest';
import { InboxService } from '@qollqa/messaging';
import { RecordRepaymentService } from '../../apps/repayment/src/repayments/services/record-repayment.service';
import { CloseOfBusinessService } from '../../apps/repayment/src/close-of-business/close-of-business.service';
import { DeclareEmergencyService } from '../../apps/repayment/src/emergencies/services/declare-emergency.service';
import { reconcile } from '../../scripts/reconcile/reconcile-checks';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { TestSystem } from '../support/test-system';

type Role = 'officer' | 'manager' | 'admin';
type Label = 'dairy' | 'guineaPig' | 'mushroom' | 'potato';

/**
 * What the programme's staff do, through the HTTP API, one request to each gateway in turn: on a
 * system with two replicas of every service, consecutive requests meet different replicas.
 */
class Staff {
  private turn = 0;

  private constructor(
    private readonly gateways: NestFastifyApplication[],
    private readonly tokens: Record<Role, string>,
  ) {}

  static async signIn(gateways: NestFastifyApplication[]): Promise<Staff> {
    const staff = new Staff(gateways, { officer: '', manager: '', admin: '' });
    for (const role of ['officer', 'manager', 'admin'] as const) {
      const { body } = await staff
        .gateway()
        .post('/api/auth/login')
        .send({ username: role, password: `${role}-demo` })
        .expect(200);
      staff.tokens[role] = body.accessToken;
    }
    return staff;
  }

  /** supertest against the next gateway in turn, or the one given. */
  gateway(index?: number) {
    const at = index ?? this.turn++ % this.gateways.length;
    return request(this.gateways[at % this.gateways.length].getHttpServer());
  }

  as(role: Role, gateway?: number) {
    const bearer = `Bearer ${this.tokens[role]}`;
    return {
      get: (path: string) => this.gateway(gateway).get(path).set('Authorization', bearer),
      post: (path: string, body: object, headers: Record<string, string> = {}) =>
        this.gateway(gateway).post(path).set('Authorization', bearer).set(headers).send(body),
    };
  }

  /** Who the fund manager is, as the gateway tells the services (the token's subject). */
  managerActor() {
    const claims = JSON.parse(
      Buffer.from(this.tokens.manager.split('.')[1], 'base64url').toString('utf8'),
    );
    return { id: claims.sub as string, name: claims.name as string, role: 'fund_manager' as const };
  }

  async application(id: string) {
    return (await this.as('officer').get(`/api/applications/${id}`).expect(200)).body;
  }

  waitForStatus(id: string, status: string) {
    return eventually(async () => {
      const application = await this.application(id);
      expect(application.status).toBe(status);
      return application;
    }, 20_000);
  }

  async loan(id: string) {
    return (await this.as('officer').get(`/api/loans/${id}`).expect(200)).body;
  }

  async register(body: object): Promise<string> {
    const { body: created } = await this.as('officer').post('/api/applications', body).expect(201);
    await this.waitForStatus(created.id, 'in_review');
    return created.id;
  }

  approve(id: string) {
    return this.as('officer')
      .post(`/api/applications/${id}/decision`, { decision: 'approve', reason: 'Visited the farm' })
      .expect(200);
  }

  /** Waits until the application is paid out and its loan account open; returns the loan's id. */
  async paidOut(id: string): Promise<string> {
    const { loanId } = await this.waitForStatus(id, 'disbursed');
    await eventually(
      async () => expect((await this.as('officer').get(`/api/loans/${loanId}`)).status).toBe(200),
      20_000,
    );
    return loanId;
  }

  repay(loanId: string, amount: string, paidOn: string, externalRef: string, gateway?: number) {
    return this.as('officer', gateway).post(`/api/loans/${loanId}/repayments`, {
      amount,
      paidOn,
      externalRef,
    });
  }

  closeTo(date: string, gateway?: number) {
    return this.as('admin', gateway).post('/api/admin/close-of-business', { date });
  }

  /**
   * Waits until the fund manager's figures have caught up with the day's repayments: the guarantee
   * fund's exposure is coverage × each active loan's outstanding principal, in the funds and in the
   * portfolio. The admin closes the day then, so each close's history row holds the fund's position
   * of that day (it comes from the disbursement service, which hears of a repayment after the
   * repayment service wrote it: without the wait, whether it beats the close is a race in any system).
   */
  async dayIsSettled(): Promise<void> {
    await eventually(async () => {
      const { body: listed } = await this.as('officer').get('/api/loans?pageSize=100').expect(200);
      const exposure = listed.items
        .filter((loan: { status: string }) => loan.status === 'active')
        .reduce(
          (sum: Decimal, loan: { outstandingPrincipal: string; coverage: string }) =>
            sum.plus(roundMoney(new Decimal(loan.outstandingPrincipal).mul(loan.coverage))),
          new Decimal(0),
        );
      const { body: funds } = await this.as('manager').get('/api/funds').expect(200);
      const { body: summary } = await this.as('manager').get('/api/portfolio/summary').expect(200);
      expect(funds.guarantee.exposure).toBe(formatMoney(exposure));
      expect(summary.concentration.guaranteeFund).toMatchObject({
        exposure: funds.guarantee.exposure,
        availableCapital: funds.guarantee.availableCapital,
      });
    }, 20_000);
  }
}

/** One system running the season: its gateways (one per replica), its services' apps, its ids. */
interface Run {
  system: TestSystem;
  staff: Staff;
  /** Every app of a service: the first started and, with replicas, the second. */
  apps: (service: (typeof SERVICE_NAMES)[number]) => NestFastifyApplication[];
  applications: Record<Label, string>;
  loans: Record<Label, string>;
  /** What the concurrent requests answered, for the checks that need them. */
  answers: Record<string, unknown>;
  /** Per replica (in `apps` order): the events each handled, and the repayments each recorded. */
  workDone: Record<string, number[]>;
}

const EMERGENCY: DeclareEmergencyDto = {
  name: 'Heladas de abril en Ocongate',
  declaredOn: '2026-04-08',
  municipalities: ['Ocongate'],
  reason: 'climate_event',
  extensionMonths: 3,
  graceMonths: 2,
};

/**
 * The season, the same on any system: four families paid out (one after a waitlist, one after
 * being asked for more information), repayments — some concurrent on one loan, one sent twice at
 * once — a reversal, closes with ageing and a claim at 90 days (the last one asked for at once on
 * each gateway and each repayment replica), an emergency declared at once on each of them under
 * one key, a recovery. Only what a user does and waits for; before each close the admin waits
 * until the fund manager's figures show the day (`dayIsSettled`), never for the stream to be quiet.
 */
async function liveTheSeason(run: Run): Promise<void> {
  const { staff, applications, loans } = run;
  await staff
    .as('manager')
    .post('/api/funds/guarantee/capital', { amount: '2500.00', reference: 'BN-2500' })
    .expect(201);
  await staff
    .as('manager')
    .post('/api/funds/innovation/budget', { amount: '5000.00', reference: 'MINAGRI-5000' })
    .expect(201);

  // Capital 2500.00: room for 4 × 2500.00 = 10000.00 of exposure, and each fee adds capital.
  applications.dairy = await staff.register(
    applicationBody({ enterprise: { documentId: newDocumentId() } }),
  );
  await staff.approve(applications.dairy);
  loans.dairy = await staff.paidOut(applications.dairy); // exposure 4200.00, fee 63.00

  applications.guineaPig = await staff.register(
    applicationBody({
      enterprise: {
        documentId: newDocumentId(),
        valueChain: 'guinea_pig',
        municipality: 'Ccatca',
        womenLed: false,
      },
      request: { amount: '3000.00', termMonths: 12, innovation: undefined },
    }),
  );
  await staff.approve(applications.guineaPig);
  loans.guineaPig = await staff.paidOut(applications.guineaPig); // 2100.00, fee 31.50

  // Too little surplus at first: the officer asks for the cooperative's receipts, the family sends
  // them, and it is scored again.
  const mushroom = applicationBody({
    enterprise: { documentId: newDocumentId(), valueChain: 'mushroom', municipality: 'Ccatca' },
    request: { amount: '2000.00', termMonths: 6, innovation: undefined },
    cashflow: { monthlyRevenue: '2400.00' },
  });
  applications.mushroom = await staff.register(mushroom);
  await staff
    .as('officer')
    .post(`/api/applications/${applications.mushroom}/decision`, {
      decision: 'request_info',
      reason: 'Show the sales to the cooperative',
    })
    .expect(200);
  await staff
    .as('officer')
    .post(`/api/applications/${applications.mushroom}/resubmit`, {
      cashflow: { ...mushroom.cashflow, monthlyRevenue: '3200.00' },
      note: 'Cooperative receipts for 6 months',
    })
    .expect(200);
  await staff.waitForStatus(applications.mushroom, 'in_review');
  await staff.approve(applications.mushroom);
  loans.mushroom = await staff.paidOut(applications.mushroom); // 1400.00, fee 21.00

  // 7700.00 + 2800.00 = 10500.00 > 4 × (2500.00 + 115.50) = 10462.00: the potato loan waits.
  applications.potato = await staff.register(
    applicationBody({
      enterprise: {
        documentId: newDocumentId(),
        valueChain: 'native_potato',
        municipality: 'Andahuaylillas',
      },
      request: { amount: '4000.00', termMonths: 12, innovation: undefined },
    }),
  );
  await staff.approve(applications.potato);
  await staff.waitForStatus(applications.potato, 'waitlisted');
  // +100.00: 4 × 2715.50 = 10862.00 ≥ 10500.00.
  await staff
    .as('manager')
    .post('/api/funds/guarantee/capital', { amount: '100.00', reference: 'BN-100' })
    .expect(201);
  loans.potato = await staff.paidOut(applications.potato);

  const installment = async (label: Label, n: number) =>
    (await staff.loan(loans[label])).schedule[n - 1].installment as string;

  await staff.dayIsSettled();
  await staff.closeTo('2026-02-10').expect(200);
  await staff.repay(loans.dairy, await installment('dairy', 1), '2026-02-10', 'D-1').expect(201);
  await staff
    .repay(loans.mushroom, await installment('mushroom', 1), '2026-02-10', 'M-1')
    .expect(201);
  await staff.repay(loans.potato, await installment('potato', 1), '2026-02-10', 'P-1').expect(201);
  // Two receipts on one loan at once, one of them sent twice at once (each to another gateway).
  const concurrent = await Promise.all([
    staff.repay(loans.guineaPig, '100.00', '2026-02-10', 'G-1', 0),
    staff.repay(loans.guineaPig, '100.00', '2026-02-10', 'G-1', 1),
    staff.repay(loans.guineaPig, '100.00', '2026-02-10', 'G-2', 0),
    staff.repay(loans.guineaPig, '100.00', '2026-02-10', 'G-2', 1),
  ]);
  run.answers.concurrentRepayments = concurrent.map((r) => ({
    status: r.status,
    id: r.body.id,
  }));

  await staff.dayIsSettled();
  await staff.closeTo('2026-03-01').expect(200);
  const toPayOff = (await staff.loan(loans.mushroom)).outstandingPrincipal;
  const payoff = await staff.repay(loans.mushroom, toPayOff, '2026-03-01', 'M-2').expect(201);
  expect(payoff.body.loan.status).toBe('repaid');

  await staff.dayIsSettled();
  await staff.closeTo('2026-03-10').expect(200);
  const mistaken = await staff
    .repay(loans.dairy, await installment('dairy', 2), '2026-03-10', 'D-2')
    .expect(201);
  await staff
    .as('manager')
    .post(`/api/loans/${loans.dairy}/repayments/${mistaken.body.id}/reversal`, {
      reason: 'Receipt typed twice',
    })
    .expect(200);
  await staff.repay(loans.dairy, await installment('dairy', 2), '2026-03-10', 'D-2').expect(201);
  await staff.repay(loans.potato, await installment('potato', 2), '2026-03-10', 'P-2').expect(201);

  await staff.dayIsSettled();
  await staff.closeTo('2026-04-10').expect(200);
  await staff.repay(loans.potato, await installment('potato', 3), '2026-04-10', 'P-3').expect(201);
  // A frost: declared at once on both gateways with one Idempotency-Key, and — as a gateway whose
  // answer was lost would retry it — straight to each repayment replica under the same key.
  const key = { 'Idempotency-Key': 'frost-2026-04' };
  const actor = staff.managerActor();
  const declared = await Promise.all([
    answerOf(staff.as('manager', 0).post('/api/emergencies', EMERGENCY, key)),
    answerOf(staff.as('manager', 1).post('/api/emergencies', EMERGENCY, key)),
    ...run
      .apps('repayment')
      .map((app) =>
        directAnswerOf(
          app
            .get(DeclareEmergencyService)
            .execute({ actor, idempotencyKey: 'frost-2026-04', body: EMERGENCY }),
        ),
      ),
  ]);
  run.answers.emergencies = declared.map((answer) => ({
    status: answer.status,
    id: answer.body.id,
  }));

  // Every date up to 2026-05-11 asked for at once on each gateway and each repayment replica.
  await staff.dayIsSettled();
  const closes = await Promise.all([
    answerOf(staff.closeTo('2026-05-11', 0)),
    answerOf(staff.closeTo('2026-05-11', 1)),
    ...run
      .apps('repayment')
      .map((app) => directAnswerOf(app.get(CloseOfBusinessService).closeUpTo('2026-05-11'))),
  ]);
  run.answers.closes = closes.map((answer) => ({
    status: answer.status,
    businessDate: answer.body.businessDate,
  }));
  // The guinea-pig loan: its first installment, due 2026-02-10, never paid in full: 90 days late.
  expect(await staff.loan(loans.guineaPig)).toMatchObject({ status: 'claimed', daysPastDue: 90 });
  await staff.repay(loans.guineaPig, '500.00', '2026-05-11', 'G-3').expect(201);
  const potato = await staff.loan(loans.potato);
  await staff
    .repay(loans.potato, potato.nextInstallment.amountDue, '2026-05-11', 'P-4')
    .expect(201);
}

/** What a request answered: its status (`direct` from a service in-process) and body. */
interface Answer {
  status: number | string;
  body: Record<string, unknown>;
}

async function answerOf(pending: request.Test): Promise<Answer> {
  const response = await pending;
  return { status: response.status, body: response.body };
}

/** What a service answered when called in-process, as a replica's request–reply handler would. */
async function directAnswerOf(pending: Promise<object>): Promise<Answer> {
  try {
    return { status: 'direct', body: (await pending) as Record<string, unknown> };
  } catch (err) {
    return { status: `failed: ${String(err)}`, body: {} };
  }
}

/**
 * What a user compares between two systems: a family's application or loan named by its label, and
 * without what differs anyway (other ids, references, times).
 */
function comparable(value: unknown, labelOf: (id: string) => string | undefined): unknown {
  if (typeof value === 'string') return labelOf(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => comparable(item, labelOf));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(
        ([key, item]) =>
          !/^(id|.*Id|reference|.*At|at|pin|requestId)$/.test(key) ||
          (typeof item === 'string' && labelOf(item) !== undefined),
      )
      .map(([key, item]) => [key, comparable(item, labelOf)]),
  );
}

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** Everything the season left, as users and the books see it, keyed by the families' labels. */
async function whatTheSeasonLeft(run: Run) {
  const { system, staff, loans, applications } = run;
  await system.settle(30_000);
  const labels = Object.keys(loans) as Label[];
  const labelOf = (id: string) =>
    labels.find((label) => loans[label] === id || applications[label] === id);
  const view = async (path: string) =>
    comparable((await staff.as('manager').get(path).expect(200)).body, labelOf);
  const perLabel = async <T>(read: (label: Label) => Promise<T>) =>
    Object.fromEntries(await Promise.all(labels.map(async (l) => [l, await read(l)] as const)));
  const rowsByLabel = async (sql: string) =>
    Object.fromEntries(
      (await system.query<{ id: string; n: string }>(sql)).map((row) => [
        labelOf(row.id) ?? row.id,
        Number(row.n),
      ]),
    );

  return {
    funds: (await staff.as('manager').get('/api/funds').expect(200)).body,
    summary: await view('/api/portfolio/summary'),
    history: await view('/api/portfolio/history'),
    impact: await view('/api/portfolio/impact'),
    guaranteeAnalytics: await view('/api/funds/guarantee/analytics'),
    loans: await perLabel(async (l) => comparable(await staff.loan(loans[l]), labelOf)),
    // Two receipts at once on one loan (G-1, G-2) are applied in either order, so which of them took
    // the interest differs between runs: compare their allocations as a pair, not per receipt.
    repayments: await perLabel(async (l) => {
      const { body } = await staff.as('officer').get(`/api/loans/${loans[l]}/repayments`);
      return (comparable(body.items, labelOf) as { externalRef: string }[])
        .map((item) =>
          ['G-1', 'G-2'].includes(item.externalRef) ? { ...item, externalRef: 'G-1 or G-2' } : item,
        )
        .sort(byJson);
    }),
    applications: await perLabel(async (l) => {
      const application = await staff.application(applications[l]);
      return {
        status: application.status,
        timeline: application.timeline.map((t: { status: string; note: string | null }) => [
          t.status,
          t.note,
        ]),
        score: comparable(application.score, labelOf),
      };
    }),
    scoresPerApplication: await rowsByLabel(
      `SELECT application_id AS id, count(*) AS n FROM credit_scoring.score GROUP BY application_id`,
    ),
    payoutsPerApplication: await rowsByLabel(
      `SELECT substring(key from 8) AS id, count(*) AS n FROM disbursement.ledger_transaction
       WHERE kind = 'payout' GROUP BY key`,
    ),
    loanDisbursedPerLoan: await rowsByLabel(
      `SELECT envelope->>'aggregateId' AS id, count(*) AS n FROM disbursement.outbox
       WHERE type = 'loan.disbursed' GROUP BY 1`,
    ),
    accountsOpenedPerLoan: await rowsByLabel(
      `SELECT envelope->>'aggregateId' AS id, count(*) AS n FROM repayment.inbox i
       JOIN disbursement.outbox o ON o.event_id = i.event_id WHERE i.event_type = 'loan.disbursed'
       GROUP BY 1`,
    ),
    reprogrammingsPerLoan: await rowsByLabel(
      `SELECT loan_id AS id, count(*) AS n FROM repayment.reprogramming GROUP BY loan_id`,
    ),
    emergencies: await system.query(
      `SELECT e.name, e.status, count(*) FILTER (WHERE l.outcome = 'reprogrammed')::int AS reprogrammed,
         count(*) FILTER (WHERE l.outcome = 'skipped')::int AS skipped
       FROM repayment.emergency e JOIN repayment.emergency_loan l ON l.emergency_id = e.id
       GROUP BY e.id, e.name, e.status`,
    ),
    closes: await system.query(
      `SELECT to_char(c.business_date, 'YYYY-MM-DD') AS date, c.open_loans, c.loans_aged, c.loans_claimed,
         (SELECT count(*)::int FROM repayment.outbox o WHERE o.type = 'business_day.closed'
            AND o.envelope->'payload'->>'businessDate' = to_char(c.business_date, 'YYYY-MM-DD')) AS announced
       FROM repayment.business_day_close c ORDER BY c.business_date`,
    ),
    businessDates: await system.query(
      `SELECT (SELECT to_char(business_date, 'YYYY-MM-DD') FROM repayment.business_date) AS repayment,
         (SELECT to_char(business_date, 'YYYY-MM-DD') FROM disbursement.business_calendar) AS disbursement,
         (SELECT to_char(business_date, 'YYYY-MM-DD') FROM portfolio.portfolio_state) AS portfolio`,
    ),
    ledger: {
      byKind: await system.query(
        `SELECT kind, to_char(business_date, 'YYYY-MM-DD') AS date, count(*)::int AS transactions
         FROM disbursement.ledger_transaction GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
      byAccount: await system.query(
        `SELECT account_code, sum(debit)::text AS debit, sum(credit)::text AS credit
         FROM disbursement.ledger_entry GROUP BY account_code ORDER BY account_code`,
      ),
      unbalanced: await system.query(
        `SELECT transaction_id FROM disbursement.ledger_entry GROUP BY transaction_id
         HAVING sum(debit) <> sum(credit)`,
      ),
    },
    eventsPublished: await eventsInStream(system),
    eventsWrittenTwice: await eventsWrittenTwice(system),
    handled: await system.query(
      `SELECT consumer, event_type, count(*)::int AS n FROM (
         SELECT consumer, event_type FROM applications.inbox UNION ALL
         SELECT consumer, event_type FROM credit_scoring.inbox UNION ALL
         SELECT consumer, event_type FROM disbursement.inbox UNION ALL
         SELECT consumer, event_type FROM repayment.inbox UNION ALL
         SELECT consumer, event_type FROM portfolio.inbox) handled
       GROUP BY consumer, event_type ORDER BY consumer, event_type`,
    ),
  };
}

/** How many events of each type the stream holds (JetStream dropped re-published duplicates). */
const isNoAnnouncement = (row: { event_type?: unknown }) =>
  !STATE_ANNOUNCEMENTS.includes(String(row.event_type));

function withoutAnnouncements(published: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(published).filter(([type]) => !STATE_ANNOUNCEMENTS.includes(type)),
  );
}

async function eventsInStream(system: TestSystem): Promise<Record<string, number>> {
  const nc = await connect({ servers: system.natsUrl, timeout: 2000 });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(subjects.eventStream(system.prefix), {
      subjects_filter: '>',
    });
    const prefix = subjects.event(system.prefix, '');
    return Object.fromEntries(
      Object.entries(info.state.subjects ?? {})
        .map(([subject, n]) => [subject.slice(prefix.length), n] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  } finally {
    await nc.close();
  }
}

/** One change reported by two events: the same aggregate at the same version, twice. */
async function eventsWrittenTwice(system: TestSystem) {
  const schemas = ['applications', 'credit_scoring', 'disbursement', 'repayment', 'portfolio'];
  return system.query(
    schemas
      .map(
        (schema) =>
          `SELECT '${schema}' AS producer, type, envelope->>'aggregateId' AS aggregate,
             envelope->>'aggregateVersion' AS version, count(*)::int AS n
           FROM ${schema}.outbox GROUP BY type, 2, 3, 4 HAVING count(*) > 1`,
      )
      .join(' UNION ALL '),
  );
}

/**
 * Records every change of the portfolio's loan rows, in the order they were applied (each loan's row
 * is locked by the change, so for one loan the probe's order is the commit order), and each move of
 * its business date (a close).
 */
async function watchPortfolioLoans(system: TestSystem): Promise<void> {
  await system.query(`
    CREATE SCHEMA probe;
    CREATE TABLE probe.portfolio_loan_change (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, loan_id uuid NOT NULL,
      from_version integer NOT NULL, to_version integer NOT NULL, disbursed_seen boolean NOT NULL);
    CREATE FUNCTION probe.record_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO probe.portfolio_loan_change (loan_id, from_version, to_version, disbursed_seen)
      VALUES (NEW.loan_id, OLD.version, NEW.version, OLD.disbursed_seen);
      RETURN NEW;
    END $$;
    CREATE TRIGGER probe_change AFTER UPDATE ON portfolio.portfolio_loan
      FOR EACH ROW EXECUTE FUNCTION probe.record_change();
    CREATE TABLE probe.business_date_change (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, to_date date NOT NULL);
    CREATE FUNCTION probe.record_business_date() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO probe.business_date_change (to_date) VALUES (NEW.business_date);
      RETURN NEW;
    END $$;
    CREATE TRIGGER probe_business_date AFTER UPDATE OF business_date ON portfolio.portfolio_state
      FOR EACH ROW WHEN (NEW.business_date IS DISTINCT FROM OLD.business_date)
      EXECUTE FUNCTION probe.record_business_date();`);
}

/** Every event id in the stream, with its place in it (the stream's sequence). */
async function streamOrder(system: TestSystem): Promise<Map<string, number>> {
  const nc = await connect({ servers: system.natsUrl, timeout: 2000 });
  try {
    const jsm = await jetstreamManager(nc);
    const stream = subjects.eventStream(system.prefix);
    const { state } = await jsm.streams.info(stream);
    const places = new Map<string, number>();
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (message) places.set(message.json<{ id: string }>().id, seq);
    }
    return places;
  } finally {
    await nc.close();
  }
}

/**
 * Each loan's events in the order the portfolio applied them, against the versions they carried: in
 * order means loan.disbursed first and then each event one version newer than the last, each once.
 * Also each loan's events as their producers wrote them: versions one after another from
 * loan.disbursed's, none twice, none missing.
 */
async function orderOfEachLoan(run: Run) {
  const { system, loans } = run;
  const places = await streamOrder(system);
  const out: Record<string, unknown> = {};
  for (const [label, loanId] of Object.entries(loans)) {
    const [disbursed] = await system.query<{ version: number }>(
      `SELECT (envelope->>'aggregateVersion')::int AS version FROM disbursement.outbox
       WHERE type = 'loan.disbursed' AND envelope->>'aggregateId' = $1`,
      [loanId],
    );
    const [account] = await system.query<{ version: number }>(
      `SELECT version FROM repayment.loan WHERE id = $1`,
      [loanId],
    );
    const written = await system.query<{ version: number; type: string; event_id: string }>(
      `SELECT (envelope->>'aggregateVersion')::int AS version, type, event_id FROM repayment.outbox
       WHERE envelope->>'aggregateId' = $1 ORDER BY 1`,
      [loanId],
    );
    const [disbursedEvent] = await system.query<{ event_id: string }>(
      `SELECT event_id FROM disbursement.outbox
       WHERE type = 'loan.disbursed' AND envelope->>'aggregateId' = $1`,
      [loanId],
    );
    const events = [
      { version: disbursed.version, type: 'loan.disbursed', event_id: disbursedEvent.event_id },
      ...written,
    ];
    const applied = await system.query<{
      from_version: number;
      to_version: number;
      disbursed_seen: boolean;
    }>(
      `SELECT from_version, to_version, disbursed_seen FROM probe.portfolio_loan_change
       WHERE loan_id = $1 ORDER BY seq`,
      [loanId],
    );
    const producedVersions = written.map((row) => row.version);
    const typeOf = (version: number) => events.find((e) => e.version === version)?.type;
    out[label] = {
      // [version, type] in the stream's order, and in the loan's.
      published: [...events]
        .sort((a, b) => (places.get(a.event_id) ?? 0) - (places.get(b.event_id) ?? 0))
        .map((e) => [e.version, e.type]),
      inLoanOrder: events.map((e) => [e.version, e.type]),
      producedAfterDisbursed: producedVersions,
      expectedProduced: Array.from(
        { length: account.version - disbursed.version },
        (_, i) => disbursed.version + 1 + i,
      ),
      appliedByPortfolio: applied.map((row) => [
        row.from_version,
        row.to_version,
        row.disbursed_seen,
        typeOf(row.to_version),
      ]),
      inOrder: [
        [0, disbursed.version, false, 'loan.disbursed'],
        ...producedVersions.map((version) => [version - 1, version, true, typeOf(version)]),
      ],
    };
  }
  return out;
}

/** A system of every service, with a second replica of each when `replicas`, and its season. */
async function seasonOn(replicas: boolean): Promise<Run> {
  process.env.BUSINESS_DATE_START = '2026-01-10';
  const system = await TestSystem.start({
    services: [...SERVICE_NAMES],
    label: replicas ? 'two_replicas' : 'one_replica',
  });
  const second = new Map<string, NestFastifyApplication>();
  if (replicas) {
    for (const service of SERVICE_NAMES) second.set(service, await system.startReplica(service));
  }
  const apps = (service: (typeof SERVICE_NAMES)[number]) =>
    [system.app(service), second.get(service)].filter((app) => app !== undefined);
  await watchPortfolioLoans(system);
  // Who did the work: each replica's inbox (every event it handled) and its repayments recorded.
  const work: Record<string, jest.SpyInstance[]> = {};
  for (const service of SERVICE_NAMES) {
    if (service === 'gateway') continue;
    work[service] = apps(service).map((app) => jest.spyOn(app.get(InboxService), 'processOnce'));
  }
  work.repayments = apps('repayment').map((app) =>
    jest.spyOn(app.get(RecordRepaymentService), 'execute'),
  );
  const run: Run = {
    system,
    staff: await Staff.signIn(apps('gateway')),
    apps,
    applications: { dairy: '', guineaPig: '', mushroom: '', potato: '' },
    loans: { dairy: '', guineaPig: '', mushroom: '', potato: '' },
    answers: {},
    workDone: {},
  };
  await liveTheSeason(run);
  await system.settle(30_000);
  run.workDone = Object.fromEntries(
    Object.entries(work).map(([what, spies]) => [what, spies.map((spy) => spy.mock.calls.length)]),
  );
  return run;
}

/**
 * SPEC.md's "Scale": every service runs as any number of replicas and two give exactly the effects
 * of one. The same season runs on one replica of every service and on two (requests alternating
 * between the two gateways, each service's replicas sharing its database, outbox and durable
 * consumer), and everything a user or the books can tell must be the same — to the céntimo — with
 * each effect once: one payout and one loan.disbursed per loan, one score per submission, each date
 * closed once, one emergency, each loan's events applied in order, nothing dead-lettered.
 */
describe('Two replicas of every service', () => {
  let one: Run;
  let two: Run;
  let onOne: Awaited<ReturnType<typeof whatTheSeasonLeft>>;
  let onTwo: Awaited<ReturnType<typeof whatTheSeasonLeft>>;

  afterAll(async () => {
    await one?.system.close();
    await two?.system.close();
  });

  it('a season on one replica of every service', async () => {
    one = await seasonOn(false);
    onOne = await whatTheSeasonLeft(one);
  }, 120_000);

  it('the same season on two replicas of every service', async () => {
    two = await seasonOn(true);
    onTwo = await whatTheSeasonLeft(two);
  }, 120_000);

  it('shares the requests between the replicas, and one at a time takes each service’s events', () => {
    // Requests: both repayment replicas answered some.
    expect(two.workDone.repayments).toHaveLength(2);
    expect(Math.min(...two.workDone.repayments)).toBeGreaterThan(0);
    // Events: the replica holding the service's consumer lease handled them all, the other stood by
    // (the ordering rules hold within one process; the lease passes on when its holder goes).
    for (const what of ['credit-scoring', 'disbursement', 'repayment', 'portfolio']) {
      const handled = [...two.workDone[what]].sort((a, b) => a - b);
      expect(handled).toHaveLength(2);
      expect(handled[0]).toBe(0);
      expect(handled[1]).toBeGreaterThan(0);
    }
  });

  it('gives the same funds, portfolio, history, loans and repayments, to the céntimo', () => {
    expect(onTwo.funds).toEqual(onOne.funds);
    expect(onTwo.summary).toEqual(onOne.summary);
    expect(onTwo.history).toEqual(onOne.history);
    expect(onTwo.impact).toEqual(onOne.impact);
    expect(onTwo.guaranteeAnalytics).toEqual(onOne.guaranteeAnalytics);
    expect(onTwo.loans).toEqual(onOne.loans);
    expect(onTwo.repayments).toEqual(onOne.repayments);
    expect(onTwo.applications).toEqual(onOne.applications);
    expect(onTwo.businessDates).toEqual(onOne.businessDates);
  });

  it('keeps the same books: transactions by kind, balances by account, every one balanced', () => {
    expect(onTwo.ledger).toEqual(onOne.ledger);
    expect(onOne.ledger.unbalanced).toEqual([]);
  });

  it('does each thing once: a score per submission, a payout and a loan.disbursed per loan', () => {
    for (const season of [onOne, onTwo]) {
      // The mushroom family was scored twice: once as submitted, once as resubmitted.
      expect(season.scoresPerApplication).toEqual({
        dairy: 1,
        guineaPig: 1,
        mushroom: 2,
        potato: 1,
      });
      const once = { dairy: 1, guineaPig: 1, mushroom: 1, potato: 1 };
      expect(season.payoutsPerApplication).toEqual(once);
      expect(season.loanDisbursedPerLoan).toEqual(once);
      expect(season.accountsOpenedPerLoan).toEqual(once);
      expect(season.eventsWrittenTwice).toEqual([]);
    }
    // A position announcement superseded in the relay's batch is not published (only the newest
    // is): how many go out depends on the batches, so those are compared by what they end with.
    expect(withoutAnnouncements(onTwo.eventsPublished)).toEqual(
      withoutAnnouncements(onOne.eventsPublished),
    );
    expect(onTwo.handled.filter(isNoAnnouncement)).toEqual(onOne.handled.filter(isNoAnnouncement));
    for (const season of [onOne, onTwo]) {
      expect(season.eventsPublished[FundEvents.GuaranteePositionChanged]).toBeGreaterThan(0);
    }
  });

  it('records the receipt sent twice at once once, and both receipts of the same moment', async () => {
    for (const run of [one, two]) {
      const answers = run.answers.concurrentRepayments as { status: number; id: string }[];
      // G-1 twice, G-2 twice: each pair one repayment (201 first, the same one again after).
      expect(answers.map((a) => a.status).every((s) => s === 200 || s === 201)).toBe(true);
      expect(answers[0].id).toBe(answers[1].id);
      expect(answers[2].id).toBe(answers[3].id);
      expect(answers[0].id).not.toBe(answers[2].id);
      const [{ n }] = await run.system.query<{ n: string }>(
        `SELECT count(*) AS n FROM repayment.repayment WHERE loan_id = $1 AND paid_on = '2026-02-10'`,
        [run.loans.guineaPig],
      );
      expect(Number(n)).toBe(2);
    }
  });

  it('closes each date once, however many closes were asked for at once', () => {
    for (const [run, season] of [
      [one, onOne],
      [two, onTwo],
    ] as const) {
      expect(run.answers.closes).toEqual([
        { status: 200, businessDate: '2026-05-11' },
        { status: 200, businessDate: '2026-05-11' },
        ...run.apps('repayment').map(() => ({ status: 'direct', businessDate: '2026-05-11' })),
      ]);
      const dates = season.closes.map((c) => (c as { date: string }).date);
      // Every date from the start's next day to 2026-05-11, each once and announced once.
      expect(dates).toHaveLength(121);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.at(0)).toBe('2026-01-11');
      expect(dates.at(-1)).toBe('2026-05-11');
      expect(season.closes.every((c) => (c as { announced: number }).announced === 1)).toBe(true);
      // …and each kept in the fund manager's history, after the date the system started on.
      expect((season.history as { asOf: string }[]).map((row) => row.asOf)).toEqual([
        '2026-01-10',
        ...dates,
      ]);
      expect(season.businessDates).toEqual([
        { repayment: '2026-05-11', disbursement: '2026-05-11', portfolio: '2026-05-11' },
      ]);
    }
    expect(onTwo.closes).toEqual(onOne.closes);
  });

  it('declares the frost once and reprograms each of its loans once', () => {
    for (const [run, season] of [
      [one, onOne],
      [two, onTwo],
    ] as const) {
      const answers = run.answers.emergencies as { status: number | string; id?: string }[];
      const ids = new Set(answers.filter((a) => a.id).map((a) => a.id));
      expect(ids.size).toBe(1);
      // A gateway answers the first request; the same key at once is either still running (409)
      // or its answer again (201); each replica returns the one emergency.
      expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
      expect(answers.every((a) => [201, 409, 'direct'].includes(a.status))).toBe(true);
      expect(season.emergencies).toEqual([
        { name: EMERGENCY.name, status: 'completed', reprogrammed: 1, skipped: 0 },
      ]);
      expect(season.reprogrammingsPerLoan).toEqual({ dairy: 1 });
    }
  });

  it('gives the guarantee fund the figures of the loans: fees, the claim and its recovery', async () => {
    const guineaPig = onOne.loans.guineaPig as { claimAmount: string };
    // Fees 1.5 % of 4200.00, 2100.00, 1400.00 and 2800.00; the claim 0.70 × the principal then
    // outstanding; the fund's 0.70 of the 500.00 paid after the claim.
    expect(onOne.funds.guarantee).toMatchObject({
      capital: '2600.00',
      feesEarned: '157.50',
      claimsPaid: guineaPig.claimAmount,
      recoveries: formatMoney(roundMoney(new Decimal('500.00').mul('0.70'))),
    });
    expect(onTwo.funds.guarantee).toEqual(onOne.funds.guarantee);
  });

  it('publishes the closes in date order and applies them in that order', async () => {
    for (const run of [one, two]) {
      const places = await streamOrder(run.system);
      const closes = await run.system.query<{ event_id: string; date: string }>(
        `SELECT event_id, envelope->'payload'->>'businessDate' AS date FROM repayment.outbox
         WHERE type = 'business_day.closed' ORDER BY 2`,
      );
      const published = [...closes].sort(
        (a, b) => (places.get(a.event_id) ?? 0) - (places.get(b.event_id) ?? 0),
      );
      expect(published.map((c) => c.date)).toEqual(closes.map((c) => c.date));
      // The probe was set after the start's own announcement (2026-01-10): the closes after it.
      const applied = await run.system.query<{ date: string }>(
        `SELECT to_char(to_date, 'YYYY-MM-DD') AS date FROM probe.business_date_change
         WHERE to_date > '2026-01-10' ORDER BY seq`,
      );
      expect(applied.map((c) => c.date)).toEqual(
        closes.map((c) => c.date).filter((date) => date > '2026-01-10'),
      );
    }
  });

  it("applies each loan's events in order whichever replica takes them", async () => {
    for (const run of [one, two]) {
      const order = await orderOfEachLoan(run);
      for (const loan of Object.values(order) as Record<string, unknown>[]) {
        // Written: one version after another from loan.disbursed's, none twice or missing.
        expect(loan.producedAfterDisbursed).toEqual(loan.expectedProduced);
        // Published: into the stream in the loan's order.
        expect(loan.published).toEqual(loan.inLoanOrder);
        // Applied: each event on the state the one before it left, loan.disbursed first.
        expect(loan.appliedByPortfolio).toEqual(loan.inOrder);
      }
    }
  });

  it('reconciles both systems and dead-letters nothing', async () => {
    for (const run of [one, two]) {
      await run.system.settle();
      expect(await reconcile(run.system.databaseUrl)).toEqual([]);
      expect(await run.system.deadLetters()).toBe(0);
    }
  });
});
