import { Decimal } from '@qollqa/money';
import { EntityManager } from 'typeorm';
import { Account } from './ledger-accounts';
import { LedgerRepository } from './ledger.repository';

describe('LedgerRepository.post', () => {
  const ledger = new LedgerRepository(undefined as never);
  const manager = { query: jest.fn() } as unknown as EntityManager;

  it('refuses an unbalanced transaction before it reaches the database', async () => {
    await expect(
      ledger.post(manager, {
        key: 'k',
        kind: 'payout',
        causedBy: 'test',
        description: 'unbalanced',
        lines: [
          { account: Account.PoolLoansReceivable, debit: new Decimal('6000.00') },
          { account: Account.PoolCash, credit: new Decimal('5999.99') },
        ],
      }),
    ).rejects.toThrow(/does not balance: debits 6000, credits 5999.99/);
    expect(manager.query).not.toHaveBeenCalled();
  });

  it('refuses an empty transaction (all lines zero)', async () => {
    await expect(
      ledger.post(manager, {
        key: 'k',
        kind: 'payout',
        causedBy: 'test',
        description: 'nothing',
        lines: [{ account: Account.InnovationCash, credit: new Decimal(0) }],
      }),
    ).rejects.toThrow(/does not balance/);
  });
});
