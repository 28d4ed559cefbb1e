export const PortfolioImpactRpc = {
  Impact: 'portfolio.impact',
} as const;

/** The enterprises financed in one value chain or municipality. */
export interface ImpactSegmentView {
  /** Distinct enterprises with a loan paid out in the segment. */
  enterprises: number;
  /** Of them, women-led. */
  womenLed: number;
  /** Σ principal of the segment's loans paid out. */
  disbursed: string;
}

/** GET /api/portfolio/impact (API.md "Impact"). */
export interface PortfolioImpactView {
  /** The programme's goal (programme data). */
  target: { enterprises: number };
  /** Distinct enterprises ever paid out. */
  enterprisesFinanced: number;
  womenLed: number;
  /** womenLed ÷ enterprisesFinanced, 4 places ("0.0000" with none). */
  womenLedShare: string;
  /** Loans that were an enterprise's first, and those that were a later one. */
  firstLoan: number;
  repeatLoan: number;
  /** Matching grants paid out with the loans: how many, and their sum. */
  grants: { count: number; amount: string };
  byValueChain: Record<string, ImpactSegmentView>;
  byMunicipality: Record<string, ImpactSegmentView>;
}
