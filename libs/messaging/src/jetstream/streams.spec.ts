import { subjectCovering } from './streams';

describe('the subject a consumer is filtered by', () => {
  it("is the event's own subject when it handles one type", () => {
    expect(subjectCovering('q', ['loan.disbursed'])).toBe('q.events.loan.disbursed');
    expect(subjectCovering('q', ['loan.disbursed', 'loan.disbursed'])).toBe(
      'q.events.loan.disbursed',
    );
  });

  it('is the tokens the types share, then >, for several of one kind', () => {
    expect(subjectCovering('q', ['loan.disbursed', 'loan.repaid', 'loan.written_off'])).toBe(
      'q.events.loan.>',
    );
    expect(subjectCovering('q', ['fund.guarantee.changed', 'fund.guarantee.reserved'])).toBe(
      'q.events.fund.guarantee.>',
    );
  });

  it('is every event when the types share nothing, or none is given', () => {
    expect(subjectCovering('q', ['loan.disbursed', 'application.scored'])).toBe('q.events.>');
    expect(subjectCovering('q', [])).toBe('q.events.>');
  });

  it('never leaves out a type that is itself the shared part', () => {
    // `q.events.loan.>` would not match `q.events.loan`.
    expect(subjectCovering('q', ['loan', 'loan.repaid'])).toBe('q.events.>');
    expect(subjectCovering('q', ['fund.guarantee', 'fund.guarantee.changed'])).toBe(
      'q.events.fund.>',
    );
  });
});
