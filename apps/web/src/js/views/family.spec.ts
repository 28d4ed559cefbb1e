// The money of a family's payout as its page tells it: from the loan and the timeline's payout
// step, either of which may be missing, and the reason for a refused grant in plain words.
// setLang marks the page's language: that is all of the DOM these functions touch.
(globalThis as { document?: unknown }).document = { documentElement: {} };

/* eslint-disable @typescript-eslint/no-require-imports */
const family = require('./family.js') as {
  payoutSummary: (application: unknown, loan: unknown) => Record<string, unknown> | null;
  refusalSentence: (refusal: unknown) => string | null;
  disbursedDetail: (application: unknown) => Record<string, unknown> | null;
};
const { setLang } = require('../i18n.js') as { setLang: (lang: string) => void };
/* eslint-enable @typescript-eslint/no-require-imports */

const NBSP = '\u00a0';

/** API.md's example: 6,000.00 approved, 3,000.00 asked for as a grant. */
function application(detail: Record<string, unknown> | null = null) {
  return {
    reference: 'QL-7K4M2P',
    status: 'disbursed',
    loanId: 'l1',
    request: { amount: '6000.00', innovation: { grantRequested: '3000.00' } },
    timeline: [
      { status: 'submitted', at: '2026-03-01T14:00:00Z', by: 'officer', note: null },
      { status: 'approved', at: '2026-03-02T14:00:00Z', by: 'officer', note: null },
      { status: 'disbursed', at: '2026-03-02T14:01:00Z', by: 'system', note: 'x', detail },
    ],
  };
}

const refusedDetail = {
  code: 'DISBURSED',
  disbursedOn: '2026-03-02',
  principal: '6000.00',
  guaranteeFee: '63.00',
  grant: '0.00',
  payout: '5937.00',
  grantRequested: '3000.00',
  grantRefusal: { code: 'GRANT_BUDGET_EXHAUSTED', requested: '3000.00', available: '1000.00' },
};

describe("a family's payout", () => {
  afterEach(() => setLang('es'));

  it("takes the loan's figures and the refusal from the payout step", () => {
    const loan = { principal: '6000.00', guaranteeFee: '63.00', grant: '0.00', payout: '5937.00' };
    expect(family.payoutSummary(application(refusedDetail), loan)).toEqual({
      principal: '6000.00',
      guaranteeFee: '63.00',
      grant: '0.00',
      payout: '5937.00',
      grantRequested: '3000.00',
      refusal: refusedDetail.grantRefusal,
    });
  });

  it('works out what was received, to the céntimo, when no answer says it', () => {
    // A server older than `payout`, and no coded payout step: 6,000.00 − 63.00 + 3,000.00.
    const loan = { principal: '6000.00', guaranteeFee: '63.00', grant: '3000.00' };
    expect(family.payoutSummary(application(), loan)).toMatchObject({
      payout: '8937.00',
      grant: '3000.00',
      grantRequested: '3000.00',
      refusal: null,
    });
    // Céntimos that a float would get wrong: 1,000.10 − 10.20 + 0.30 = 990.20.
    expect(
      family.payoutSummary(application(), {
        principal: '1000.10',
        guaranteeFee: '10.20',
        grant: '0.30',
      })?.payout,
    ).toBe('990.20');
  });

  it('still tells the money from the payout step when the loan cannot be read', () => {
    expect(family.payoutSummary(application(refusedDetail), null)).toMatchObject({
      principal: '6000.00',
      payout: '5937.00',
      refusal: { code: 'GRANT_BUDGET_EXHAUSTED' },
    });
  });

  it('has nothing to tell before the payout', () => {
    expect(family.payoutSummary({ ...application(), loanId: null, timeline: [] }, null)).toBe(null);
    expect(family.disbursedDetail({ timeline: [{ status: 'submitted', detail: null }] })).toBe(
      null,
    );
  });

  it('says why the grant was refused, in both languages', () => {
    setLang('es');
    expect(family.refusalSentence(refusedDetail.grantRefusal)).toBe(
      `Pidió una subvención de S/${NBSP}3,000.00, pero al fondo de innovación solo le quedaban S/${NBSP}1,000.00. Su crédito se desembolsó sin la subvención.`,
    );
    const limit = {
      code: 'GRANT_ENTERPRISE_LIMIT',
      requested: '3000.00',
      limit: '5000.00',
      remaining: '2000.00',
    };
    setLang('en');
    expect(family.refusalSentence(limit)).toBe(
      `You asked for a grant of S/${NBSP}3,000.00, but each family can receive at most S/${NBSP}5,000.00 in grants and yours had S/${NBSP}2,000.00 left. Your loan was paid out without the grant.`,
    );
    // A reason this version of the page does not know yet: said without its figures.
    expect(family.refusalSentence({ code: 'GRANT_NEW_RULE', requested: '3000.00' })).toBe(
      `You asked for a grant of S/${NBSP}3,000.00, but it could not be given. Your loan was paid out without the grant.`,
    );
    expect(family.refusalSentence(null)).toBeNull();
  });
});
