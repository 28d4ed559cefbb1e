import { Decimal, formatMoney, money } from '@qollqa/money';
import { Pool } from 'pg';
import { reconcile } from '../reconcile/reconcile-checks';
import { ClientStats, RetryingClient } from './retrying-client';
import { SeasonRecord, SeasonStaff } from './season';

/** One invariant, checked: the figures it compared, and what disagrees when it does not hold. */
export interface Invariant {
  name: string;
  holds: boolean;
  figures: string;
  problems: string[];
}

export interface InvariantInputs {
  db: Pool;
  databaseUrl: string;
  api: RetryingClient;
  staff: SeasonStaff;
  record: SeasonRecord;
  clients: ClientStats;
  deadLetters: number;
}

type Row = Record<string, string>;

const sum = (values: Decimal.Value[]): Decimal =>
  values.reduce<Decimal>((total, value) => total.plus(value), money(0));

/**
 * What must hold after any number of faults, checked against the run's database (every schema, as
 * the operator's reconciliation reads it) and the API, and compared with what the season sent and
 * was acknowledged. Run on a quiet system (every outbox published, every consumer caught up).
 */
export async function checkInvariants(inputs: InvariantInputs): Promise<Invariant[]> {
  return [
    await oneApplicationPerKey(inputs),
    await everyApplicationFinal(inputs),
    await oneLoanAndPayoutPerDisbursement(inputs),
    await repaymentsAppliedOnce(inputs),
    await ledgerBalanced(inputs),
    await fundsEqualLedger(inputs),
    await portfolioEqualsLoans(inputs),
    await reconciliation(inputs),
    noDeadLetters(inputs),
    answersAsTheContractSays(inputs),
  ];
}

function invariant(name: string, figures: string, problems: string[]): Invariant {
  return { name, holds: problems.length === 0, figures, problems };
}

async function rows(db: Pool, sql: string): Promise<Row[]> {
  return (await db.query<Row>(sql)).rows;
}

async function oneApplicationPerKey({ db, record }: InvariantInputs): Promise<Invariant> {
  const stored = await rows(
    db,
    `SELECT idempotency_key AS key, count(*)::text AS n, min(id::text) AS id
     FROM applications.application GROUP BY created_by_id, idempotency_key`,
  );
  const byKey = new Map(stored.map((row) => [row.key, row]));
  const sent = record.applications.filter((application) => application.id);
  const problems: string[] = [];
  for (const application of sent) {
    const row = byKey.get(application.key);
    if (!row) problems.push(`${application.key}: no application`);
    else if (row.n !== '1') problems.push(`${application.key}: ${row.n} applications`);
    else if (row.id !== application.id)
      problems.push(`${application.key}: the API answered ${application.id}, stored ${row.id}`);
  }
  const total = sum(stored.map((row) => row.n)).toNumber();
  if (total !== sent.length) problems.push(`${total} applications stored for ${sent.length} keys`);
  return invariant(
    'one application per Idempotency-Key',
    `${sent.length} keys acknowledged, ${total} applications stored`,
    problems,
  );
}

async function everyApplicationFinal({ db, record }: InvariantInputs): Promise<Invariant> {
  const stored = new Map(
    (await rows(db, `SELECT id::text, status FROM applications.application`)).map((row) => [
      row.id,
      row.status,
    ]),
  );
  const problems = record.applications
    .filter((application) => !application.id || stored.get(application.id) !== application.outcome)
    .map(
      (application) =>
        `${application.key}: ${application.id ? stored.get(application.id) : 'not registered'}, ` +
        `expected ${application.outcome}${application.failure ? ` (${application.failure})` : ''}`,
    );
  const count = (status: string) => [...stored.values()].filter((s) => s === status).length;
  return invariant(
    'every application in a final state',
    `${count('disbursed')} disbursed, ${count('rejected')} rejected, ` +
      `${stored.size - count('disbursed') - count('rejected')} elsewhere`,
    problems,
  );
}

