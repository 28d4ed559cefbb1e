import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Classification, PortfolioSummaryView, SegmentView } from '@qollqa/contracts';
import { Decimal, formatMoney, formatRatio, roundMoney } from '@qollqa/money';
import { DataSource, EntityManager } from 'typeorm';
import { CLASSIFICATIONS, PROVISION_RATES } from './sbs-provisions';

interface Cell {
  value_chain: string;
  municipality: string;
  classification: Classification;
  dpd_band: number;
  reprogrammed: boolean;
  loans: number;
  outstanding: string;
}

interface Segment {
  loans: number;
  outstanding: Decimal;
  over30: Decimal;
}

const ratio = (part: Decimal, whole: Decimal) =>
  whole.isZero() ? '0.0000' : formatRatio(part.div(whole), 4);

/**
 * The fund manager's summary, from the read model's cells (a few hundred rows whatever the number of
 * loans): PAR is true PAR — outstanding principal of loans past the threshold over the gross portfolio.
 */
@Injectable()
export class PortfolioSummaryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async summary(manager: EntityManager = this.dataSource.manager): Promise<PortfolioSummaryView> {
    // One after the other: inside a transaction (a close being recorded) they share one connection.
    const cells: Cell[] = await manager.query(
      `SELECT value_chain, municipality, classification, dpd_band, reprogrammed, loans, outstanding
       FROM portfolio_cell WHERE loans > 0`,
    );
    const [state] = await manager.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS business_date, enterprises, women_led, available_capital, exposure, leverage_limit
       FROM portfolio_state WHERE id = 1`,
    );
    const [policy] = await manager.query(`SELECT * FROM portfolio_policy WHERE id = 1`);
    const [largest] = await manager.query(
      `SELECT loan_id, outstanding FROM portfolio_loan WHERE status IN ('active', 'claimed') AND disbursed_seen
       ORDER BY outstanding DESC LIMIT 1`,
    );

    let loans = 0;
    let gross = new Decimal(0);
    const pastDue = [new Decimal(0), new Decimal(0), new Decimal(0)]; // > 1, > 30, > 90 days
    const byClass = new Map<Classification, { loans: number; outstanding: Decimal }>(
      CLASSIFICATIONS.map((c) => [c, { loans: 0, outstanding: new Decimal(0) }]),
    );
    const byValueChain = new Map<string, Segment>();
    const byMunicipality = new Map<string, Segment>();
    const reprogrammed = { loans: 0, outstanding: new Decimal(0) };
    for (const cell of cells) {
      const outstanding = new Decimal(cell.outstanding);
      if (cell.reprogrammed) {
        reprogrammed.loans += cell.loans;
        reprogrammed.outstanding = reprogrammed.outstanding.plus(outstanding);
      }
      loans += cell.loans;
      gross = gross.plus(outstanding);
      for (let band = 1; band <= 3; band++)
        if (cell.dpd_band >= band) pastDue[band - 1] = pastDue[band - 1].plus(outstanding);
      const klass = byClass.get(cell.classification)!;
      klass.loans += cell.loans;
      klass.outstanding = klass.outstanding.plus(outstanding);
      addTo(byValueChain, cell.value_chain, cell, outstanding);
      addTo(byMunicipality, cell.municipality, cell, outstanding);
    }

    const byClassification = Object.fromEntries(
      CLASSIFICATIONS.map((c) => {
        const { loans: n, outstanding } = byClass.get(c)!;
        return [
          c,
          {
            loans: n,
            outstanding: formatMoney(outstanding),
            provision: formatMoney(roundMoney(outstanding.mul(PROVISION_RATES[c]))),
          },
        ];
      }),
    ) as PortfolioSummaryView['byClassification'];
    const provisionRequired = CLASSIFICATIONS.reduce(
      (sum, c) => sum.plus(byClassification[c].provision),
      new Decimal(0),
    );

    const summary: PortfolioSummaryView = {
      asOf: state.business_date,
      activeLoans: loans,
      grossPortfolio: formatMoney(gross),
      par1: ratio(pastDue[0], gross),
      par30: ratio(pastDue[1], gross),
      par90: ratio(pastDue[2], gross),
      byClassification,
      provisionRequired: formatMoney(provisionRequired),
      byValueChain: segmentViews(byValueChain),
      byMunicipality: segmentViews(byMunicipality),
      enterprisesFinanced: state.enterprises,
      womenLed: state.women_led,
      concentration: concentration(gross, byValueChain, byMunicipality, largest, state, policy),
      reprogrammed: {
        loans: reprogrammed.loans,
        outstanding: formatMoney(reprogrammed.outstanding),
      },
    };
    return summary;
  }
}

function addTo(segments: Map<string, Segment>, key: string, cell: Cell, outstanding: Decimal) {
  const segment = segments.get(key) ?? {
    loans: 0,
    outstanding: new Decimal(0),
    over30: new Decimal(0),
  };
  segment.loans += cell.loans;
  segment.outstanding = segment.outstanding.plus(outstanding);
  if (cell.dpd_band >= 2) segment.over30 = segment.over30.plus(outstanding);
  segments.set(key, segment);
}

function segmentViews(segments: Map<string, Segment>): Record<string, SegmentView> {
  return Object.fromEntries(
    [...segments.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, s]) => [
        key,
        {
          loans: s.loans,
          outstanding: formatMoney(s.outstanding),
          par30: ratio(s.over30, s.outstanding),
        },
      ]),
  );
}

function largestOf(segments: Map<string, Segment>, gross: Decimal) {
  const [name, segment] =
    [...segments.entries()].sort(([, a], [, b]) => b.outstanding.comparedTo(a.outstanding))[0] ??
    [];
  return name && segment ? { name, share: ratio(segment.outstanding, gross) } : null;
}

/** Where the risk concentrates, and how close the guarantee fund is to its leverage limit. */
function concentration(
  gross: Decimal,
  byValueChain: Map<string, Segment>,
  byMunicipality: Map<string, Segment>,
  largest: { loan_id: string; outstanding: string } | undefined,
  state: {
    available_capital: string | null;
    exposure: string | null;
    leverage_limit: string | null;
  },
  policy: {
    value_chain_share: string;
    municipality_share: string;
    loan_share: string;
    limit_used: string;
  },
): PortfolioSummaryView['concentration'] {
  const largestValueChain = largestOf(byValueChain, gross);
  const largestMunicipality = largestOf(byMunicipality, gross);
  const largestLoan =
    largest && !gross.isZero()
      ? { loanId: largest.loan_id, share: ratio(new Decimal(largest.outstanding), gross) }
      : null;
  let guaranteeFund: PortfolioSummaryView['concentration']['guaranteeFund'] = null;
  if (
    state.available_capital !== null &&
    state.exposure !== null &&
    state.leverage_limit !== null
  ) {
    const available = new Decimal(state.available_capital);
    const exposure = new Decimal(state.exposure);
    const limit = new Decimal(state.leverage_limit);
    const leverage = available.gt(0) ? exposure.div(available) : new Decimal(0);
    guaranteeFund = {
      availableCapital: formatMoney(available),
      exposure: formatMoney(exposure),
      leverage: formatRatio(leverage, 2),
      leverageLimit: formatRatio(limit, 2),
      limitUsed: limit.isZero() ? '0.0000' : formatRatio(leverage.div(limit), 4),
    };
  }
  const alerts: string[] = [];
  const over = (share: string | undefined, threshold: string) =>
    share !== undefined && new Decimal(share).gt(threshold);
  if (over(largestValueChain?.share, policy.value_chain_share))
    alerts.push('VALUE_CHAIN_CONCENTRATION');
  if (over(largestMunicipality?.share, policy.municipality_share))
    alerts.push('MUNICIPALITY_CONCENTRATION');
  if (over(largestLoan?.share, policy.loan_share)) alerts.push('SINGLE_LOAN_CONCENTRATION');
  if (over(guaranteeFund?.limitUsed, policy.limit_used)) alerts.push('LEVERAGE_NEAR_LIMIT');
  return {
    largestValueChain,
    largestMunicipality,
    largestLoan,
    guaranteeFund,
    thresholds: {
      valueChainShare: formatRatio(policy.value_chain_share, 4),
      municipalityShare: formatRatio(policy.municipality_share, 4),
      loanShare: formatRatio(policy.loan_share, 4),
      limitUsed: formatRatio(policy.limit_used, 4),
    },
    alerts,
  };
}
