/** The accounts of the fund ledger (seeded by the initial migration). README: "The funds and the ledger". */
export const Account = {
  GuaranteeCash: 'guarantee.cash',
  GuaranteeCapital: 'guarantee.capital',
  GuaranteeFees: 'guarantee.fees',
  GuaranteeClaimsPaid: 'guarantee.claims_paid',
  GuaranteeRecoveries: 'guarantee.recoveries',
  InnovationCash: 'innovation.cash',
  InnovationBudget: 'innovation.budget',
  InnovationGrantsExpense: 'innovation.grants_expense',
  InnovationGrantsCommitted: 'innovation.grants_committed',
  PoolCash: 'lending_pool.cash',
  PoolLoansReceivable: 'lending_pool.loans_receivable',
  PoolInterestIncome: 'lending_pool.interest_income',
  PoolGuaranteeClaims: 'lending_pool.guarantee_claims',
  PoolWriteOffs: 'lending_pool.write_offs',
} as const;
export type AccountCode = (typeof Account)[keyof typeof Account];

/** What caused a ledger transaction. */
export type LedgerKind =
  | 'guarantee_capital'
  | 'innovation_budget'
  | 'grant_commitment'
  | 'payout'
  | 'repayment'
  | 'repayment_reversal'
  | 'recovery'
  | 'recovery_reversal'
  | 'claim'
  | 'write_off';