async function oneLoanAndPayoutPerDisbursement({
  db,
  record,
}: InvariantInputs): Promise<Invariant> {
  const stored = await rows(
    db,
    `SELECT a.id::text, a.status, a.loan_id::text AS loan_id,
            (SELECT count(*) FROM repayment.loan l WHERE l.application_id = a.id)::text AS loans,
            (SELECT string_agg(l.id::text, ',') FROM repayment.loan l WHERE l.application_id = a.id) AS loan_ids,
            (SELECT l.principal::text FROM repayment.loan l WHERE l.application_id = a.id LIMIT 1) AS principal,
            (SELECT l.grant_amount::text FROM repayment.loan l WHERE l.application_id = a.id LIMIT 1) AS grant_amount,
            (SELECT count(*) FROM disbursement.disbursement d
             WHERE d.application_id = a.id AND d.status = 'disbursed' AND d.loan_id = a.loan_id)::text AS payouts,
            (SELECT count(*) FROM disbursement.ledger_transaction t
             WHERE t.key = 'payout:' || a.id)::text AS postings
     FROM applications.application a`,
  );
  const byId = new Map(stored.map((row) => [row.id, row]));
  const problems: string[] = [];
  for (const application of record.applications.filter((a) => a.id)) {
    const row = byId.get(application.id!);
    if (!row) continue; // reported by the invariant above
    const expected =
      application.outcome === 'disbursed'
        ? {
            loans: '1',
            loan_ids: row.loan_id ?? 'the loan the application names',
            principal: application.approved,
            grant_amount: application.grant,
            payouts: '1',
            postings: '1',
          }
        : { loans: '0', payouts: '0', postings: '0' };
    for (const [field, value] of Object.entries(expected)) {
      if (row[field] !== value) {
        problems.push(`application ${application.key}: ${field} ${row[field]}, expected ${value}`);
      }
    }
  }
  const [totals] = await rows(
    db,
    `SELECT (SELECT count(*) FROM repayment.loan)::text AS loans,
            (SELECT count(*) FROM disbursement.disbursement WHERE status = 'disbursed')::text AS payouts,
            (SELECT count(*) FROM disbursement.ledger_transaction WHERE kind = 'payout')::text AS postings`,
  );
  const disbursed = record.applications.filter((a) => a.id && a.outcome === 'disbursed').length;
  for (const [what, n] of Object.entries(totals)) {
    if (Number(n) !== disbursed)
      problems.push(`${n} ${what} in all for ${disbursed} disbursed applications`);
  }
  return invariant(
    'one loan and one payout per disbursed application',
    `${disbursed} disbursed applications, ${totals.loans} loans, ${totals.payouts} payouts, ` +
      `${totals.postings} payout postings`,
    problems,
  );
}

async function repaymentsAppliedOnce({ db, record }: InvariantInputs): Promise<Invariant> {
  const stored = await rows(
    db,
    `SELECT r.id::text, r.loan_id::text, r.external_ref, r.amount::text,
            (r.principal + r.prepayment)::text AS principal_repaid,
            (r.reversed_at IS NOT NULL)::text AS reversed,
            (SELECT count(*) FROM disbursement.ledger_transaction t
             WHERE t.key = 'repayment:' || r.id)::text AS postings,
            (SELECT coalesce(sum(e.debit), 0)::text FROM disbursement.ledger_transaction t
             JOIN disbursement.ledger_entry e ON e.transaction_id = t.id
             WHERE t.key = 'repayment:' || r.id AND e.account_code = 'lending_pool.cash') AS cash_in,
            (SELECT count(*) FROM disbursement.ledger_transaction t
             WHERE t.key = 'repayment-reversal:' || r.id)::text AS reversal_postings
     FROM repayment.repayment r`,
  );
  const byId = new Map(stored.map((row) => [row.id, row]));
  const problems: string[] = [];
  for (const repayment of record.repayments) {
    const row = byId.get(repayment.repaymentId);
    if (!row) {
      problems.push(
        `${repayment.externalRef} (${repayment.repaymentId}): acknowledged, not stored`,
      );
      continue;
    }
    const expected = {
      loan_id: repayment.loanId,
      external_ref: repayment.externalRef,
      amount: repayment.amount,
      principal_repaid: repayment.principalRepaid,
      reversed: String(repayment.reversed),
      postings: '1',
      cash_in: repayment.amount,
      reversal_postings: repayment.reversed ? '1' : '0',
    };
    for (const [field, value] of Object.entries(expected)) {
      if (row[field] !== value) {
        problems.push(`${repayment.externalRef}: ${field} ${row[field]}, expected ${value}`);
      }
    }
  }
  const acknowledged = new Set(record.repayments.map((r) => r.repaymentId));
  for (const row of stored.filter((r) => !acknowledged.has(r.id))) {
    problems.push(`${row.external_ref} (${row.id}): stored, never acknowledged`);
  }
  // Each loan's balance is its principal less what its standing repayments paid of it, and its
  // schedule's paid principal says the same (compared as numbers: 0 and 0.00 are one amount).
  const loans = await rows(
    db,
    `WITH figures AS (
       SELECT l.id, l.principal, l.outstanding_principal AS outstanding,
              (SELECT coalesce(sum(r.principal + r.prepayment), 0) FROM repayment.repayment r
               WHERE r.loan_id = l.id AND r.reversed_at IS NULL) AS repaid,
              (SELECT coalesce(sum(i.paid_principal), 0) FROM repayment.installment i
               WHERE i.loan_id = l.id) AS paid_on_schedule
       FROM repayment.loan l
     )
     SELECT id::text, outstanding::text, (principal - repaid)::text AS expected,
            paid_on_schedule::text, repaid::text
     FROM figures WHERE outstanding <> principal - repaid OR paid_on_schedule <> repaid`,
  );
  for (const loan of loans) {
    problems.push(
      `loan ${loan.id}: outstanding ${loan.outstanding} (principal − repaid = ${loan.expected}), ` +
        `schedule paid ${loan.paid_on_schedule}, repayments' principal ${loan.repaid}`,
    );
  }
  const reversed = record.repayments.filter((r) => r.reversed).length;
  return invariant(
    'each acknowledged repayment applied once',
    `${record.repayments.length} acknowledged (${reversed} reversed, the right amount recorded anew), ` +
      `${stored.length} stored, ${sum(stored.map((r) => r.postings)).toNumber()} ledger postings`,
    problems,
  );
}

