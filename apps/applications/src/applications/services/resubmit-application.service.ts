import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { errorPart as part } from '@qollqa/platform';
import { ApplicationView, ResubmitApplicationCommand } from '@qollqa/contracts';
import { money } from '@qollqa/money';
import { DataSource } from 'typeorm';
import { Product } from '../../products/entities/product.entity';
import { assertGrantAllowed, assertWithinProductLimits } from '../../products/product-rules';
import { ApplicationException, ApplicationExceptionCode as Code } from '../application.exception';
import { ApplicationQueries } from './application-queries.service';
import { ApplicationTransitions } from './application-transitions.service';
import { lockApplication } from './lock-application';
import { submittedEvent } from './submitted-event';

/**
 * `info_requested → submitted`: the officer sends the application back for scoring with what the
 * family answered. It is a new submission: the old score and decision no longer stand.
 */
@Injectable()
export class ResubmitApplicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: ApplicationTransitions,
    private readonly queries: ApplicationQueries,
  ) {}

  async execute({ actor, id, body }: ResubmitApplicationCommand): Promise<ApplicationView> {
    await this.dataSource.transaction(async (manager) => {
      const application = await lockApplication(manager, id);
      if (application.status !== 'info_requested') {
        throw new ApplicationException(
          Code.NotAwaitingDecision,
          `Application ${application.reference} is ${application.status}: only an application waiting for information is resubmitted`,
          [
            part(Code.NotAwaitingDecision, 'resubmit', {
              reference: application.reference,
              status: application.status,
            }),
          ],
        );
      }
      const product = await manager.findOneByOrFail(Product, { code: application.productCode });
      if (body.request) {
        const request = body.request;
        const amount = money(request.amount);
        assertWithinProductLimits(product, amount, request.termMonths, request.graceMonths);
        const grant = money(request.innovation?.grantRequested ?? '0');
        assertGrantAllowed(
          product,
          request.innovation ? money(request.innovation.cost) : null,
          grant,
        );
        Object.assign(application, {
          amount,
          termMonths: request.termMonths,
          graceMonths: request.graceMonths,
          purpose: request.purpose,
          collateralValue: money(request.collateralValue ?? '0'),
          innovationDescription: request.innovation?.description ?? null,
          innovationCost: request.innovation ? money(request.innovation.cost) : null,
          grantRequested: grant,
        });
      }
      if (body.cashflow) {
        Object.assign(application, {
          monthlyRevenue: money(body.cashflow.monthlyRevenue),
          monthlyCosts: money(body.cashflow.monthlyCosts),
          householdExpenses: money(body.cashflow.householdExpenses),
          otherDebtPayments: money(body.cashflow.otherDebtPayments),
        });
      }
      Object.assign(application, {
        submission: application.submission + 1,
        score: null,
        decision: null,
        decidedAmount: null,
        decidedTermMonths: null,
        decisionReason: null,
        decidedBy: null,
        decidedById: null,
        decidedAt: null,
      });
      await this.transitions.move(
        manager,
        application,
        { to: 'submitted', by: actor.name, note: body.note ?? null },
        (saved) => submittedEvent(saved, product),
      );
    });
    return this.queries.get(actor, id);
  }
}
