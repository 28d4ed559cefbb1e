import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CreateApplicationCommand,
  CreatedApplicationView,
  searchableText,
} from '@qollqa/contracts';
import { money } from '@qollqa/money';
import { hydrate } from '@qollqa/persistence';
import { CredentialHasher } from '@qollqa/platform';
import { DataSource, EntityManager } from 'typeorm';
import { Enterprise } from '../../enterprises/entities/enterprise.entity';
import { ProductsService } from '../../products/products.service';
import { assertGrantAllowed, assertWithinProductLimits } from '../../products/product-rules';
import { toApplicationView } from '../application.mapper';
import { Application } from '../entities/application.entity';
import { TimelineEntry } from '../entities/timeline-entry.entity';
import { newPin, newReference } from './application-credentials';
import { ApplicationTransitions } from './application-transitions.service';
import { submittedEvent } from './submitted-event';

const UNIQUE_VIOLATION = '23505';

/**
 * A loan officer registers a family enterprise's application: the enterprise is created or its
 * profile updated, the application is `submitted` with a reference and a PIN (returned once, stored
 * as a hash), and `application.submitted` goes out for scoring, all in one transaction.
 */
@Injectable()
export class CreateApplicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly transitions: ApplicationTransitions,
    private readonly hasher: CredentialHasher,
  ) {}

  async execute(command: CreateApplicationCommand): Promise<CreatedApplicationView> {
    const { body, actor } = command;
    const product = await this.products.defaultProduct();
    const amount = money(body.request.amount);
    assertWithinProductLimits(product, amount, body.request.termMonths, body.request.graceMonths);
    const innovation = body.request.innovation ?? null;
    const grantRequested = money(innovation?.grantRequested ?? '0');
    assertGrantAllowed(product, innovation ? money(innovation.cost) : null, grantRequested);

    const pin = newPin();
    const pinHash = await this.hasher.hash(pin);
    for (let attempt = 1; ; attempt++) {
      try {
        const { application, timeline } = await this.dataSource.transaction(async (manager) => {
          const earlier = command.idempotencyKey
            ? await manager.findOne(Application, {
                where: { createdById: actor.id, idempotencyKey: command.idempotencyKey },
                lock: { mode: 'pessimistic_write', tables: ['application'] },
              })
            : null;
          if (earlier) {
            // The first answer was lost before it reached the officer (the gateway stopped after this
            // service committed): the PIN they never saw is replaced by the one returned now.
            await manager.update(Application, earlier.id, { pinHash });
            const entries = await manager
              .getRepository(TimelineEntry)
              .find({ where: { applicationId: earlier.id }, order: { id: 'ASC' } });
            return { application: earlier, timeline: entries };
          }
          const enterprise = await this.saveEnterprise(manager, command);
          const created = manager.create(Application, {
            reference: newReference(),
            pinHash,
            enterpriseId: enterprise.id,
            enterprise,
            productCode: product.code,
            submission: 1,
            amount,
            termMonths: body.request.termMonths,
            graceMonths: body.request.graceMonths,
            purpose: body.request.purpose,
            collateralValue: money(body.request.collateralValue ?? '0'),
            innovationDescription: innovation?.description ?? null,
            innovationCost: innovation ? money(innovation.cost) : null,
            grantRequested,
            monthlyRevenue: money(body.cashflow.monthlyRevenue),
            monthlyCosts: money(body.cashflow.monthlyCosts),
            householdExpenses: money(body.cashflow.householdExpenses),
            otherDebtPayments: money(body.cashflow.otherDebtPayments),
            score: null,
            decision: null,
            loanId: null,
            version: 0,
            createdById: actor.id,
            createdBy: actor.name,
            idempotencyKey: command.idempotencyKey ?? null,
          });
          const submitted = await this.transitions.move(
            manager,
            created,
            { to: 'submitted', by: actor.name },
            (saved) => submittedEvent(saved, product),
          );
          // The answer is what was written: a new application's timeline is its one entry.
          return { application: created, timeline: [submitted] };
        });
        return { ...toApplicationView(application, timeline), pin };
      } catch (err) {
        // A reference (or idempotency key) taken by a concurrent request: try again with a fresh one.
        if ((err as { code?: string }).code === UNIQUE_VIOLATION && attempt < 5) continue;
        throw err;
      }
    }
  }

  private async saveEnterprise(
    manager: EntityManager,
    command: CreateApplicationCommand,
  ): Promise<Enterprise> {
    const e = command.body.enterprise;
    const [row]: Record<string, unknown>[] = await manager.query(
      `INSERT INTO enterprise (document_id, name, municipality, value_chain, women_led, association_member,
         years_in_activity, search_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (document_id) DO UPDATE SET name = EXCLUDED.name, search_name = EXCLUDED.search_name,
         municipality = EXCLUDED.municipality,
         value_chain = EXCLUDED.value_chain, women_led = EXCLUDED.women_led,
         association_member = EXCLUDED.association_member, years_in_activity = EXCLUDED.years_in_activity,
         updated_at = now()
       RETURNING *`,
      [
        e.documentId,
        e.name,
        e.municipality,
        e.valueChain,
        e.womenLed,
        e.associationMember,
        e.yearsInActivity,
        searchableText(e.name),
      ],
    );
    return hydrate(manager, Enterprise, row);
  }
}