async function ledgerBalanced({ db, record }: InvariantInputs): Promise<Invariant> {
  const [books] = await rows(
    db,
    `SELECT (SELECT coalesce(sum(debit), 0) FROM disbursement.ledger_entry)::text AS debits,
            (SELECT coalesce(sum(credit), 0) FROM disbursement.ledger_entry)::text AS credits,
            (SELECT count(*) FROM (SELECT transaction_id FROM disbursement.ledger_entry
              GROUP BY transaction_id HAVING sum(debit) <> sum(credit)) unbalanced)::text AS unbalanced,
            (SELECT count(*) FROM disbursement.ledger_transaction t WHERE NOT EXISTS
              (SELECT 1 FROM disbursement.ledger_entry e WHERE e.transaction_id = t.id))::text AS empty,
            (SELECT count(*) - count(DISTINCT key) FROM disbursement.ledger_transaction)::text AS duplicate_keys,
            (SELECT count(*) FROM disbursement.ledger_transaction)::text AS transactions`,
  );
  const kinds = new Map(
    (
      await rows(
        db,
        `SELECT kind, count(*)::text AS n FROM disbursement.ledger_transaction GROUP BY kind`,
      )
    ).map((row) => [row.kind, Number(row.n)]),
  );
  const problems: string[] = [];
  if (books.debits !== books.credits)
    problems.push(`debits ${books.debits} ≠ credits ${books.credits}`);
  if (books.unbalanced !== '0') problems.push(`${books.unbalanced} transactions do not balance`);
  if (books.empty !== '0') problems.push(`${books.empty} transactions without entries`);
  if (books.duplicate_keys !== '0') problems.push(`${books.duplicate_keys} duplicate keys`);
  const disbursed = record.applications.filter((a) => a.id && a.outcome === 'disbursed');
  const expected: Record<string, number> = {
    guarantee_capital: record.guaranteeCapital.length,
    innovation_budget: record.innovationBudget.length,
    grant_commitment: disbursed.filter((a) => money(a.grant).gt(0)).length,
    payout: disbursed.length,
    repayment: record.repayments.length,
    repayment_reversal: record.repayments.filter((r) => r.reversed).length,
  };
  for (const [kind, n] of Object.entries(expected)) {
    if ((kinds.get(kind) ?? 0) !== n)
      problems.push(`${kinds.get(kind) ?? 0} ${kind} transactions, expected ${n}`);
  }
  return invariant(
    'the ledger balanced, no duplicate keys',
    `${books.transactions} transactions, debits ${books.debits} = credits ${books.credits}`,
    problems,
  );
}

interface Funds {
  guarantee: Record<string, string>;
  innovation: Record<string, string>;
  lendingPool: Record<string, string>;
}

