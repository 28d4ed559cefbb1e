import Decimal from 'decimal.js';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { parseCsv } from '../support/csv';
import { StaffClient } from '../support/staff-client';
import { TestSystem } from '../support/test-system';

/**
 * A loan says what the family received at disbursement (`payout`): principal − guarantee fee +
 * grant, as the disbursement service paid it, on the loan, in the list, in the CSV export and in
 * the OpenAPI document.
 */
describe('Loans: the amount paid out to the family', () => {
  let system: TestSystem;
  let staff: StaffClient;

  beforeAll(async () => {
    process.env.BUSINESS_DATE_START = '2026-03-02';
    system = await TestSystem.start({
      services: ['gateway', 'applications', 'credit-scoring', 'disbursement', 'repayment'],
      label: 'loan_payout',
    });
    staff = await StaffClient.signIn(system);
    await staff.addGuaranteeCapital('50000.00', 'BN-PAYOUT-1');
    // Enough for one grant of 3,000.00, not for two.
    await staff.addInnovationBudget('4000.00', 'MINAGRI-PAYOUT-1');
  }, 120_000);
  afterAll(() => system?.close());

  const loan = async (id: string) => (await staff.as('officer').get(`/api/loans/${id}`)).body;

  /** API.md's example: 6,000.00 over 18 months, 70 % covered, a grant of 3,000.00 asked for. */
  const example = () => applicationBody({ enterprise: { documentId: newDocumentId() } });

  // The fee is 1.5 % of the guaranteed 70 % of the principal.
  const fee = new Decimal('6000.00').mul('0.70').mul('0.015').toDecimalPlaces(2);

  it('adds the grant to what the family receives when the innovation fund gives it', async () => {
    const id = await staff.payOut(example());
    const paid = await loan(id);
    expect(fee.toFixed(2)).toBe('63.00');
    expect(paid).toMatchObject({
      principal: '6000.00',
      guaranteeFee: '63.00',
      grant: '3000.00',
      payout: new Decimal('6000.00').minus(fee).plus('3000.00').toFixed(2), // 8937.00
    });
    expect(paid.payout).toBe('8937.00');
    // What the family owes back is the principal: the grant is a gift and the fee is not lent.
    expect(paid.outstandingPrincipal).toBe('6000.00');
  });

  it('pays the loan less its fee when the grant does not fit in the budget left', async () => {
    const id = await staff.payOut(example()); // 1,000.00 left for a grant of 3,000.00: refused
    const paid = await loan(id);
    expect(paid).toMatchObject({ principal: '6000.00', guaranteeFee: '63.00', grant: '0.00' });
    expect(paid.payout).toBe(new Decimal('6000.00').minus(fee).toFixed(2)); // 5937.00
    expect(paid.payout).toBe('5937.00');

    // The same figure in the list, and in the list exported as CSV.
    const { body: page } = await staff.as('officer').get(`/api/loans?q=${paid.reference}`);
    expect(page.items).toHaveLength(1);
    expect(page.items[0].payout).toBe('5937.00');
    const csv = await system
      .http()
      .get(`/api/loans?q=${paid.reference}`)
      .set('Authorization', `Bearer ${staff.tokens.officer}`)
      .set('Accept', 'text/csv')
      .expect(200);
    const { header, rows } = parseCsv(csv.text);
    expect(header.slice(header.indexOf('grant'), header.indexOf('grant') + 2)).toEqual([
      'grant',
      'payout',
    ]);
    expect(rows[0].payout).toBe('5937.00');
  });

  it('documents the field on the loan answer of the OpenAPI document', async () => {
    const { body: document } = await system.http().get('/api/docs-json').expect(200);
    for (const schema of ['LoanResponse', 'LoanSummaryResponse']) {
      const properties = collectProperties(document, schema);
      expect([schema, properties.payout?.pattern]).toEqual([schema, expect.any(String)]);
    }
  });
});

type Schema = {
  properties?: Record<string, { pattern?: string }>;
  allOf?: Array<{ $ref?: string } & Schema>;
};

/** A schema's properties, with those of the schemas it extends (`allOf` with `$ref`). */
function collectProperties(
  document: { components: { schemas: Record<string, Schema> } },
  name: string,
): Record<string, { pattern?: string }> {
  const schema = document.components.schemas[name];
  const inherited = (schema.allOf ?? []).map((part) =>
    part.$ref
      ? collectProperties(document, part.$ref.split('/').pop()!)
      : { ...(part.properties ?? {}) },
  );
  return Object.assign({}, ...inherited, schema.properties ?? {});
}
