import { Decimal, formatMoney, money } from '@qollqa/money';
import {
  ApplicationException,
  ApplicationExceptionCode,
} from '../applications/application.exception';
import { Product } from './entities/product.entity';

/** Refuses (422) an amount, term or grace outside the product's limits. */
export function assertWithinProductLimits(
  product: Product,
  amount: Decimal,
  termMonths: number,
  graceMonths: number,
) {
  const problems: string[] = [];
  if (amount.lt(product.minAmount) || amount.gt(product.maxAmount)) {
    problems.push(
      `amount must be between ${formatMoney(product.minAmount)} and ${formatMoney(product.maxAmount)}`,
    );
  }
  if (termMonths < product.minTermMonths || termMonths > product.maxTermMonths) {
    problems.push(
      `termMonths must be between ${product.minTermMonths} and ${product.maxTermMonths}`,
    );
  }
  if (graceMonths > product.maxGraceMonths || graceMonths >= termMonths) {
    problems.push(`graceMonths must be at most ${product.maxGraceMonths} and less than the term`);
  }
  if (problems.length > 0) {
    throw new ApplicationException(
      ApplicationExceptionCode.OutsideProductLimits,
      problems.join('; '),
    );
  }
}

/** Refuses (422) a grant above the product's share of the innovation's cost or its cap. */
export function assertGrantAllowed(
  product: Product,
  cost: Decimal | null,
  grantRequested: Decimal,
) {
  if (grantRequested.isZero()) return;
  if (cost === null) {
    throw new ApplicationException(
      ApplicationExceptionCode.GrantNotAllowed,
      'a grant needs an innovation with its cost',
    );
  }
  const maxByShare = cost.mul(product.maxGrantShare);
  if (grantRequested.gt(maxByShare) || grantRequested.gt(product.maxGrant)) {
    const limit = Decimal.min(maxByShare, product.maxGrant);
    throw new ApplicationException(
      ApplicationExceptionCode.GrantNotAllowed,
      `grantRequested may be at most ${formatMoney(limit)} (${money(product.maxGrantShare).mul(100).toFixed(0)} % of the innovation's cost, at most ${formatMoney(product.maxGrant)})`,
    );
  }
}
