import { CollectionItemView, CollectionSheetView } from '@qollqa/contracts';
import { formatMoney, money } from '@qollqa/money';

/** Columns of GET /api/collections as CSV: the sheet's items (the totals are the JSON's). */
export const COLLECTION_CSV_COLUMNS = [
  'loanId',
  'reference',
  'enterprise.name',
  'enterprise.municipality',
  'dueDate',
  'amountDue',
  'daysPastDue',
] as const;

const municipalityOrder = new Intl.Collator('es', { sensitivity: 'base' });

/**
 * The sheet from its items as the repayment service gave them (in batches, in loan-id order): by
 * municipality (Spanish alphabetical order, case and accents aside), then the oldest due date,
 * then reference; `amountDue` the exact sum of the items'.
 */
export function collectionSheet(date: string, items: CollectionItemView[]): CollectionSheetView {
  const ordered = [...items].sort(
    (a, b) =>
      municipalityOrder.compare(a.enterprise.municipality, b.enterprise.municipality) ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.reference.localeCompare(b.reference),
  );
  const amountDue = ordered.reduce((sum, item) => sum.plus(item.amountDue), money(0));
  return { date, items: ordered, total: ordered.length, amountDue: formatMoney(amountDue) };
}
