import { Decimal, formatMoney, money } from '@qollqa/money';
import { ErrorDetail, errorPart as part } from '@qollqa/platform';
import {
  ApplicationException,
  ApplicationExceptionCode as Code,
} from '../applications/application.exception';
import { Product } from './entities/product.entity';

/** Refuses (422) an amount, term or grace outside the product's limits. */
export function assertWithinProductLimits(
  product: Product,
  amount: Decimal,
  termMonths: number,
  graceMonths: number,
) {
  const problems: ErrorDetail[] = [];
  if (amount.lt(product.minAmount) || amount.gt(product.maxAmount)) {
    problems.push(
      part(Code.OutsideProductLimits, 'amount', {
        min: formatMoney(product.minAmount),
        max: formatMoney(product.maxAmount),
      }),
    );
  }
  if (termMonths < product.minTermMonths || termMonths > product.maxTermMonths) {
    problems.push(
      part(Code.OutsideProductLimits, 'termMonths', {
        min: product.minTermMonths,
        max: product.maxTermMonths,
      }),
    );
  }
  if (graceMonths > product.maxGraceMonths || graceMonths >= termMonths) {
    problems.push(part(Code.OutsideProductLimits, 'graceMonths', { max: product.maxGraceMonths }));
  }
  if (problems.length > 0) {
    throw new ApplicationException(
      Code.OutsideProductLimits,
      `outside the product limits: ${problems.map((p) => p.key.split('.').pop()).join(', ')}`,
      problems,
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
      Code.GrantNotAllowed,
      'a grant needs an innovation with its cost',
      [part(Code.GrantNotAllowed, 'needsInnovation')],
    );
  }
  const maxByShare = cost.mul(product.maxGrantShare);
  if (grantRequested.gt(maxByShare) || grantRequested.gt(product.maxGrant)) {
    const limit = Decimal.min(maxByShare, product.maxGrant);
    const share = money(product.maxGrantShare).mul(100).toFixed(0);
    throw new ApplicationException(
      Code.GrantNotAllowed,
      `grantRequested may be at most ${formatMoney(limit)} (${share} % of the innovation's cost, at most ${formatMoney(product.maxGrant)})`,
      [
        part(Code.GrantNotAllowed, 'aboveLimit', {
          limit: formatMoney(limit),
          share,
          maxGrant: formatMoney(product.maxGrant),
        }),
      ],
    );
  }
}
