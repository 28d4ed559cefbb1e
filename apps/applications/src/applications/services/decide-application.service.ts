import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Actor,
  ApplicationApprovedPayload,
  ApplicationEvents,
  ApplicationView,
  DecideApplicationCommand,
  DecideApplicationDto,
} from '@qollqa/contracts';
import { formatMoney, money } from '@qollqa/money';
import { errorPart as part } from '@qollqa/platform';
import { DataSource, EntityManager } from 'typeorm';
import { Product } from '../../products/entities/product.entity';
import { assertWithinProductLimits } from '../../products/product-rules';
import { ApplicationException, ApplicationExceptionCode as Code } from '../application.exception';
import { Application } from '../entities/application.entity';
import { ApplicationTransitions } from './application-transitions.service';
import { lockApplication } from './lock-application';
import { ApplicationQueries } from './application-queries.service';

/**
 * An officer's decision on a scored application, or a fund manager's second approval of a large
 * one (maker–checker: the same person can't give both). The row is locked for the decision, so two
 * decisions racing on one application give one decision and one 409.
 */
@Injectable()
export class DecideApplicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: ApplicationTransitions,
    private readonly queries: ApplicationQueries,
  ) {}

  async execute({ actor, id, body }: DecideApplicationCommand): Promise<ApplicationView> {
    await this.dataSource.transaction(async (manager) => {
      const application = await lockApplication(manager, id);
      const product = await manager.findOneByOrFail(Product, { code: application.productCode });
      if (application.status === 'in_review') {
        await this.firstDecision(manager, application, product, actor, body);
      } else if (application.status === 'awaiting_second_approval') {
        await this.secondDecision(manager, application, product, actor, body);
      } else {
        throw new ApplicationException(
          Code.NotAwaitingDecision,
          `Application ${application.reference} is ${application.status}: it is not waiting for a decision`,
          [
            part(Code.NotAwaitingDecision, 'decision', {
              reference: application.reference,
              status: application.status,
            }),
          ],
        );
      }
    });
    return this.queries.get(actor, id);
  }

  private async firstDecision(
    manager: EntityManager,
    application: Application,
    product: Product,
    actor: Actor,
    body: DecideApplicationDto,
  ) {
    if (actor.role !== 'loan_officer') {
      throw new ApplicationException(
        Code.RoleMayNotDecide,
        'Only a loan officer makes the first decision',
        [part(Code.RoleMayNotDecide, 'firstDecision')],
      );
    }
    const amount = body.decision === 'approve' ? money(body.amount ?? application.amount) : null;
    const termMonths =
      body.decision === 'approve' ? (body.termMonths ?? application.termMonths) : null;
    if (amount && termMonths !== null) {
      assertWithinProductLimits(product, amount, termMonths, application.graceMonths);
    }
    Object.assign(application, {
      decision: body.decision,
      decidedAmount: amount,
      decidedTermMonths: termMonths,
      decisionReason: body.reason ?? null,
      decidedBy: actor.name,
      decidedById: actor.id,
      decidedAt: new Date(),
      secondApprovalBy: null,
      secondApprovalById: null,
    });
    const note = body.reason ?? null;
    if (body.decision === 'reject') {
      await this.transitions.move(manager, application, { to: 'rejected', by: actor.name, note });
    } else if (body.decision === 'request_info') {
      await this.transitions.move(manager, application, {
        to: 'info_requested',
        by: actor.name,
        note,
      });
    } else if (amount!.gt(product.secondApprovalAbove)) {
      const [approved, threshold] = [
        formatMoney(amount!),
        formatMoney(product.secondApprovalAbove),
      ];
      // The officer's step, with what the system made of it: the officer's own reason as the note,
      // or (without one) an English sentence of the system's for older clients.
      await this.transitions.move(manager, application, {
        to: 'awaiting_second_approval',
        by: actor.name,
        note: note ?? `Approved for ${approved}: above ${threshold}, a fund manager must confirm`,
        noteBySystem: note === null,
        detail: { code: 'SECOND_APPROVAL_REQUIRED', amount: approved, threshold },
      });
    } else {
      await this.approve(manager, application, product, actor, note);
    }
  }

  private async secondDecision(
    manager: EntityManager,
    application: Application,
    product: Product,
    actor: Actor,
    body: DecideApplicationDto,
  ) {
    // The officer who approved it sends the decision again (a retry whose first answer was lost):
    // it was recorded, and the loan waits for a fund manager (409), not "you may not decide".
    if (actor.role !== 'fund_manager' && actor.id === application.decidedById) {
      throw new ApplicationException(
        Code.NotAwaitingDecision,
        `Application ${application.reference} was approved and is waiting for a fund manager's second approval`,
        [
          part(Code.NotAwaitingDecision, 'decision', {
            reference: application.reference,
            status: application.status,
          }),
        ],
      );
    }
    if (actor.role !== 'fund_manager') {
      throw new ApplicationException(
        Code.RoleMayNotDecide,
        'A large loan needs a fund manager for its second approval',
        [part(Code.RoleMayNotDecide, 'secondApproval')],
      );
    }
    if (actor.id === application.decidedById) {
      throw new ApplicationException(
        Code.SameApprover,
        'The second approval must come from another person',
      );
    }
    if (body.decision === 'request_info') {
      throw new ApplicationException(
        Code.NotAwaitingDecision,
        'A second approval approves or rejects',
        [part(Code.NotAwaitingDecision, 'secondApproval')],
      );
    }
    const note = body.reason ?? null;
    if (body.decision === 'reject') {
      Object.assign(application, {
        decision: 'reject',
        decisionReason: body.reason,
        decidedBy: actor.name,
        decidedById: actor.id,
        decidedAt: new Date(),
        secondApprovalBy: null,
      });
      await this.transitions.move(manager, application, { to: 'rejected', by: actor.name, note });
      return;
    }
    const changesTerms =
      (body.amount !== undefined && !money(body.amount).eq(application.decidedAmount!)) ||
      (body.termMonths !== undefined && body.termMonths !== application.decidedTermMonths);
    if (changesTerms) {
      throw new ApplicationException(
        Code.OutsideProductLimits,
        'A second approval confirms the first approval as it is: reject it to change amount or term',
        [part(Code.OutsideProductLimits, 'secondApproval')],
      );
    }
    application.secondApprovalBy = actor.name;
    application.secondApprovalById = actor.id;
    await this.approve(manager, application, product, actor, note);
  }

  /** The approval that moves money: disbursement acts on `application.approved`. */
  private async approve(
    manager: EntityManager,
    application: Application,
    product: Product,
    actor: Actor,
    note: string | null,
  ) {
    const { enterprise } = application;
    await this.transitions.move(
      manager,
      application,
      { to: 'approved', by: actor.name, note },
      () => ({
        type: ApplicationEvents.Approved,
        aggregateId: application.id,
        payload: {
          applicationId: application.id,
          reference: application.reference,
          enterprise: {
            id: enterprise.id,
            documentId: enterprise.documentId,
            name: enterprise.name,
            municipality: enterprise.municipality,
            valueChain: enterprise.valueChain,
            womenLed: enterprise.womenLed,
          },
          amount: formatMoney(application.decidedAmount!),
          termMonths: application.decidedTermMonths!,
          graceMonths: application.graceMonths,
          collateralValue: formatMoney(application.collateralValue),
          grantRequested: formatMoney(application.grantRequested),
          productCode: product.code,
          tea: product.tea.toString(),
          moratoryTea: product.moratoryTea.toString(),
          approvedBy: application.decidedBy!,
          secondApprovalBy: application.secondApprovalBy,
          registeredBy: application.createdBy,
        } satisfies ApplicationApprovedPayload,
      }),
    );
  }
}
