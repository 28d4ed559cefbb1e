import {
  ApplicationApprovedPayload,
  ApplicationEvents,
  BusinessDayEvents,
} from '@qollqa/contracts';
import { randomUUID } from 'node:crypto';
import { envelope } from './publish-event';

/** An `application.approved` event as the applications service publishes it (API.md's example by default). */
export function approvalEvent(overrides: Partial<ApplicationApprovedPayload> = {}) {
  const applicationId = overrides.applicationId ?? randomUUID();
  return envelope<ApplicationApprovedPayload>(ApplicationEvents.Approved, applicationId, {
    applicationId,
    reference: `QL-${applicationId.slice(0, 6).toUpperCase()}`,
    enterprise: {
      id: randomUUID(),
      name: 'Familia Quispe Mamani',
      municipality: 'Ocongate',
      valueChain: 'dairy',
      womenLed: true,
    },
    amount: '6000.00',
    termMonths: 18,
    graceMonths: 0,
    collateralValue: '0.00',
    grantRequested: '0.00',
    productCode: 'innovacion',
    tea: '0.18',
    moratoryTea: '0.10',
    approvedBy: 'officer',
    secondApprovalBy: null,
    ...overrides,
  });
}

/** The repayment service's announcement of the business date. */
export function businessDayClosed(businessDate: string) {
  return envelope(BusinessDayEvents.Closed, randomUUID(), {
    businessDate,
    previousBusinessDate: null,
  });
}
