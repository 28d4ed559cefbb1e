import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal, formatMoney } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';
import { AccountCode, LedgerKind } from './ledger-accounts';

export interface LedgerLine {
  account: AccountCode;
  debit?: Decimal;
  credit?: Decimal;
}

export interface LedgerPosting {
  /** Makes the posting happen once: a second posting with the same key is ignored. */
  key: string;
  kind: LedgerKind;
  /** The event or request id that caused it. */
  causedBy: string;
  description: string;
  businessDate?: string | null;
  lines: LedgerLine[];
}

export interface AccountBalance {
  debit: Decimal;
  credit: Decimal;
}

/**
 * The fund ledger: balanced, immutable double-entry transactions (the database refuses updates,
 * deletes and unbalanced transactions too). Balances are sums of entries.
 */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Posts the transaction in the caller's database transaction; false if its key was posted before. */
  async post(manager: EntityManager, posting: LedgerPosting): Promise<boolean> {
    const lines = posting.lines.filter(
      (line) => !(line.debit ?? line.credit ?? new Decimal(0)).isZero(),
    );
    const debits = lines.reduce((sum, line) => sum.plus(line.debit ?? 0), new Decimal(0));
    const credits = lines.reduce((sum, line) => sum.plus(line.credit ?? 0), new Decimal(0));
    if (!debits.eq(credits) || debits.isZero()) {
      throw new Error(
        `Ledger posting ${posting.key} does not balance: debits ${debits}, credits ${credits}`,
      );
    }
    // The transaction and its entries in one statement: no entries when the key was posted before.
    const posted: unknown[] = await manager.query(
      `WITH posted AS (
         INSERT INTO ledger_transaction (key, kind, caused_by, description, business_date)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING id)
       INSERT INTO ledger_entry (transaction_id, account_code, debit, credit)
       SELECT posted.id, l.account, l.debit, l.credit
       FROM posted, unnest($6::text[], $7::numeric[], $8::numeric[]) AS l(account, debit, credit)
       RETURNING transaction_id`,
      [
        posting.key,
        posting.kind,
        posting.causedBy,
        posting.description,
        posting.businessDate ?? null,
        lines.map((line) => line.account),
        lines.map((line) => formatMoney(line.debit ?? 0)),
        lines.map((line) => formatMoney(line.credit ?? 0)),
      ],
    );
    return posted.length > 0;
  }

  /** The total of a posted transaction's debits (to compare a repeated request with the first). */
  async postedAmount(manager: EntityManager, key: string): Promise<Decimal | null> {
    const [row] = await manager.query(
      `SELECT sum(e.debit) AS total FROM ledger_transaction t JOIN ledger_entry e ON e.transaction_id = t.id
       WHERE t.key = $1`,
      [key],
    );
    return row?.total === null || row === undefined ? null : new Decimal(row.total);
  }

  /** Debit and credit totals per account, optionally only for transactions of some kinds. */
  async balances(
    kinds?: LedgerKind[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<AccountCode, AccountBalance>> {
    const rows: { account_code: AccountCode; debit: string; credit: string }[] =
      await manager.query(
        `SELECT e.account_code, sum(e.debit) AS debit, sum(e.credit) AS credit
       FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id
       WHERE $1::text[] IS NULL OR t.kind = ANY($1::text[])
       GROUP BY e.account_code`,
        [kinds ?? null],
      );
    return new Map(
      rows.map((r) => [
        r.account_code,
        { debit: new Decimal(r.debit), credit: new Decimal(r.credit) },
      ]),
    );
  }

  /** Σ debits and Σ credits over the whole journal: equal, always. */
  async trialBalance(): Promise<{ debits: Decimal; credits: Decimal }> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(sum(debit), 0) AS debits, coalesce(sum(credit), 0) AS credits FROM ledger_entry`,
    );
    return { debits: new Decimal(row.debits), credits: new Decimal(row.credits) };
  }
}

/** Credit balance (credits − debits) of an account in a balances map; zero when it has no entries. */
export function creditBalance(
  balances: Map<AccountCode, AccountBalance>,
  account: AccountCode,
): Decimal {
  const balance = balances.get(account);
  return balance ? balance.credit.minus(balance.debit) : new Decimal(0);
}

export function debitBalance(
  balances: Map<AccountCode, AccountBalance>,
  account: AccountCode,
): Decimal {
  return creditBalance(balances, account).neg();
}
