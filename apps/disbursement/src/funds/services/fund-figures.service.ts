import { Injectable } from '@nestjs/common';
import { FundsView } from '@qollqa/contracts';
import { Decimal, formatMoney, headroom, leverage } from '@qollqa/money';
import { DisbursementRepository } from '../../disbursements/disbursement.repository';
import { GuaranteeSummaryRepository } from '../../guarantee-analytics/guarantee-summary.repository';
import { Account } from '../../ledger/ledger-accounts';
import { creditBalance, debitBalance, LedgerRepository } from '../../ledger/ledger.repository';
import { FundPolicyRepository } from '../fund-policy.repository';
import { GuaranteePositionRepository } from '../guarantee-position.repository';
import { InnovationPositionRepository } from '../innovation-position.repository';

/**
 * The funds' figures, from the journal (sums of entries) and the positions maintained with it. Two
 * places: `reconcile()` says whether they agree, which they must, always.
 */
@Injectable()
export class FundFiguresService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly guaranteePosition: GuaranteePositionRepository,
    private readonly innovationPosition: InnovationPositionRepository,
    private readonly fundPolicy: FundPolicyRepository,
    private readonly disbursements: DisbursementRepository,
    private readonly guaranteeSummary: GuaranteeSummaryRepository,
  ) {}

  async figures(): Promise<FundsView> {
    const [balances, payouts, repayments, exposure, limit] = await Promise.all([
      this.ledger.balances(),
      this.ledger.balances(['payout']),
      // A reversed repayment's principal is no longer repaid: its reversal debits it back.
      this.ledger.balances(['repayment', 'repayment_reversal']),
      this.guaranteePosition.exposure(),
      this.fundPolicy.leverageLimit(),
    ]);
    const capital = creditBalance(balances, Account.GuaranteeCapital);
    const fees = creditBalance(balances, Account.GuaranteeFees);
    const claims = debitBalance(balances, Account.GuaranteeClaimsPaid);
    const recoveries = creditBalance(balances, Account.GuaranteeRecoveries);
    const available = capital.plus(fees).plus(recoveries).minus(claims);
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
    const [position, innovation, activeExposure] = await Promise.all([
      this.guaranteePosition.read(),
      this.innovationPosition.read(),
      this.disbursements.activeExposure(),
    ]);
    const problems: string[] = [];
    const expect = (what: string, maintained: Decimal, fromJournal: Decimal.Value) => {
      if (!maintained.eq(fromJournal))
        problems.push(
          `${what}: ${formatMoney(maintained)} maintained, ${fromJournal} from the journal`,
        );
    };
    expect(
      'guarantee available capital',
      position.availableCapital,
      debitBalance(balances, Account.GuaranteeCash),
    );
    expect('guarantee exposure', position.exposure, formatMoney(activeExposure));
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
    const loans = await this.disbursements.claimsAndRecoveries();
    expect(
      'claims paid on the loans',
      loans.claimPaid,
      debitBalance(balances, Account.GuaranteeClaimsPaid),
    );
    expect(
      'recoveries on the loans',
      loans.recovered,
      creditBalance(balances, Account.GuaranteeRecoveries),
    );
    problems.push(...(await this.guaranteeSummary.differences()));
    const trial = await this.ledger.trialBalance();
    if (!trial.debits.eq(trial.credits))
      problems.push(`journal: debits ${trial.debits} ≠ credits ${trial.credits}`);
    return problems;
  }
}
