import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FundsView } from '@qollqa/contracts';
import { Decimal, formatMoney, headroom, leverage } from '@qollqa/money';
import { DataSource } from 'typeorm';
import { guaranteeSummaryDifferences } from '../../guarantee-analytics/guarantee-summary.repository';
import { Account } from '../../ledger/ledger-accounts';
import { creditBalance, debitBalance, LedgerService } from '../../ledger/ledger.service';

/**
 * The funds' figures, from the journal (sums of entries) and the positions maintained with it. Two
 * places: `reconcile()` says whether they agree, which they must, always.
 */
@Injectable()
export class FundFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async figures(): Promise<FundsView> {
    const [balances, payouts, repayments, [position], [policy]] = await Promise.all([
      this.ledger.balances(),
      this.ledger.balances(['payout']),
      // A reversed repayment's principal is no longer repaid: its reversal debits it back.
      this.ledger.balances(['repayment', 'repayment_reversal']),
      this.dataSource.query('SELECT exposure FROM guarantee_position WHERE id = 1'),
      this.dataSource.query('SELECT leverage_limit FROM fund_policy WHERE id = 1'),
    ]);
    const capital = creditBalance(balances, Account.GuaranteeCapital);
    const fees = creditBalance(balances, Account.GuaranteeFees);
    const claims = debitBalance(balances, Account.GuaranteeClaimsPaid);
    const recoveries = creditBalance(balances, Account.GuaranteeRecoveries);
    const available = capital.plus(fees).plus(recoveries).minus(claims);
    const exposure = new Decimal(position.exposure);
    const limit = new Decimal(policy.leverage_limit);
    const budget = creditBalance(balances, Account.InnovationBudget);
    const committed = creditBalance(balances, Account.InnovationGrantsCommitted);
    const grantsPaid = balances.get(Account.InnovationGrantsCommitted)?.debit ?? new Decimal(0);
    return {
      guarantee: {
        capital: formatMoney(capital),
        feesEarned: formatMoney(fees),
        claimsPaid: formatMoney(claims),
        recoveries: formatMoney(recoveries),
        availableCapital: formatMoney(available),
        exposure: formatMoney(exposure),
        // Exposure as a multiple of available capital ("2.35" = 2.35 times); 0 with no capital.
        leverage: leverage(exposure, available),
        leverageLimit: limit.toFixed(2),
        headroom: formatMoney(
          headroom({ exposure, availableCapital: available, leverageLimit: limit }),
        ),
      },
      innovation: {
        budget: formatMoney(budget),
        committed: formatMoney(committed),
        disbursed: formatMoney(grantsPaid),
        available: formatMoney(budget.minus(committed).minus(grantsPaid)),
      },
      lendingPool: {
        // Payouts only: a reversed repayment debits loans receivable too, but lends nothing.
        disbursed: formatMoney(payouts.get(Account.PoolLoansReceivable)?.debit ?? 0),
        repaidPrincipal: formatMoney(creditBalance(repayments, Account.PoolLoansReceivable)),
        outstanding: formatMoney(debitBalance(balances, Account.PoolLoansReceivable)),
      },
    };
  }

  /** Differences between the maintained positions and the journal; empty when the books agree. */
  async reconcile(): Promise<string[]> {
    const balances = await this.ledger.balances();
    const [[position], [innovation], [exposure]] = await Promise.all([
      this.dataSource.query(
        'SELECT available_capital, exposure FROM guarantee_position WHERE id = 1',
      ),
      this.dataSource.query(
        'SELECT budget, committed, disbursed FROM innovation_position WHERE id = 1',
      ),
      this.dataSource.query(
        `SELECT coalesce(sum(exposure), 0) AS total FROM disbursement WHERE guarantee_status = 'active'`,
      ),
    ]);
    const problems: string[] = [];
    const expect = (what: string, maintained: Decimal.Value, fromJournal: Decimal.Value) => {
      if (!new Decimal(maintained).eq(fromJournal))
        problems.push(`${what}: ${maintained} maintained, ${fromJournal} from the journal`);
    };
    expect(
      'guarantee available capital',
      position.available_capital,
      debitBalance(balances, Account.GuaranteeCash),
    );
    expect('guarantee exposure', position.exposure, exposure.total);
    expect(
      'innovation budget',
      innovation.budget,
      creditBalance(balances, Account.InnovationBudget),
    );
    expect(
      'innovation committed',
      innovation.committed,
      creditBalance(balances, Account.InnovationGrantsCommitted),
    );
    expect(
      'innovation disbursed',
      innovation.disbursed,
      balances.get(Account.InnovationGrantsCommitted)?.debit ?? 0,
    );
    // The analytics' claims and recoveries are the payout rows' (and their summary is Σ the rows).
    const [loans] = await this.dataSource.query(
      `SELECT coalesce(sum(claim_paid), 0) AS claims, coalesce(sum(recovered), 0) AS recovered
       FROM disbursement`,
    );
    expect(
      'claims paid on the loans',
      loans.claims,
      debitBalance(balances, Account.GuaranteeClaimsPaid),
    );
    expect(
      'recoveries on the loans',
      loans.recovered,
      creditBalance(balances, Account.GuaranteeRecoveries),
    );
    problems.push(...(await guaranteeSummaryDifferences(this.dataSource)));
    const trial = await this.ledger.trialBalance();
    if (!trial.debits.eq(trial.credits))
      problems.push(`journal: debits ${trial.debits} ≠ credits ${trial.credits}`);
    return problems;
  }
}
