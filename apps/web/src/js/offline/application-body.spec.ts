// What a draft keeps (the typed values) and the API body built from it when it is sent.

/* eslint-disable @typescript-eslint/no-require-imports */
const form = require('./application-body.js') as {
  EMPTY_VALUES: Record<string, string | boolean>;
  completeValues: (raw: unknown) => Record<string, string | boolean>;
  isBlank: (values: Record<string, string | boolean>) => boolean;
  bodyFromValues: (values: Record<string, string | boolean>) => {
    body: {
      enterprise: Record<string, unknown>;
      request: Record<string, unknown>;
      cashflow: Record<string, unknown>;
    };
    problems: [string, string][];
  };
};
/* eslint-enable @typescript-eslint/no-require-imports */

// API.md's example family, as an officer types it on a phone (a comma for thousands, spaces).
const typed = {
  ...form.EMPTY_VALUES,
  name: ' Familia Quispe Mamani ',
  documentId: '4587 1236',
  municipality: 'Ocongate',
  valueChain: 'dairy',
  womenLed: true,
  associationMember: true,
  yearsInActivity: '6',
  amount: '6,000',
  termMonths: '18',
  graceMonths: '0',
  purpose: 'Ordeñadora y tanque de enfriamiento',
  collateralValue: '0',
  hasInnovation: true,
  description: 'Ordeño mecánico',
  cost: '7500',
  grantRequested: '3000',
  monthlyRevenue: '3200',
  monthlyCosts: '1400',
  householdExpenses: '700',
  otherDebtPayments: '0',
};

describe("a draft's values and the API body", () => {
  it('builds exactly the body API.md describes, amounts as decimal strings', () => {
    const { body, problems } = form.bodyFromValues(typed);
    expect(problems).toEqual([]);
    expect(body).toEqual({
      enterprise: {
        name: 'Familia Quispe Mamani',
        documentId: '45871236',
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
    });
  });

  it('leaves the innovation out when there is none', () => {
    const { body } = form.bodyFromValues({ ...typed, hasInnovation: false });
    expect(body.request).not.toHaveProperty('innovation');
  });

  it('names the fields to fix, in the order of the form', () => {
    const { problems } = form.bodyFromValues({
      ...typed,
      documentId: '1234',
      amount: 'seis mil',
      termMonths: '6',
      graceMonths: '6',
    });
    expect(problems.map(([name]) => name)).toEqual(['documentId', 'amount', 'graceMonths']);
  });

  it('is blank as the form opens, and no longer once something is typed', () => {
    expect(form.isBlank(form.completeValues({}))).toBe(true);
    expect(form.isBlank({ ...form.EMPTY_VALUES, name: 'F' })).toBe(false);
    expect(form.isBlank({ ...form.EMPTY_VALUES, womenLed: true })).toBe(false);
  });

  it('reads a stored draft back whole, whatever an older version left out', () => {
    const values = form.completeValues({ name: 'Familia Condori', amount: 1500, extra: 'x' });
    expect(values.name).toBe('Familia Condori');
    expect(values.amount).toBe(''); // not a string: the empty form's value
    expect(values.graceMonths).toBe('0');
    expect(values).not.toHaveProperty('extra');
  });
});
