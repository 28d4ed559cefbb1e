import { Injectable } from '@nestjs/common';
import { Classification, PortfolioSummaryView, SegmentView } from '@qollqa/contracts';
import { Decimal, formatMoney, formatRatio, roundMoney } from '@qollqa/money';
import { EntityManager } from 'typeorm';
import { PortfolioCell, PortfolioCellRepository } from '../cells/portfolio-cell.repository';
import { LargestLoan, PortfolioLoanRepository } from '../loans/portfolio-loan.repository';
import {
  ConcentrationPolicy,
  PortfolioState,
  PortfolioStateRepository,
} from '../state/portfolio-state.repository';
import { CLASSIFICATIONS, PROVISION_RATES } from './sbs-provisions';

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
  constructor(
    private readonly cells: PortfolioCellRepository,
    private readonly states: PortfolioStateRepository,
    private readonly loans: PortfolioLoanRepository,
  ) {}

  /** `manager`: a transaction's (a close being recorded); the data source's when absent. */
  async summary(manager?: EntityManager): Promise<PortfolioSummaryView> {
    // One after the other: inside a transaction (a close being recorded) they share one connection.
    const cells = await this.cells.withLoans(manager);
    const state = await this.states.read(manager);
    const policy = await this.states.concentrationPolicy(manager);
    const largest = await this.loans.largestInPortfolio(manager);

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
      const { outstanding } = cell;
      if (cell.reprogrammed) {
        reprogrammed.loans += cell.loans;
        reprogrammed.outstanding = reprogrammed.outstanding.plus(outstanding);
      }
      loans += cell.loans;
      gross = gross.plus(outstanding);
      for (let band = 1; band <= 3; band++)
        if (cell.dpdBand >= band) pastDue[band - 1] = pastDue[band - 1].plus(outstanding);
      const klass = byClass.get(cell.classification)!;
      klass.loans += cell.loans;
      klass.outstanding = klass.outstanding.plus(outstanding);
      addTo(byValueChain, cell.valueChain, cell, outstanding);
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
      asOf: state.businessDate,
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
      womenLed: state.womenLed,
      concentration: concentration(gross, byValueChain, byMunicipality, largest, state, policy),
      reprogrammed: {
        loans: reprogrammed.loans,
        outstanding: formatMoney(reprogrammed.outstanding),
      },
    };
    return summary;
  }
}

function addTo(
  segments: Map<string, Segment>,
  key: string,
  cell: PortfolioCell,
  outstanding: Decimal,
) {
  const segment = segments.get(key) ?? {
    loans: 0,
    outstanding: new Decimal(0),
    over30: new Decimal(0),
  };
  segment.loans += cell.loans;
  segment.outstanding = segment.outstanding.plus(outstanding);
  if (cell.dpdBand >= 2) segment.over30 = segment.over30.plus(outstanding);
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
  largest: LargestLoan | null,
  state: PortfolioState,
  policy: ConcentrationPolicy,
): PortfolioSummaryView['concentration'] {
  const largestValueChain = largestOf(byValueChain, gross);
  const largestMunicipality = largestOf(byMunicipality, gross);
  const largestLoan =
    largest && !gross.isZero()
      ? { loanId: largest.loanId, share: ratio(largest.outstanding, gross) }
      : null;
  let guaranteeFund: PortfolioSummaryView['concentration']['guaranteeFund'] = null;
  const { availableCapital: available, exposure, leverageLimit: limit } = state;
  if (available !== null && exposure !== null && limit !== null) {
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
  const over = (share: string | undefined, threshold: Decimal) =>
    share !== undefined && new Decimal(share).gt(threshold);
  if (over(largestValueChain?.share, policy.valueChainShare))
    alerts.push('VALUE_CHAIN_CONCENTRATION');
  if (over(largestMunicipality?.share, policy.municipalityShare))
    alerts.push('MUNICIPALITY_CONCENTRATION');
  if (over(largestLoan?.share, policy.loanShare)) alerts.push('SINGLE_LOAN_CONCENTRATION');
  if (over(guaranteeFund?.limitUsed, policy.limitUsed)) alerts.push('LEVERAGE_NEAR_LIMIT');
  return {
    largestValueChain,
    largestMunicipality,
    largestLoan,
    guaranteeFund,
    thresholds: {
      valueChainShare: formatRatio(policy.valueChainShare, 4),
      municipalityShare: formatRatio(policy.municipalityShare, 4),
      loanShare: formatRatio(policy.loanShare, 4),
      limitUsed: formatRatio(policy.limitUsed, 4),
    },
    alerts,
  };
}
