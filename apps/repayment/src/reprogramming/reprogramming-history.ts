import { ReprogrammingView } from '@qollqa/contracts';
import { EntityManager, In } from 'typeorm';
import { Loan } from '../loans/entities/loan.entity';
import { Reprogramming } from './entities/reprogramming.entity';
import { toReprogrammingView } from './reprogramming.mapper';

/**
 * The reprogrammings of these loans, oldest first, by loan id: one query, and none at all when no
 * loan of them was ever reprogrammed (the loan row counts them).
 */
export async function reprogrammingsOf(
  manager: EntityManager,
  loans: Pick<Loan, 'id' | 'reprogrammings'>[],
): Promise<Map<string, ReprogrammingView[]>> {
  const ids = loans.filter((loan) => loan.reprogrammings > 0).map((loan) => loan.id);
  const byLoan = new Map<string, ReprogrammingView[]>();
  if (ids.length === 0) return byLoan;
  const rows = await manager.find(Reprogramming, {
    where: { loanId: In(ids) },
    order: { loanId: 'ASC', number: 'ASC' },
  });
  for (const row of rows) {
    byLoan.set(row.loanId, [...(byLoan.get(row.loanId) ?? []), toReprogrammingView(row)]);
  }
  return byLoan;
}