async function fundsEqualLedger({ db, api, staff, record }: InvariantInputs): Promise<Invariant> {
  const { body: funds } = await api.get<Funds>(staff.manager, '/api/funds');
  const [loans] = await rows(
    db,
    `SELECT coalesce(sum(principal), 0)::text AS principal, coalesce(sum(guarantee_fee), 0)::text AS fees,
            coalesce(sum(grant_amount), 0)::text AS grants, coalesce(sum(claim_amount), 0)::text AS claims
     FROM repayment.loan`,
  );
  const disbursed = record.applications.filter((a) => a.id && a.outcome === 'disbursed');
  const principal = sum(disbursed.map((a) => a.approved!));
  const repaid = sum(record.repayments.filter((r) => !r.reversed).map((r) => r.principalRepaid));
  const grants = sum(disbursed.map((a) => a.grant));
  const expected: [string, string | undefined, Decimal.Value][] = [
    ['guarantee capital', funds.guarantee?.capital, sum(record.guaranteeCapital)],
    ['fees earned (Σ loans’ guarantee fees)', funds.guarantee?.feesEarned, loans.fees],
    ['claims paid (Σ loans’ claims)', funds.guarantee?.claimsPaid, loans.claims],
    ['innovation budget', funds.innovation?.budget, sum(record.innovationBudget)],
    ['grants paid', funds.innovation?.disbursed, grants],
    ['grants paid (Σ loans’ grants)', funds.innovation?.disbursed, loans.grants],
    ['lending pool disbursed', funds.lendingPool?.disbursed, principal],
    ['lending pool disbursed (Σ loans’ principal)', funds.lendingPool?.disbursed, loans.principal],
    ['lending pool repaid principal', funds.lendingPool?.repaidPrincipal, repaid],
    ['lending pool outstanding', funds.lendingPool?.outstanding, principal.minus(repaid)],
  ];
  const problems = expected
    .filter(([, shown, value]) => shown !== formatMoney(value))
    .map(
      ([what, shown, value]) => `${what}: the API says ${shown}, expected ${formatMoney(value)}`,
    );
  return invariant(
    'funds = ledger',
    `disbursed ${funds.lendingPool?.disbursed}, repaid principal ${funds.lendingPool?.repaidPrincipal}, ` +
      `fees ${funds.guarantee?.feesEarned}, grants ${funds.innovation?.disbursed}`,
    problems,
  );
}

async function portfolioEqualsLoans({ db, api, staff }: InvariantInputs): Promise<Invariant> {
  const { body: summary } = await api.get<Record<string, unknown>>(
    staff.manager,
    '/api/portfolio/summary',
  );
  const [loans] = await rows(
    db,
    `SELECT count(*) FILTER (WHERE status IN ('active', 'claimed'))::text AS open,
            coalesce(sum(outstanding_principal) FILTER (WHERE status IN ('active', 'claimed')), 0)::text AS gross,
            count(DISTINCT enterprise_id)::text AS enterprises
     FROM repayment.loan`,
  );
  const expected: [string, unknown, string][] = [
    ['active loans', summary.activeLoans, loans.open],
    ['gross portfolio', summary.grossPortfolio, formatMoney(loans.gross)],
    ['enterprises financed', summary.enterprisesFinanced, loans.enterprises],
  ];
  const problems = expected
    .filter(([, shown, value]) => String(shown) !== value)
    .map(([what, shown, value]) => `${what}: the portfolio says ${shown}, the loans ${value}`);
  return invariant(
    'portfolio = loans',
    `${summary.activeLoans} active loans, gross portfolio ${summary.grossPortfolio}`,
    problems,
  );
}

async function reconciliation({ databaseUrl }: InvariantInputs): Promise<Invariant> {
  const differences = await reconcile(databaseUrl);
  return invariant(
    'every derived figure agrees with its source (npm run reconcile)',
    `${differences.length} differences`,
    differences,
  );
}

function noDeadLetters({ deadLetters }: InvariantInputs): Invariant {
  return invariant(
    'no event dead-lettered',
    `${deadLetters} dead letters`,
    deadLetters > 0 ? [`${deadLetters} events in the dead-letter stream`] : [],
  );
}

function answersAsTheContractSays({ clients, record }: InvariantInputs): Invariant {
  return invariant(
    'every answer as the contract says (no 500, no refusal of a valid request)',
    `${clients.requests} requests, ${clients.retries} retries (${clients.networkErrors} without an ` +
      `answer, ${clients.unavailable} × 503, ${clients.keyInProgress} × key in progress)`,
    [...clients.serverErrors, ...record.refusals],
  );
}

/**
 * Acknowledged changes and sign-ins without their audit entry (by the request id of the attempt that
 * was answered). Reported, not an invariant: the gateway writes the entry after the answer and
 * drops it when that write fails (AuditRecorder), so a change answered just before PostgreSQL or
 * the gateway went down may lack it.
 */
export async function changesMissingFromAudit({ db, clients }: InvariantInputs): Promise<string[]> {
  const acknowledged = clients.acknowledgedPosts;
  const { rows: found } = await db.query<{ request_id: string; status_code: number }>(
    `SELECT request_id, status_code FROM gateway.audit_entry WHERE request_id = ANY($1::text[])`,
    [acknowledged.map((post) => post.requestId)],
  );
  const audited = new Set(found.map((row) => `${row.request_id} ${row.status_code}`));
  return acknowledged
    .filter((post) => !audited.has(`${post.requestId} ${post.status}`))
    .map((post) => `${post.action} → ${post.status} (${post.requestId})`);
}
