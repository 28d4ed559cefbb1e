/**
 * Application bodies for tests. The default is API.md's example (Familia Quispe Mamani, a milking
 * machine), which must score 80 / A with installment 379.03 and a maximum of 6965.14.
 */
export function applicationBody(
  overrides: {
    enterprise?: Record<string, unknown>;
    request?: Record<string, unknown>;
    cashflow?: Record<string, unknown>;
  } = {},
) {
  return {
    enterprise: {
      name: 'Familia Quispe Mamani',
      documentId: '45871236',
      municipality: 'Ocongate',
      valueChain: 'dairy',
      womenLed: true,
      associationMember: true,
      yearsInActivity: 6,
      ...overrides.enterprise,
    },
    request: {
      amount: '6000.00',
      termMonths: 18,
      graceMonths: 0,
      purpose: 'Milking machine and cooling tank',
      collateralValue: '0.00',
      innovation: { description: 'Mechanical milking', cost: '7500.00', grantRequested: '3000.00' },
      ...overrides.request,
    },
    cashflow: {
      monthlyRevenue: '3200.00',
      monthlyCosts: '1400.00',
      householdExpenses: '700.00',
      otherDebtPayments: '0.00',
      ...overrides.cashflow,
    },
  };
}

let documentCounter = 0;
/** A DNI no other application of the suite has: a different family. */
export function newDocumentId(): string {
  documentCounter += 1;
  return String(40000000 + ((process.pid * 1000 + documentCounter) % 9999999)).padStart(8, '0');
}
