import { Decimal } from '@qollqa/money';
import { afterEvent, inPortfolio, LoanPlacement, LoanState, PortfolioLoan } from './portfolio-loan';

const unplaced: PortfolioLoan = {
  loanId: 'a1b2c3d4-0000-4000-8000-000000000001',
  version: 0,
  disbursedSeen: false,
  enterpriseId: null,
  valueChain: null,
  municipality: null,
  womenLed: null,
  principal: null,
  status: 'active',
  outstanding: new Decimal(0),
  daysPastDue: 0,
  classification: 'normal',
  reprogrammed: false,
};
const placement: LoanPlacement = {
  enterpriseId: 'a1b2c3d4-0000-4000-8000-0000000000e1',
  valueChain: 'dairy',
  municipality: 'Ocongate',
  womenLed: true,
  principal: new Decimal('5000.00'),
};
const disbursed: LoanState = {
  status: 'active',
  outstanding: new Decimal('5000.00'),
  daysPastDue: 0,
  classification: 'normal',
  reprogrammed: false,
};
const overdue: LoanState = {
  status: 'active',
  outstanding: new Decimal('4200.00'),
  daysPastDue: 45,
  classification: 'deficiente',
  reprogrammed: false,
};

describe('afterEvent', () => {
  it('takes the state of a newer event and its version', () => {
    const loan = afterEvent(unplaced, 1, { state: disbursed, placement });
    const later = afterEvent(loan, 3, { state: overdue });
    expect(later).toEqual({ ...loan, ...overdue, version: 3 });
  });

  it('keeps the state when an older or redelivered event comes after a newer one', () => {
    const loan = afterEvent(unplaced, 3, { state: overdue });
    expect(afterEvent(loan, 2, { state: disbursed })).toEqual(loan);
    expect(afterEvent(loan, 3, { state: disbursed })).toEqual(loan);
  });

  it('places a loan when loan.disbursed arrives after a later event, keeping the newer state', () => {
    const early = afterEvent(unplaced, 3, { state: overdue });
    const placed = afterEvent(early, 1, { state: disbursed, placement });
    expect(placed).toEqual({ ...early, ...placement, disbursedSeen: true });
    expect(placed.daysPastDue).toBe(45);
  });

  it('counts a loan as reprogrammed once any event says so, whatever the order', () => {
    const loan = afterEvent(unplaced, 5, { state: overdue });
    const reprogrammedLate = afterEvent(loan, 4, { state: { ...disbursed, reprogrammed: true } });
    expect(reprogrammedLate.reprogrammed).toBe(true);
    expect(reprogrammedLate.version).toBe(5);
    expect(afterEvent(reprogrammedLate, 6, { state: overdue }).reprogrammed).toBe(true);
  });
});

describe('inPortfolio', () => {
  it('counts placed loans that are active or claimed', () => {
    const placed = afterEvent(unplaced, 1, { state: disbursed, placement });
    expect(inPortfolio(unplaced)).toBe(false);
    expect(inPortfolio(placed)).toBe(true);
    expect(inPortfolio({ ...placed, status: 'claimed' })).toBe(true);
    expect(inPortfolio({ ...placed, status: 'repaid' })).toBe(false);
    expect(inPortfolio({ ...placed, status: 'written_off' })).toBe(false);
  });
});
