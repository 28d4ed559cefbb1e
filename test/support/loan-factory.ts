import {
  EventEnvelope,
  LoanDisbursedEvent,
  LoanDisbursedPayload,
  LoanEvents,
} from '@qollqa/contracts';
import { buildFrenchSchedule, formatMoney, money, roundMoney } from '@qollqa/money';
import { randomUUID } from 'node:crypto';
import { eventually } from './eventually';
import { publishEvents } from './publish-event';
import { TestSystem } from './test-system';

export interface LoanOptions {
  loanId?: string;
  enterpriseId?: string;
  municipality?: string;
  valueChain?: LoanDisbursedPayload['enterprise']['valueChain'];
  principal?: string;
  termMonths?: number;
  graceMonths?: number;
  disbursedOn?: string;
  tea?: string;
  moratoryTea?: string;
  coverage?: string;
  enterpriseName?: string;
  documentId?: string;
  /** The loan officer who registered the application (the collection sheet's `officer`). */
  registeredBy?: string;
}

/**
 * A loan.disbursed event as the disbursement service would publish it: crédito de innovación at
 * TEA 18 %, moratory TEA 10 %, 70 % coverage, the French schedule of libs/money, a guarantee fee of
 * 1.5 % of the guaranteed amount.
 */
export function loanDisbursedEvent(options: LoanOptions = {}): LoanDisbursedEvent {
  const principal = options.principal ?? '6000.00';
  const coverage = options.coverage ?? '0.70';
  const disbursedOn = options.disbursedOn ?? '2026-01-15';
  const termMonths = options.termMonths ?? 12;
  const schedule = buildFrenchSchedule({
    principal,
    tea: options.tea ?? '0.18',
    termMonths,
    graceMonths: options.graceMonths ?? 0,
    disbursedOn,
  });
  const guaranteeFee = roundMoney(money(principal).mul(coverage).mul('0.015'));
  const loanId = options.loanId ?? randomUUID();
  const id = randomUUID();
  return {
    id,
    type: LoanEvents.Disbursed,
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId: loanId,
    aggregateVersion: 1,
    correlationId: id,
    causationId: null,
    payload: {
      loanId,
      applicationId: randomUUID(),
      reference: `QL-${loanId.slice(0, 6).toUpperCase()}`,
      enterprise: {
        id: options.enterpriseId ?? randomUUID(),
        name: options.enterpriseName ?? 'Familia Quispe Mamani',
        ...(options.documentId ? { documentId: options.documentId } : {}),
        municipality: options.municipality ?? 'Ocongate',
        valueChain: options.valueChain ?? 'dairy',
        womenLed: true,
      },
      productCode: 'innovacion',
      principal,
      tea: options.tea ?? '0.18',
      moratoryTea: options.moratoryTea ?? '0.10',
      termMonths,
      graceMonths: options.graceMonths ?? 0,
      disbursedOn,
      coverage,
      guaranteeFee: formatMoney(guaranteeFee),
      grant: '0.00',
      payout: formatMoney(money(principal).minus(guaranteeFee)),
      schedule: schedule.map((line) => ({
        number: line.number,
        dueDate: line.dueDate,
        principal: formatMoney(line.principal),
        interest: formatMoney(line.interest),
        installment: formatMoney(line.installment),
      })),
      ...(options.registeredBy ? { registeredBy: options.registeredBy } : {}),
    },
  };
}

/** Publishes an event to the suite's JetStream stream exactly as the outbox relay does. */
/** Publishes one event to the suite's stream as the outbox relay would. */
export function publishEvent(system: TestSystem, event: EventEnvelope): Promise<void> {
  return publishEvents(system, [event]);
}

/**
 * Disburses a loan without the disbursement service: publishes its loan.disbursed and waits until
 * the repayment service shows it. Returns the event and the loan as GET /api/loans/{id} answers.
 */
export async function disburseLoan(system: TestSystem, token: string, options: LoanOptions = {}) {
  const event = loanDisbursedEvent(options);
  await publishEvent(system, event);
  const loan = await eventually(async () => {
    const response = await system
      .http()
      .get(`/api/loans/${event.payload.loanId}`)
      .set('Authorization', `Bearer ${token}`);
    if (response.status !== 200) throw new Error(`loan not open yet: ${response.status}`);
    return response.body;
  });
  return { event, loanId: event.payload.loanId as string, loan };
}
