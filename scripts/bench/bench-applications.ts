import { randomUUID } from 'node:crypto';
import { DemoApi, waitUntil } from '../demo/demo-api';

/**
 * Application bodies the benchmarks submit: API.md's example (it scores 80 / A), one family each
 * (its name and DNI may be given).
 */
export function familyApplication(n: number, family: { name?: string; documentId?: string } = {}) {
  return {
    enterprise: {
      name: family.name ?? `Familia Bench ${n}`,
      documentId: family.documentId ?? String(70000000 + n).padStart(8, '0'),
      municipality: 'Ocongate',
      valueChain: 'dairy',
      womenLed: true,
      associationMember: true,
      yearsInActivity: 6,
    },
    request: {
      amount: '6000.00',
      termMonths: 18,
      graceMonths: 0,
      purpose: 'Ordeñadora y tanque de enfriamiento',
      collateralValue: '0.00',
      innovation: { description: 'Ordeño mecánico', cost: '7500.00', grantRequested: '3000.00' },
    },
    cashflow: {
      monthlyRevenue: '3200.00',
      monthlyCosts: '1400.00',
      householdExpenses: '700.00',
      otherDebtPayments: '0.00',
    },
  };
}

/**
 * A POST that is sent again (same Idempotency-Key) while the system answers 503 or 409 "still
 * being processed": loading the benchmark's data must not depend on how fast intake is.
 */
export async function postUntilDone<T>(
  api: DemoApi,
  as: string,
  path: string,
  body: unknown,
): Promise<T> {
  const key = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.post<T>(as, path, body, key);
    } catch (err) {
      const retryable = / → (503|409):/.test((err as Error).message);
      if (!retryable || attempt >= 30) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * `count` loans paid out through the public API, `parallel` applications at a time: registered by
 * an officer, scored, approved (PEN 6,000, under the second-approval threshold), paid out, and
 * their accounts open in the repayment service. The fund manager adds the capital and budget first.
 */
export async function payOutLoans(
  api: DemoApi,
  count: number,
  parallel = 4,
): Promise<{ loanId: string; disbursedOn: string }[]> {
  await api.post('manager', '/api/funds/guarantee/capital', {
    amount: '2000000.00',
    reference: `BENCH-CAPITAL-${randomUUID()}`,
  });
  await api.post('manager', '/api/funds/innovation/budget', {
    amount: '1000000.00',
    reference: `BENCH-BUDGET-${randomUUID()}`,
  });
  const loans: { loanId: string; disbursedOn: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const created = await postUntilDone<{ id: string }>(
        api,
        'officer',
        '/api/applications',
        familyApplication(n),
      );
      const application = () =>
        api.get<{ status: string; loanId: string | null }>(
          'officer',
          `/api/applications/${created.id}`,
        );
      await waitUntil(
        async () => ((await application()).status === 'in_review' ? true : undefined),
        120_000,
      );
      await postUntilDone(api, 'officer', `/api/applications/${created.id}/decision`, {
        decision: 'approve',
        reason: 'Visitamos el establo',
      });
      const loanId = await waitUntil(async () => {
        const { status, loanId } = await application();
        return status === 'disbursed' && loanId ? loanId : undefined;
      }, 120_000);
      const loan = await waitUntil(
        () =>
          api
            .get<{ disbursedOn: string }>('officer', `/api/loans/${loanId}`)
            .catch(() => undefined),
        120_000,
      );
      loans.push({ loanId, disbursedOn: loan.disbursedOn });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return loans;
}
