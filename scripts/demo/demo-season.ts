import { addMonthsClamped } from '@qollqa/money';
import { DemoApi, waitUntil } from './demo-api';

interface DemoLoan {
  id: string;
  status: string;
  disbursedOn: string;
  nextInstallment: { number: number; dueDate: string; amountDue: string } | null;
  outstandingPrincipal: string;
  moratoryInterestDue?: string;
  schedule?: { number: number; interest: string; paidInterest: string }[];
}

/** How a demo family repays, by the loan's place in the list: most on time, some late, a few never. */
type Behaviour = 'on_time' | 'late' | 'never' | 'early_payoff';
function behaviourOf(index: number): Behaviour {
  if (index % 10 === 3) return 'never';
  if (index % 10 === 6 || index % 10 === 8) return 'late';
  if (index % 10 === 5) return 'early_payoff';
  return 'on_time';
}

const MONTHS = 4;
/** After this month's repayments a frost hits one district and its loans are reprogrammed. */
const FROST_MONTH = 2;
const FROST_DISTRICT = 'Ccatca';

/**
 * The demo's past season: the loans were paid out at the start date; month by month the admin closes
 * the business day and officers record what families paid. On-time families pay each installment on
 * its due date, late ones skip two months and catch up, some never pay (claimed at 90 days), some pay
 * everything off early. After the second month a frost (helada) is declared in Ccatca: its loans
 * that are at most 30 days late are reprogrammed, the others listed as skipped. Then the business
 * date is brought to today. Repayments are idempotent (`externalRef`), the emergency too (its
 * Idempotency-Key), closes of past dates are skipped, so running it again changes nothing.
 */
export async function playDemoSeason(
  api: DemoApi,
  expectedLoans: number,
  today: string,
): Promise<string> {
  const { businessDate } = await api.get<{ businessDate: string }>(
    'admin',
    '/api/admin/business-date',
  );
  if (businessDate >= today) return `season already played (business date ${businessDate})`;
  const loans = await waitUntil(async () => {
    const page = await api.get<{ items: DemoLoan[]; total: number }>(
      'officer',
      '/api/loans?pageSize=100',
    );
    return page.total >= expectedLoans ? page.items : undefined;
  }, 60_000);
  const start = loans.reduce(
    (min, loan) => (loan.disbursedOn < min ? loan.disbursedOn : min),
    today,
  );
  let payments = 0;

  for (let month = 1; month <= MONTHS; month++) {
    const dueDate = addMonthsClamped(start, month);
    if (dueDate >= today) break;
    await closeTo(api, dueDate);
    for (const [index, summary] of loans.entries()) {
      const behaviour = behaviourOf(index);
      if (behaviour === 'never' || (behaviour === 'late' && (month === 2 || month === 3))) continue;
      const loan = await api.get<DemoLoan>('officer', `/api/loans/${summary.id}`);
      if (loan.status === 'repaid' || loan.disbursedOn !== start) continue;
      const amount =
        behaviour === 'early_payoff' && month === 2 ? payoffAmount(loan) : owedUpTo(loan, dueDate);
      if (!amount) continue;
      const recorded = await api.postUnlessConflict('officer', `/api/loans/${loan.id}/repayments`, {
        amount,
        paidOn: dueDate,
        externalRef: `DEMO-${loan.id.slice(0, 8)}-${month}`,
      });
      // A conflict: this receipt was recorded by an earlier start that stopped half-way.
      if (recorded) payments++;
    }
    if (month === FROST_MONTH) await declareFrost(api, dueDate);
  }
  await closeTo(api, today);
  return `${loans.length} loans through a ${MONTHS}-month season, ${payments} repayments, business date ${today}`;
}

/** What is due by `date`: the next installment's amount due, when it falls due by then. */
function owedUpTo(loan: DemoLoan, date: string): string | undefined {
  const next = loan.nextInstallment;
  return next && next.dueDate <= date ? next.amountDue : undefined;
}

const cents = (amount: string | undefined) => Math.round(Number(amount ?? '0') * 100);

/**
 * All the principal still outstanding, plus the interest of the installment due now and any moratory
 * interest: the loan ends (later installments' interest is not owed once their principal is prepaid).
 * Integer céntimos, as the demo's own arithmetic.
 */
function payoffAmount(loan: DemoLoan): string {
  const line = loan.schedule?.find((l) => l.number === loan.nextInstallment?.number);
  const interest = line ? cents(line.interest) - cents(line.paidInterest) : 0;
  const total = cents(loan.outstandingPrincipal) + interest + cents(loan.moratoryInterestDue);
  return (total / 100).toFixed(2);
}

/**
 * Heladas: an emergency over one district, declared on the business date — three more months, the
 * first two interest only. Declared once (its Idempotency-Key), however often the demo starts.
 */
async function declareFrost(api: DemoApi, businessDate: string): Promise<void> {
  await api.post(
    'manager',
    '/api/emergencies',
    {
      name: `Heladas en ${FROST_DISTRICT}`,
      declaredOn: businessDate,
      municipalities: [FROST_DISTRICT],
      reason: 'climate_event',
      extensionMonths: 3,
      graceMonths: 2,
    },
    `demo-frost-${FROST_DISTRICT.toLowerCase()}`,
  );
}

async function closeTo(api: DemoApi, date: string): Promise<void> {
  const { businessDate } = await api.get<{ businessDate: string }>(
    'admin',
    '/api/admin/business-date',
  );
  if (date > businessDate) await api.post('admin', '/api/admin/close-of-business', { date });
}
