import { ApplicationEvents, ApplicationSubmittedPayload } from '@qollqa/contracts';
import { formatMoney } from '@qollqa/money';
import { Product } from '../../products/entities/product.entity';
import { Application } from '../entities/application.entity';
import { ApplicationEventDraft } from './application-transitions.service';

/** `application.submitted`: what credit-scoring needs to score this submission of the application. */
export function submittedEvent(
  application: Application,
  product: Product,
): ApplicationEventDraft<ApplicationSubmittedPayload> {
  const { enterprise } = application;
  return {
    type: ApplicationEvents.Submitted,
    aggregateId: application.id,
    payload: {
      applicationId: application.id,
      enterpriseId: enterprise.id,
      reference: application.reference,
      submission: application.submission,
      inputs: {
        valueChain: enterprise.valueChain,
        yearsInActivity: enterprise.yearsInActivity,
        associationMember: enterprise.associationMember,
        amount: formatMoney(application.amount),
        termMonths: application.termMonths,
        graceMonths: application.graceMonths,
        monthlyRevenue: formatMoney(application.monthlyRevenue),
        monthlyCosts: formatMoney(application.monthlyCosts),
        householdExpenses: formatMoney(application.householdExpenses),
        otherDebtPayments: formatMoney(application.otherDebtPayments),
        tea: product.tea.toString(),
        collateralValue: formatMoney(application.collateralValue),
      },
    },
  };
}
