import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { SERVICE_NAMES } from '@qollqa/config';
import { subjects } from '@qollqa/contracts';
import { Pool } from 'pg';
import { deadLetterCount, replicasOf, waitUntilQuiet } from '../../scripts/chaos/quiet';
import { reconcile } from '../../scripts/reconcile/reconcile-checks';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { eventually } from '../support/eventually';
import { NatsCluster } from '../support/nats-cluster';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

/** Céntimos of a "1234.56" amount, and back: the test's own arithmetic, exact. */
const cents = (text: string): bigint => BigInt(text.replace('.', ''));
const soles = (value: bigint): string =>
  `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;
const sum = (values: bigint[]): bigint => values.reduce((total, value) => total + value, 0n);

/** The guarantee fee of a loan without collateral: 1.5 % of 70 % of the principal, half-up. */
const guaranteeFee = (principal: bigint): bigint => (principal * 1050n + 50_000n) / 100_000n;

const FAMILIES = 8;
/** A principal per family, one of them above PEN 10,000 (a fund manager's second approval). */
const principalOf = (i: number): bigint => (i === 0 ? 1_200_000n : 300_000n + BigInt(i) * 45_000n);
/** Every other family asks for a matching grant of 20 % of its principal. */
const grantOf = (i: number): bigint => (i % 2 === 0 ? principalOf(i) / 5n : 0n);

/**
 * The national programme's NATS: a 3-server JetStream cluster (the machine's nats-server, routes on
 * the loopback), every service given all three in NATS_URL and STREAM_REPLICAS=3. Families are
 * registered and scored, approved, and while their payouts travel through the event stream the
 * server leading it is killed; the rest of the season runs on the other two, then the killed one
 * comes back. Every effect is there exactly once, figures agree with what was sent, no event is
 * dead-lettered.
 */
describe('Events through a 3-node NATS cluster when a server dies', () => {
  let cluster: NatsCluster;
  let system: TestSystem;
  let staff: StaffClient;
  let db: Pool;

  beforeAll(async () => {
    cluster = await NatsCluster.start();
    process.env.STREAM_REPLICAS = '3';
    process.env.BUSINESS_DATE_START = '2026-03-02';
    system = await TestSystem.start({
      services: [...SERVICE_NAMES],
      natsUrl: cluster.urls,
      label: 'nats_cluster',
      // A lost ack (its server died) brings the event back in seconds, to the inbox's guard.
      ackWaitMs: 10_000,
    });
    staff = await StaffClient.signIn(system);
    db = system.db;
  }, 90_000);

  afterAll(async () => {
    await system?.close();
    delete process.env.STREAM_REPLICAS;
    await cluster?.destroy();
  });

  /** A POST retried with its Idempotency-Key while the gateway says to try again (503, key busy). */
  async function postRetrying(
    role: 'officer' | 'manager',
    path: string,
    body: object,
    key: string,
  ) {
    return eventually(
      async () => {
        const response = await staff.as(role).post(path, body).set('Idempotency-Key', key);
        const busy =
          response.status === 503 ||
          (response.status === 409 && response.body.code === 'IDEMPOTENCY_KEY_IN_PROGRESS');
        if (busy) throw new Error(`${path}: ${response.status}, to be retried`);
        return response;
      },
      30_000,
      250,
    );
  }

  // Generous: a consumer whose leader was on the killed server resumes only once its client
  // notices the pull is gone (two missed idle heartbeats of the pull, about 30 s by default).
  const waitForStatus = (id: string, status: string) =>
    eventually(
      async () => {
        const response = await staff.as('officer').get(`/api/applications/${id}`);
        expect(response.body.status).toBe(status);
        return response.body;
      },
      90_000,
      200,
    );

  async function streamLeader(): Promise<number> {
    const nc = await connect({ servers: cluster.servers, timeout: 5000 });
    try {
      const info = await (
        await jetstreamManager(nc)
      ).streams.info(subjects.eventStream(system.prefix));
      return cluster.nodes.findIndex((node) => node.name === info.cluster?.leader);
    } finally {
      await nc.close();
    }
  }

  it('keeps three copies of the event stream, the dead letters and every durable consumer', async () => {
    const { streams, consumers } = await replicasOf(cluster.servers, system.prefix);
    expect(Object.values(streams)).toEqual([3, 3]);
    expect(Object.keys(consumers).sort()).toEqual(
      SERVICE_NAMES.filter((service) => service !== 'gateway').sort(),
    );
    expect(new Set(Object.values(consumers))).toEqual(new Set([3]));
  });

  it('loses nothing and does nothing twice when the stream leader is killed mid-way', async () => {
    await staff.addGuaranteeCapital('200000.00', 'BN-CLUSTER');
    await staff.addInnovationBudget('20000.00', 'MINAGRI-CLUSTER');
    const families = Array.from({ length: FAMILIES }, (_, i) =>
      applicationBody({
        enterprise: { documentId: newDocumentId(), name: `Familia Cluster ${i}` },
        request: {
          amount: soles(principalOf(i)),
          termMonths: 12,
          innovation: {
            description: 'Cooling tank',
            cost: soles(principalOf(i) * 2n),
            grantRequested: soles(grantOf(i)),
          },
        },
      }),
    );
    const ids = await Promise.all(families.map((body) => staff.registerScored(body)));

    // Approved: application.approved is on its way to the payouts when the leader dies.
    await Promise.all(ids.map((id) => staff.approve(id)));
    const killed = await streamLeader();
    expect(killed).toBeGreaterThanOrEqual(0);
    await cluster.kill(killed);

    const loanIds: string[] = [];
    for (const id of ids) loanIds.push((await waitForStatus(id, 'disbursed')).loanId);
    for (const loanId of loanIds) {
      await eventually(
        async () =>
          expect((await staff.as('officer').get(`/api/loans/${loanId}`)).status).toBe(200),
        90_000,
        200,
      );
    }

    // Repayments while one server of three is down, then more once it is back.
    const repaid: { amount: bigint; principal: bigint }[] = [];
    const repayAll = async (round: number) => {
      for (const [i, loanId] of loanIds.entries()) {
        const amount = 10_000n + BigInt(i * 1_000 + round * 500);
        const response = await postRetrying(
          'officer',
          `/api/loans/${loanId}/repayments`,
          { amount: soles(amount), paidOn: '2026-03-02', externalRef: `CL-${i}-${round}` },
          `cluster-repayment-${i}-${round}`,
        );
        expect(response.status).toBe(201);
        const { principal, prepayment } = response.body.allocated;
        repaid.push({ amount, principal: cents(principal) + cents(prepayment) });
      }
    };
    await repayAll(1);
    await cluster.restart(killed);
    await cluster.waitUntilHealthy();
    await repayAll(2);

    await waitUntilQuiet({ db, servers: cluster.servers, prefix: system.prefix }, 45_000);

    const count = async (sql: string) => (await db.query(sql)).rows[0].n;
    // One loan, one payout row, one payout posting per application; one posting per repayment.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM applications.application WHERE status = 'disbursed'`,
      ),
    ).toBe(FAMILIES);
    expect(await count('SELECT count(DISTINCT application_id)::int AS n FROM repayment.loan')).toBe(
      FAMILIES,
    );
    expect(await count('SELECT count(*)::int AS n FROM repayment.loan')).toBe(FAMILIES);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM disbursement.disbursement WHERE status = 'disbursed'`,
      ),
    ).toBe(FAMILIES);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM disbursement.ledger_transaction WHERE kind = 'payout'`,
      ),
    ).toBe(FAMILIES);
    expect(await count('SELECT count(*)::int AS n FROM repayment.repayment')).toBe(FAMILIES * 2);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM disbursement.ledger_transaction WHERE kind = 'repayment'`,
      ),
    ).toBe(FAMILIES * 2);
    const [books] = (
      await db.query(
        `SELECT sum(debit)::text AS debits, sum(credit)::text AS credits FROM disbursement.ledger_entry`,
      )
    ).rows;
    expect(books.debits).toBe(books.credits);

    // The funds and the portfolio say what was sent, to the céntimo.
    const principals = sum(ids.map((_, i) => principalOf(i)));
    const repaidPrincipal = sum(repaid.map((r) => r.principal));
    const funds = await staff.funds();
    expect(funds.lendingPool).toEqual({
      disbursed: soles(principals),
      repaidPrincipal: soles(repaidPrincipal),
      outstanding: soles(principals - repaidPrincipal),
    });
    expect(funds.guarantee.feesEarned).toBe(
      soles(sum(ids.map((_, i) => guaranteeFee(principalOf(i))))),
    );
    expect(funds.innovation.disbursed).toBe(soles(sum(ids.map((_, i) => grantOf(i)))));
    const [pool] = (
      await db.query(
        `SELECT sum(e.debit)::text AS received FROM disbursement.ledger_entry e
         JOIN disbursement.ledger_transaction t ON t.id = e.transaction_id
         WHERE t.kind = 'repayment' AND e.account_code = 'lending_pool.cash'`,
      )
    ).rows;
    expect(pool.received).toBe(soles(sum(repaid.map((r) => r.amount))));
    const summary = (await staff.as('manager').get('/api/portfolio/summary').expect(200)).body;
    expect(summary).toMatchObject({
      activeLoans: FAMILIES,
      grossPortfolio: soles(principals - repaidPrincipal),
      enterprisesFinanced: FAMILIES,
    });

    expect(await deadLetterCount(cluster.servers, system.prefix)).toBe(0);
    expect(await reconcile(system.databaseUrl)).toEqual([]);
  }, 180_000);
});
