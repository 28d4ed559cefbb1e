import { Injectable } from '@nestjs/common';
import { ImpactSegmentView, PortfolioImpactView } from '@qollqa/contracts';
import { Decimal, formatMoney, formatRatio } from '@qollqa/money';
import { ImpactDimension, ImpactRepository, ImpactSegment } from '../impact.repository';

/**
 * GET /api/portfolio/impact: the enterprises the programme financed against its target, the women-led
 * among them, first and repeat loans, the grants paid, by value chain and by municipality — from the
 * read model's pre-summed segments (events only).
 */
@Injectable()
export class GetImpactService {
  constructor(private readonly impact: ImpactRepository) {}

  async execute(): Promise<PortfolioImpactView> {
    const [segments, financed, target] = await Promise.all([
      this.impact.segments(),
      this.impact.enterprises(),
      this.impact.targetEnterprises(),
    ]);
    // Every loan is in one value chain (and one municipality): the totals are either dimension's.
    const chains = segments.filter((row) => row.dimension === 'value_chain');
    const loans = chains.reduce((sum, row) => sum + row.loans, 0);
    return {
      target: { enterprises: target },
      enterprisesFinanced: financed.enterprises,
      womenLed: financed.womenLed,
      womenLedShare:
        financed.enterprises === 0
          ? '0.0000'
          : formatRatio(new Decimal(financed.womenLed).div(financed.enterprises), 4),
      // Each enterprise financed had one first loan; every other loan was a repeat one.
      firstLoan: financed.enterprises,
      repeatLoan: loans - financed.enterprises,
      grants: {
        count: chains.reduce((sum, row) => sum + row.loansWithGrant, 0),
        amount: formatMoney(chains.reduce((sum, row) => sum.plus(row.grantAmount), new Decimal(0))),
      },
      byValueChain: bySegment(segments, 'value_chain'),
      byMunicipality: bySegment(segments, 'municipality'),
    };
  }
}

function bySegment(
  rows: ImpactSegment[],
  dimension: ImpactDimension,
): Record<string, ImpactSegmentView> {
  return Object.fromEntries(
    rows
      .filter((row) => row.dimension === dimension)
      .map((row) => [
        row.segment,
        {
          enterprises: row.enterprises,
          womenLed: row.womenLed,
          disbursed: formatMoney(row.disbursed),
        },
      ]),
  );
}
