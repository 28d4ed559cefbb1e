import { Decimal } from '@qollqa/money';
import { coverageFor, FundPolicy } from './fund-policy';

const policy: FundPolicy = {
  leverageLimit: new Decimal(4),
  coverage: new Decimal('0.70'),
  coverageWithCollateral: new Decimal('0.50'),
  collateralShareRequired: new Decimal('0.50'),
  guaranteeFeeRate: new Decimal('0.015'),
  maxGrantPerEnterprise: new Decimal(5000),
};

describe('coverageFor', () => {
  it('covers 70 % without collateral', () => {
    expect(coverageFor(policy, new Decimal('6000.00'), new Decimal('0.00')).toFixed(2)).toBe(
      '0.70',
    );
  });

  it('covers 50 % with collateral worth at least half the amount (3000.00 of 6000.00)', () => {
    expect(coverageFor(policy, new Decimal('6000.00'), new Decimal('3000.00')).toFixed(2)).toBe(
      '0.50',
    );
    expect(coverageFor(policy, new Decimal('6000.00'), new Decimal('2999.99')).toFixed(2)).toBe(
      '0.70',
    );
  });
});
