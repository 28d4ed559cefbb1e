import { Injectable } from '@nestjs/common';
import { GuaranteeAnalyticsView, GuaranteeVintageView } from '@qollqa/contracts';
import { Decimal, formatMoney, formatRatio } from '@qollqa/money';
import { GuaranteeSummaryRepository, SummaryTotals } from '../guarantee-summary.repository';

interface Totals {
  loans: number;
  principal: Decimal;
  guaranteed: Decimal;
  outstanding: Decimal;
  par30: Decimal;
  claims: number;
  claimed: Decimal;
  recovered: Decimal;
}

const empty = (): Totals => ({
  loans: 0,
  principal: new Decimal(0),
  guaranteed: new Decimal(0),
  outstanding: new Decimal(0),
  par30: new Decimal(0),
  claims: 0,
  claimed: new Decimal(0),
  recovered: new Decimal(0),
});

function add(totals: Totals, cell: SummaryTotals): void {
  totals.loans += cell.loans;
  totals.principal = totals.principal.plus(cell.principal);
  totals.guaranteed = totals.guaranteed.plus(cell.guaranteed);
  totals.outstanding = totals.outstanding.plus(cell.outstanding);
  totals.par30 = totals.par30.plus(cell.par30_outstanding);
  totals.claims += cell.claims;
  totals.claimed = totals.claimed.plus(cell.claimed_amount);
  totals.recovered = totals.recovered.plus(cell.recovered);
}

/** part ÷ whole with 4 places, "0.0000" when there is no whole. */
const ratio = (part: Decimal, whole: Decimal) =>
  whole.isZero() ? '0.0000' : formatRatio(part.div(whole), 4);

/**
 * GET /api/funds/guarantee/analytics: what the guarantee fund has taken on and what it cost, from the
 * guarantee summary (one row per vintage, summed from pre-summed cells, never the loans one by one):
 * guarantees issued (coverage × principal at disbursement), claims, recoveries, their ratios and the
 * net loss, and each vintage's loans, principal, outstanding, PAR30 and claims.
 */
@Injectable()
export class GetGuaranteeAnalyticsService {
  constructor(private readonly summary: GuaranteeSummaryRepository) {}

  async execute(): Promise<GuaranteeAnalyticsView> {
    const [rows, asOf] = await Promise.all([this.summary.byVintage(), this.summary.businessDate()]);
    const all = empty();
    const vintages: GuaranteeVintageView[] = rows.map((row) => {
      const v = empty();
      add(v, row);
      add(all, row);
      return {
        month: row.key,
        loans: v.loans,
        principal: formatMoney(v.principal),
        outstanding: formatMoney(v.outstanding),
        par30: ratio(v.par30, v.outstanding),
        claimed: v.claims,
        claimedAmount: formatMoney(v.claimed),
      };
    });
    return {
      asOf,
      guaranteesIssued: { count: all.loans, amount: formatMoney(all.guaranteed) },
      claims: { count: all.claims, amount: formatMoney(all.claimed) },
      recoveries: formatMoney(all.recovered),
      claimsRatio: ratio(all.claimed, all.guaranteed),
      recoveryRate: ratio(all.recovered, all.claimed),
      netLoss: formatMoney(all.claimed.minus(all.recovered)),
      vintages,
    };
  }
}
