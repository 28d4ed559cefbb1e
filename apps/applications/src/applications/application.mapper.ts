import { ApplicationView, TimelineEntryView } from '@qollqa/contracts';
import { formatMoney } from '@qollqa/money';
import { Application } from './entities/application.entity';
import { TimelineEntry } from './entities/timeline-entry.entity';

const moneyOrNull = (value: { toString(): string } | null) =>
  value === null ? null : formatMoney(value.toString());

/** The application as API.md shows it. */
export function toApplicationView(
  application: Application,
  timeline: TimelineEntry[] = [],
): ApplicationView {
  const { enterprise } = application;
  return {
    id: application.id,
    reference: application.reference,
    status: application.status,
    createdAt: application.createdAt.toISOString(),
    enterprise: {
      id: enterprise.id,
      name: enterprise.name,
      documentId: enterprise.documentId,
      municipality: enterprise.municipality,
      valueChain: enterprise.valueChain,
      womenLed: enterprise.womenLed,
      associationMember: enterprise.associationMember,
      yearsInActivity: enterprise.yearsInActivity,
    },
    request: {
      amount: formatMoney(application.amount),
      termMonths: application.termMonths,
      graceMonths: application.graceMonths,
      purpose: application.purpose,
      collateralValue: formatMoney(application.collateralValue),
      innovation:
        application.innovationDescription === null
          ? null
          : {
              description: application.innovationDescription,
              cost: formatMoney(application.innovationCost ?? 0),
              grantRequested: formatMoney(application.grantRequested),
            },
    },
    cashflow: {
      monthlyRevenue: formatMoney(application.monthlyRevenue),
      monthlyCosts: formatMoney(application.monthlyCosts),
      householdExpenses: formatMoney(application.householdExpenses),
      otherDebtPayments: formatMoney(application.otherDebtPayments),
    },
    score: application.score,
    decision:
      application.decision === null
        ? null
        : {
            decision: application.decision,
            amount: moneyOrNull(application.decidedAmount),
            termMonths: application.decidedTermMonths,
            reason: application.decisionReason,
            by: application.decidedBy ?? '',
            byName: null, // the gateway's to fill, like the timeline's
            at: (application.decidedAt ?? application.updatedAt).toISOString(),
            secondApprovalBy: application.secondApprovalBy,
            secondApprovalByName: null,
          },
    loanId: application.loanId,
    timeline: timeline.map(toTimelineEntryView),
  };
}

/** `byName` is the gateway's to fill (it owns the staff's names); null here. */
function toTimelineEntryView(entry: TimelineEntry): TimelineEntryView {
  return {
    status: entry.status,
    at: entry.at.toISOString(),
    by: entry.by,
    byName: null,
    note: entry.note,
    noteBySystem: entry.noteBySystem,
    detail: entry.detail,
  };
}
