import { Classification, CLASSIFICATIONS } from '@qollqa/contracts';
import { Decimal } from '@qollqa/money';

/** SBS Peru provision rates for micro and small enterprise credits, by class. */
export const PROVISION_RATES: Record<Classification, Decimal> = {
  normal: new Decimal('0.01'),
  cpp: new Decimal('0.05'),
  deficiente: new Decimal('0.25'),
  dudoso: new Decimal('0.60'),
  perdida: new Decimal('1.00'),
};

export { CLASSIFICATIONS };
