export const LOAN_STATUSES = ['active', 'claimed', 'repaid', 'written_off'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];

/** SBS Peru classes for micro and small enterprise credits, by days past due. */
export const CLASSIFICATIONS = ['normal', 'cpp', 'deficiente', 'dudoso', 'perdida'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const INSTALLMENT_STATUSES = ['pending', 'partial', 'paid', 'overdue'] as const;
export type InstallmentStatus = (typeof INSTALLMENT_STATUSES)[number];
